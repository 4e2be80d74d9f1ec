// The backup schedule of a cluster, as far as automatic export goes: GET and PATCH
// /groups/{groupId}/clusters/{clusterName}/backup/schedule (2024-08-05). `export` is accepted only
// with autoExportEnabled true (recorded); turning it off is explicit and drops the export settings.
import {badAttribute, SimulatorHttpError} from '../errors.js';
import type {SeedCluster} from '../seed-backup.js';
import {V20240805} from '../versions.js';
import {requireCloudBackup} from './clusters.js';
import {isPlainObject} from './common.js';
import type {Route, RouteContext} from './types.js';

const FREQUENCIES = ['monthly', 'yearly'];

function policyItem(id: string, frequencyType: string, frequencyInterval: number, retentionUnit: string, retentionValue: number): Record<string, unknown> {
	return {frequencyInterval, frequencyType, id, retentionUnit, retentionValue};
}

function scheduleView(context: RouteContext, cluster: SeedCluster): Record<string, unknown> {
	const base = cluster.id.slice(0, 22);
	const next = new Date(Math.ceil(context.now / 3_600_000) * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
	return {
		autoExportEnabled: cluster.autoExportEnabled,
		clusterId: cluster.id,
		clusterName: cluster.name,
		copySettings: [],
		...(cluster.export ? {export: {...cluster.export}} : {}),
		extraRetentionSettings: [],
		links: [{href: `${context.origin}${context.path}`, rel: 'self'}],
		nextSnapshot: next,
		policies: [
			{
				id: `${base}c1`,
				policyItems: [
					policyItem(`${base}d1`, 'hourly', 6, 'days', 2),
					policyItem(`${base}d2`, 'daily', 1, 'days', 7),
					policyItem(`${base}d3`, 'weekly', 6, 'weeks', 4),
					policyItem(`${base}d4`, 'monthly', 40, 'months', 12),
				],
			},
		],
		referenceHourOfDay: 3,
		referenceMinuteOfHour: 0,
		restoreWindowDays: 2,
		useOrgAndGroupNamesInExportPrefix: cluster.useOrgAndGroupNamesInExportPrefix,
	};
}

function applyPatch(context: RouteContext, cluster: SeedCluster, groupId: string): void {
	const body = context.body;
	if (!isPlainObject(body)) throw badAttribute('The request body must be a JSON object.');
	const {autoExportEnabled, export: exportSettings, useOrgAndGroupNamesInExportPrefix} = body;
	if (autoExportEnabled !== undefined && typeof autoExportEnabled !== 'boolean') throw badAttribute('Attribute autoExportEnabled must be true or false.');
	if (exportSettings !== undefined && autoExportEnabled !== true) {
		throw badAttribute('Attribute export is accepted only together with "autoExportEnabled": true.');
	}
	if (useOrgAndGroupNamesInExportPrefix !== undefined && typeof useOrgAndGroupNamesInExportPrefix !== 'boolean') {
		throw badAttribute('Attribute useOrgAndGroupNamesInExportPrefix must be true or false.');
	}
	let next = cluster.export;
	if (autoExportEnabled === true) {
		if (exportSettings !== undefined && !isPlainObject(exportSettings)) throw badAttribute('Attribute export must be an object.');
		const merged = {...cluster.export, ...(exportSettings as Record<string, unknown> | undefined)};
		const {exportBucketId, frequencyType} = merged;
		if (typeof exportBucketId !== 'string') throw badAttribute('Automatic export needs export.exportBucketId.');
		if (typeof frequencyType !== 'string' || !FREQUENCIES.includes(frequencyType)) {
			throw badAttribute(`Invalid export.frequencyType ${JSON.stringify(frequencyType)}: expected monthly or yearly.`);
		}
		if (!context.state.bucket(groupId, exportBucketId)) {
			throw new SimulatorHttpError(404, 'EXPORT_BUCKET_NOT_FOUND', `No export bucket with ID ${exportBucketId} exists in project ${groupId}.`);
		}
		next = {exportBucketId, frequencyType};
	}
	if (autoExportEnabled === false) {
		cluster.autoExportEnabled = false;
		delete cluster.export;
	} else if (autoExportEnabled === true && next) {
		cluster.autoExportEnabled = true;
		cluster.export = next;
	}
	if (typeof useOrgAndGroupNamesInExportPrefix === 'boolean') cluster.useOrgAndGroupNamesInExportPrefix = useOrgAndGroupNamesInExportPrefix;
}

export const backupScheduleRoutes: Route[] = [
	{
		method: 'GET',
		pattern: /^\/groups\/([^/]+)\/clusters\/([^/]+)\/backup\/schedule\/?$/,
		versions: [V20240805],
		handle(context, [groupId = '', clusterName = '']) {
			return {status: 200, body: scheduleView(context, requireCloudBackup(context, groupId, clusterName))};
		},
	},
	{
		method: 'PATCH',
		pattern: /^\/groups\/([^/]+)\/clusters\/([^/]+)\/backup\/schedule\/?$/,
		versions: [V20240805],
		takesBody: true,
		// Atlas lets a Project Backup Manager do this (not only a Project Owner).
		access: 'backup',
		handle(context, [groupId = '', clusterName = '']) {
			const cluster = requireCloudBackup(context, groupId, clusterName);
			applyPatch(context, cluster, groupId);
			return {status: 200, body: scheduleView(context, cluster)};
		},
	},
];
