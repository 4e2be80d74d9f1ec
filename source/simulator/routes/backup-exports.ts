// Snapshot export jobs: create, list (paged) and get one under
// /groups/{groupId}/clusters/{clusterName}/backup/exports. Jobs answer with `id` (recorded), and their
// phase comes from the export clock (export-jobs.ts).
import {badAttribute, SimulatorHttpError} from '../errors.js';
import {exportJobView, exportPrefix, type ExportJobRecord} from '../export-jobs.js';
import {OBJECT_ID} from '../ids.js';
import {pageOf, parsePaging} from '../paging.js';
import {V2023} from '../versions.js';
import {requireCloudBackup, requireCluster} from './clusters.js';
import {isPlainObject, requireGroup} from './common.js';
import type {Route, RouteContext} from './types.js';

type CreateRequest = {snapshotId: string; exportBucketId: string; customData: Array<{key: string; value: string}>};

function parseCreate(body: unknown): CreateRequest {
	if (!isPlainObject(body)) throw badAttribute('The request body must be a JSON object.');
	const {snapshotId, exportBucketId, customData} = body;
	for (const [name, value] of [['snapshotId', snapshotId], ['exportBucketId', exportBucketId]] as const) {
		if (value === undefined) throw badAttribute(`Missing attribute ${name}.`);
		if (typeof value !== 'string' || !OBJECT_ID.test(value)) throw badAttribute(`Invalid ${name} ${JSON.stringify(value)}: expected 24 hexadecimal characters.`);
	}
	if (customData !== undefined && (!Array.isArray(customData) || !customData.every(item => isPlainObject(item) && typeof item.key === 'string' && typeof item.value === 'string'))) {
		throw badAttribute('Attribute customData must be a list of {"key","value"} strings.');
	}
	return {snapshotId: snapshotId as string, exportBucketId: exportBucketId as string, customData: (customData ?? []) as CreateRequest['customData']};
}

function view(context: RouteContext, job: ExportJobRecord): Record<string, unknown> {
	return exportJobView(job, context.state.exportDurationMs, context.now);
}

export const backupExportRoutes: Route[] = [
	{
		method: 'POST',
		pattern: /^\/groups\/([^/]+)\/clusters\/([^/]+)\/backup\/exports\/?$/,
		versions: [V2023],
		takesBody: true,
		// Atlas lets a Project Backup Manager do this (not only a Project Owner).
		access: 'backup',
		handle(context, [groupId = '', clusterName = '']) {
			const project = requireGroup(context, groupId);
			requireCloudBackup(context, groupId, clusterName);
			const request = parseCreate(context.body);
			const snapshot = context.state.snapshotsOf(groupId, clusterName).find(candidate => candidate.id === request.snapshotId);
			if (!snapshot) throw new SimulatorHttpError(404, 'SNAPSHOT_NOT_FOUND', `No snapshot with ID ${request.snapshotId} exists for cluster ${clusterName}.`);
			if (snapshot.status !== 'completed') {
				throw new SimulatorHttpError(400, 'SNAPSHOT_NOT_COMPLETED', `Snapshot ${request.snapshotId} is ${snapshot.status}; only completed snapshots can be exported.`);
			}
			if (!context.state.bucket(groupId, request.exportBucketId)) {
				throw new SimulatorHttpError(404, 'EXPORT_BUCKET_NOT_FOUND', `No export bucket with ID ${request.exportBucketId} exists in project ${groupId}.`);
			}
			const place = {orgId: project.orgId, groupId, clusterName};
			const job: ExportJobRecord = {
				...place,
				id: context.state.ids.objectId(context.now),
				snapshotId: snapshot.id,
				exportBucketId: request.exportBucketId,
				customData: request.customData,
				createdAtMs: context.now,
				prefix: exportPrefix(place, snapshot.createdAt, context.now),
				totalCollections: snapshot.collections,
				...(context.state.exportOutcome ? {outcome: context.state.exportOutcome} : {}),
			};
			context.state.exportJobs.push(job);
			return {status: 200, body: view(context, job)};
		},
	},
	{
		method: 'GET',
		pattern: /^\/groups\/([^/]+)\/clusters\/([^/]+)\/backup\/exports\/?$/,
		versions: [V2023],
		handle(context, [groupId = '', clusterName = '']) {
			requireCluster(context, groupId, clusterName);
			const paging = parsePaging(context.query);
			const jobs = context.state.exportJobsOf(groupId, clusterName).map(job => view(context, job));
			return {status: 200, isList: true, body: pageOf(jobs, paging, `${context.origin}${context.path}`)};
		},
	},
	{
		method: 'GET',
		pattern: /^\/groups\/([^/]+)\/clusters\/([^/]+)\/backup\/exports\/([^/]+)\/?$/,
		versions: [V2023],
		handle(context, [groupId = '', clusterName = '', exportId = '']) {
			requireCluster(context, groupId, clusterName);
			const job = context.state.exportJobsOf(groupId, clusterName).find(candidate => candidate.id === exportId);
			if (!job) throw new SimulatorHttpError(404, 'EXPORT_JOB_NOT_FOUND', `No export job with ID ${exportId} exists for cluster ${clusterName}.`);
			return {status: 200, body: view(context, job)};
		},
	},
];
