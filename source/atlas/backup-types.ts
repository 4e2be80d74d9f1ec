// The backup side of the domain (clusters, snapshots, export jobs, the backup schedule's automatic
// export) as this tool sees it: what the Atlas client returns and takes for "export a snapshot".
import type {CallOptions, RequestPreview, WithRaw} from './types.js';

/** How a cluster is hosted, as far as exporting cares: only dedicated clusters (M10+) have Cloud Backup. */
export type ClusterTier = 'dedicated' | 'free' | 'flex' | 'shared';

export type Cluster = {
	name: string;
	/** Cloud Backup on. */
	backupEnabled: boolean;
	/** IDLE, CREATING, UPDATING, DELETING, REPAIRING. */
	stateName?: string;
	paused?: boolean;
	/** The electable instance size of the first region (M10, M30, M0, FLEX, ...). */
	instanceSize?: string;
	/** AWS, AZURE, GCP, TENANT, FLEX. */
	providerName?: string;
	tier: ClusterTier;
};

export type SnapshotStatus = 'queued' | 'inProgress' | 'completed' | 'failed';

export type Snapshot = {
	id: string;
	createdAt?: string;
	status: SnapshotStatus | string;
	snapshotType?: string;
	frequencyType?: string;
	storageSizeBytes?: number;
	type?: string;
};

export type ExportJobState = 'Queued' | 'InProgress' | 'Successful' | 'Failed' | 'Cancelled';

export type ExportJob = {
	id: string;
	snapshotId?: string;
	exportBucketId: string;
	state: ExportJobState | string;
	createdAt?: string;
	finishedAt?: string;
	prefix?: string;
	exportedCollections?: number;
	totalCollections?: number;
	stateReason?: {errorCode?: string; message?: string};
	customData: Array<{key: string; value: string}>;
};

export type AutoExportFrequency = 'monthly' | 'yearly';

/** The export settings of a cluster's backup schedule. */
export type AutoExportSettings = {
	clusterName: string;
	autoExportEnabled: boolean;
	exportBucketId?: string;
	frequencyType?: string;
	useOrgAndGroupNamesInExportPrefix?: boolean;
};

export type CreateExportJobInput = {
	snapshotId: string;
	exportBucketId: string;
	customData?: Array<{key: string; value: string}>;
};

/** Turn automatic export on (to a bucket, at a frequency) or off. */
export type AutoExportChange = {enabled: true; exportBucketId: string; frequencyType: AutoExportFrequency} | {enabled: false};

export type BackupClient = {
	listClusters(projectId: string, options?: CallOptions): Promise<Cluster[]>;
	listSnapshots(projectId: string, clusterName: string, options?: CallOptions): Promise<Snapshot[]>;
	createExportJob(projectId: string, clusterName: string, input: CreateExportJobInput, options?: CallOptions): Promise<ExportJob>;
	listExportJobs(projectId: string, clusterName: string, options?: CallOptions): Promise<ExportJob[]>;
	getExportJob(projectId: string, clusterName: string, exportJobId: string, options?: CallOptions): Promise<ExportJob>;
	getAutoExport(projectId: string, clusterName: string, options?: CallOptions): Promise<AutoExportSettings>;
	setAutoExport(projectId: string, clusterName: string, change: AutoExportChange, options?: CallOptions): Promise<AutoExportSettings>;
	/** The export job create request exactly as it would be sent, without credentials. */
	previewCreateExportJob(projectId: string, clusterName: string, input: CreateExportJobInput): RequestPreview;
	/** The schedule PATCH exactly as it would be sent, without credentials. */
	previewSetAutoExport(projectId: string, clusterName: string, change: AutoExportChange): RequestPreview;
};

type BodyOperations = Exclude<keyof BackupClient, 'previewCreateExportJob' | 'previewSetAutoExport'>;

/** The same operations with the wire JSON (what `--json` prints). */
export type BackupRawOperations = {
	[K in BodyOperations]: (...args: Parameters<BackupClient[K]>) => Promise<WithRaw<Awaited<ReturnType<BackupClient[K]>>>>;
};
