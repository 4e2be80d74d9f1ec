// Wire JSON -> backup domain types (clusters at 2024-08-05, snapshots, export jobs, the schedule's
// export settings). Export jobs carry `id` (recorded), never `_id`; both are read to be safe. The
// helpers are wire.ts's: every string is made terminal-safe as it is mapped, as for the other shapes.
import type {AutoExportSettings, Cluster, ClusterTier, ExportJob, Snapshot} from './backup-types.js';
import {assign, isObject, object, optionalCount, optionalString, requiredString, type Json} from './wire.js';

/** The first region's provider and electable instance size (every region of a cluster shares its tier). */
function firstRegion(source: Json): {providerName?: string; instanceSize?: string} {
	const specs = Array.isArray(source.replicationSpecs) ? source.replicationSpecs : [];
	const first = isObject(specs[0]) && Array.isArray(specs[0].regionConfigs) ? specs[0].regionConfigs[0] : undefined;
	if (!isObject(first)) return {};
	const region: {providerName?: string; instanceSize?: string} = {};
	assign(region, 'providerName', optionalString(first, 'providerName'));
	const electable = isObject(first.electableSpecs) ? first.electableSpecs : {};
	assign(region, 'instanceSize', optionalString(electable, 'instanceSize'));
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
	assign(cluster, 'stateName', optionalString(source, 'stateName'));
	if (typeof source.paused === 'boolean') cluster.paused = source.paused;
	assign(cluster, 'instanceSize', region.instanceSize);
	assign(cluster, 'providerName', region.providerName);
	return cluster;
}

export function toSnapshot(value: unknown): Snapshot {
	const source = object(value, 'a snapshot');
	const snapshot: Snapshot = {
		id: requiredString(source, ['id', '_id'], 'the snapshot'),
		status: optionalString(source, 'status') ?? 'unknown',
	};
	assign(snapshot, 'createdAt', optionalString(source, 'createdAt'));
	assign(snapshot, 'snapshotType', optionalString(source, 'snapshotType'));
	assign(snapshot, 'frequencyType', optionalString(source, 'frequencyType'));
	assign(snapshot, 'storageSizeBytes', optionalCount(source, 'storageSizeBytes'));
	assign(snapshot, 'type', optionalString(source, 'type'));
	return snapshot;
}

export function toExportJob(value: unknown): ExportJob {
	const source = object(value, 'an export job');
	const job: ExportJob = {
		id: requiredString(source, ['id', '_id'], 'the export job'),
		exportBucketId: requiredString(source, ['exportBucketId'], 'the export job'),
		state: optionalString(source, 'state') ?? 'unknown',
		customData: Array.isArray(source.customData)
			? source.customData.filter(isObject).map(item => ({key: String(item.key ?? ''), value: String(item.value ?? '')}))
			: [],
	};
	assign(job, 'snapshotId', optionalString(source, 'snapshotId'));
	assign(job, 'createdAt', optionalString(source, 'createdAt'));
	assign(job, 'finishedAt', optionalString(source, 'finishedAt'));
	assign(job, 'prefix', optionalString(source, 'prefix'));
	const status = isObject(source.exportStatus) ? source.exportStatus : {};
	assign(job, 'exportedCollections', optionalCount(status, 'exportedCollections'));
	assign(job, 'totalCollections', optionalCount(status, 'totalCollections'));
	if (isObject(source.stateReason)) {
		const reason: NonNullable<ExportJob['stateReason']> = {};
		assign(reason, 'errorCode', optionalString(source.stateReason, 'errorCode'));
		assign(reason, 'message', optionalString(source.stateReason, 'message'));
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
		assign(settings, 'exportBucketId', optionalString(source.export, 'exportBucketId'));
		assign(settings, 'frequencyType', optionalString(source.export, 'frequencyType'));
	}
	if (typeof source.useOrgAndGroupNamesInExportPrefix === 'boolean') settings.useOrgAndGroupNamesInExportPrefix = source.useOrgAndGroupNamesInExportPrefix;
	return settings;
}
