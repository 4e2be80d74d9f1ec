// The backup operations of the Atlas client (clusters, snapshots, export jobs, the schedule's
// automatic export), built on the client's HTTP layer and paging. Inputs are checked before anything
// is sent.
import type {
	AutoExportChange,
	BackupClient,
	BackupRawOperations,
	CreateExportJobInput,
} from './backup-types.js';
import {checkClusterName, checkExportJobId, checkFrequency, checkSnapshotId} from './backup-validation.js';
import {toAutoExportSettings, toCluster, toExportJob, toSnapshot} from './backup-wire.js';
import {shape, type ApiAnswer, type ApiCall} from './http.js';
import type {OperationName} from './operations.js';
import type {RequestPreview, WithRaw} from './types.js';
import {checkExportBucketId, checkProjectId, ensureValid} from './validation.js';

export type BackupDeps = {
	request(call: ApiCall): Promise<ApiAnswer>;
	preview(call: ApiCall): RequestPreview;
	listAll<T>(operation: OperationName, path: string, mapper: (value: unknown) => T, signal: AbortSignal | undefined): Promise<WithRaw<T[]>>;
};

function clusterPath(projectId: string, clusterName: string): string {
	const group = encodeURIComponent(ensureValid('projectId', checkProjectId(projectId)));
	return `/groups/${group}/clusters/${encodeURIComponent(ensureValid('clusterName', checkClusterName(clusterName)))}`;
}

function exportJobBody(input: CreateExportJobInput): Record<string, unknown> {
	return {
		snapshotId: ensureValid('snapshotId', checkSnapshotId(input.snapshotId)),
		exportBucketId: ensureValid('exportBucketId', checkExportBucketId(input.exportBucketId)),
		customData: input.customData ?? [],
	};
}

/** The PATCH body: `export` only with autoExportEnabled (Atlas refuses it otherwise); off is explicit. */
export function autoExportBody(change: AutoExportChange): Record<string, unknown> {
	if (!change.enabled) return {autoExportEnabled: false};
	const frequencyType = ensureValid('frequencyType', checkFrequency(change.frequencyType));
	const exportBucketId = ensureValid('exportBucketId', checkExportBucketId(change.exportBucketId));
	return {autoExportEnabled: true, export: {exportBucketId, frequencyType}, useOrgAndGroupNamesInExportPrefix: true};
}

export function createBackupOperations(deps: BackupDeps): {withRaw: BackupRawOperations; client: BackupClient} {
	const mapped = <T>(answer: ApiAnswer, mapper: (data: unknown) => T): WithRaw<T> => ({value: shape(answer, mapper), raw: answer.data});
	const withSignal = (call: ApiCall, signal: AbortSignal | undefined): ApiCall => (signal ? {...call, signal} : call);
	const createCall = (projectId: string, clusterName: string, input: CreateExportJobInput): ApiCall => ({
		operation: 'createExportJob',
		path: `${clusterPath(projectId, clusterName)}/backup/exports`,
		body: exportJobBody(input),
	});
	const scheduleCall = (projectId: string, clusterName: string, change: AutoExportChange): ApiCall => ({
		operation: 'updateBackupSchedule',
		path: `${clusterPath(projectId, clusterName)}/backup/schedule`,
		body: autoExportBody(change),
	});

	const withRaw: BackupRawOperations = {
		listClusters: (projectId, options) =>
			deps.listAll('listClusters', `/groups/${encodeURIComponent(ensureValid('projectId', checkProjectId(projectId)))}/clusters`, toCluster, options?.signal),
		listSnapshots: (projectId, clusterName, options) =>
			deps.listAll('listSnapshots', `${clusterPath(projectId, clusterName)}/backup/snapshots`, toSnapshot, options?.signal),
		listExportJobs: (projectId, clusterName, options) =>
			deps.listAll('listExportJobs', `${clusterPath(projectId, clusterName)}/backup/exports`, toExportJob, options?.signal),
		async createExportJob(projectId, clusterName, input, options) {
			return mapped(await deps.request(withSignal(createCall(projectId, clusterName, input), options?.signal)), toExportJob);
		},
		async getExportJob(projectId, clusterName, exportJobId, options) {
			const path = `${clusterPath(projectId, clusterName)}/backup/exports/${encodeURIComponent(ensureValid('exportJobId', checkExportJobId(exportJobId)))}`;
			return mapped(await deps.request(withSignal({operation: 'getExportJob', path}, options?.signal)), toExportJob);
		},
		async getAutoExport(projectId, clusterName, options) {
			const path = `${clusterPath(projectId, clusterName)}/backup/schedule`;
			return mapped(await deps.request(withSignal({operation: 'getBackupSchedule', path}, options?.signal)), toAutoExportSettings);
		},
		async setAutoExport(projectId, clusterName, change, options) {
			return mapped(await deps.request(withSignal(scheduleCall(projectId, clusterName, change), options?.signal)), toAutoExportSettings);
		},
	};

	const client: BackupClient = {
		listClusters: async (...args) => (await withRaw.listClusters(...args)).value,
		listSnapshots: async (...args) => (await withRaw.listSnapshots(...args)).value,
		listExportJobs: async (...args) => (await withRaw.listExportJobs(...args)).value,
		createExportJob: async (...args) => (await withRaw.createExportJob(...args)).value,
		getExportJob: async (...args) => (await withRaw.getExportJob(...args)).value,
		getAutoExport: async (...args) => (await withRaw.getAutoExport(...args)).value,
		setAutoExport: async (...args) => (await withRaw.setAutoExport(...args)).value,
		previewCreateExportJob: (projectId, clusterName, input) => deps.preview(createCall(projectId, clusterName, input)),
		previewSetAutoExport: (projectId, clusterName, change) => deps.preview(scheduleCall(projectId, clusterName, change)),
	};
	return {withRaw, client};
}
