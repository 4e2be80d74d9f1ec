// Wire JSON -> backup domain types (clusters at 2024-08-05, snapshots, export jobs, the schedule's
// export settings). Export jobs carry `id` (recorded), never `_id`; both are read to be safe.
import type {AutoExportSettings, Cluster, ClusterTier, ExportJob, Snapshot} from './backup-types.js';
import {isObject, ShapeError} from './wire.js';

type Json = Record<string, unknown>;

function object(value: unknown, what: string): Json {
	if (!isObject(value)) throw new ShapeError(`expected ${what} to be an object`);
	return value;
}

function requiredString(source: Json, keys: string[], what: string): string {
	for (const key of keys) {
		const value = source[key];
		if (typeof value === 'string' && value !== '') return value;
	}
	throw new ShapeError(`${what} has no ${keys.join(' or ')}`);
}

function text(source: Json, key: string): string | undefined {
	const value = source[key];
	return typeof value === 'string' ? value : undefined;
}

function count(source: Json, key: string): number | undefined {
	const value = source[key];
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function put<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
	if (value !== undefined) target[key] = value;
}

/** The first region's provider and electable instance size (every region of a cluster shares its tier). */
function firstRegion(source: Json): {providerName?: string; instanceSize?: string} {
	const specs = Array.isArray(source.replicationSpecs) ? source.replicationSpecs : [];
	const first = isObject(specs[0]) && Array.isArray(specs[0].regionConfigs) ? specs[0].regionConfigs[0] : undefined;
	if (!isObject(first)) return {};
	const region: {providerName?: string; instanceSize?: string} = {};
	put(region, 'providerName', text(first, 'providerName'));
	const electable = isObject(first.electableSpecs) ? first.electableSpecs : {};
	put(region, 'instanceSize', text(electable, 'instanceSize'));
	return region;
}

export function tierOf(providerName: string | undefined, instanceSize: string | undefined): ClusterTier {
	const size = (instanceSize ?? '').toUpperCase();
	if (providerName === 'FLEX' || size === 'FLEX') return 'flex';
	if (size === 'M0') return 'free';
	if (providerName === 'TENANT' || size === 'M2' || size === 'M5') return 'shared';
	const number = /^[A-Z]+(\d+)/.exec(size)?.[1];
	return number !== undefined && Number(number) < 10 ? 'shared' : 'dedicated';
}

export function toCluster(value: unknown): Cluster {
	const source = object(value, 'a cluster');
	const region = firstRegion(source);
	const cluster: Cluster = {
		name: requiredString(source, ['name'], 'the cluster'),
		backupEnabled: source.backupEnabled === true,
		tier: tierOf(region.providerName, region.instanceSize),
	};
	put(cluster, 'stateName', text(source, 'stateName'));
	if (typeof source.paused === 'boolean') cluster.paused = source.paused;
	put(cluster, 'instanceSize', region.instanceSize);
	put(cluster, 'providerName', region.providerName);
	return cluster;
}

export function toSnapshot(value: unknown): Snapshot {
	const source = object(value, 'a snapshot');
	const snapshot: Snapshot = {
		id: requiredString(source, ['id', '_id'], 'the snapshot'),
		status: text(source, 'status') ?? 'unknown',
	};
	put(snapshot, 'createdAt', text(source, 'createdAt'));
	put(snapshot, 'snapshotType', text(source, 'snapshotType'));
	put(snapshot, 'frequencyType', text(source, 'frequencyType'));
	put(snapshot, 'storageSizeBytes', count(source, 'storageSizeBytes'));
	put(snapshot, 'type', text(source, 'type'));
	return snapshot;
}

export function toExportJob(value: unknown): ExportJob {
	const source = object(value, 'an export job');
	const job: ExportJob = {
		id: requiredString(source, ['id', '_id'], 'the export job'),
		exportBucketId: requiredString(source, ['exportBucketId'], 'the export job'),
		state: text(source, 'state') ?? 'unknown',
		customData: Array.isArray(source.customData)
			? source.customData.filter(isObject).map(item => ({key: String(item.key ?? ''), value: String(item.value ?? '')}))
			: [],
	};
	put(job, 'snapshotId', text(source, 'snapshotId'));
	put(job, 'createdAt', text(source, 'createdAt'));
	put(job, 'finishedAt', text(source, 'finishedAt'));
	put(job, 'prefix', text(source, 'prefix'));
	const status = isObject(source.exportStatus) ? source.exportStatus : {};
	put(job, 'exportedCollections', count(status, 'exportedCollections'));
	put(job, 'totalCollections', count(status, 'totalCollections'));
	if (isObject(source.stateReason)) {
		const reason: NonNullable<ExportJob['stateReason']> = {};
		put(reason, 'errorCode', text(source.stateReason, 'errorCode'));
		put(reason, 'message', text(source.stateReason, 'message'));
		job.stateReason = reason;
	}
	return job;
}

export function toAutoExportSettings(value: unknown): AutoExportSettings {
	const source = object(value, 'a backup schedule');
	const settings: AutoExportSettings = {
		clusterName: requiredString(source, ['clusterName'], 'the backup schedule'),
		autoExportEnabled: source.autoExportEnabled === true,
	};
	if (isObject(source.export)) {
		put(settings, 'exportBucketId', text(source.export, 'exportBucketId'));
		put(settings, 'frequencyType', text(source.export, 'frequencyType'));
	}
	if (typeof source.useOrgAndGroupNamesInExportPrefix === 'boolean') settings.useOrgAndGroupNamesInExportPrefix = source.useOrgAndGroupNamesInExportPrefix;
	return settings;
}
