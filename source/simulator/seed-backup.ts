// The demo's clusters and their backup snapshots: in each project what exporting needs to show
// (a cluster that can export with completed snapshots and one in progress, a free one, one with
// Cloud Backup off, a new cluster whose first snapshot is still running, a cluster exporting
// automatically). Snapshot times are relative to when the simulator starts, so ages read naturally.
import {DEMO_IN_USE_EXPORT_BUCKET_ID, DEMO_PROJECTS} from './seed.js';

export type SeedCluster = {
	groupId: string;
	id: string;
	name: string;
	/** AWS for dedicated clusters, TENANT for M0, FLEX for Flex. */
	providerName: 'AWS' | 'TENANT' | 'FLEX';
	instanceSize: string;
	regionName: string;
	backupEnabled: boolean;
	createDate: string;
	mongoDBVersion: string;
	autoExportEnabled: boolean;
	export?: {exportBucketId: string; frequencyType: string};
	useOrgAndGroupNamesInExportPrefix: boolean;
};

export type SeedSnapshot = {
	groupId: string;
	clusterName: string;
	id: string;
	createdAt: string;
	status: 'queued' | 'inProgress' | 'completed' | 'failed';
	snapshotType: 'scheduled' | 'onDemand';
	frequencyType: 'hourly' | 'daily' | 'weekly' | 'monthly' | 'yearly';
	storageSizeBytes: number;
	/** How many collections an export of it writes. */
	collections: number;
};

export const DEMO_CLUSTERS = Object.freeze({
	/** Demo Production, M30 with Cloud Backup: three completed snapshots and one in progress. */
	productionExportable: 'orders-prod',
	/** Demo Production, free M0: cannot export. */
	productionFree: 'playground',
	/** Demo Production, M10 with Cloud Backup off: cannot export. */
	productionBackupOff: 'reporting',
	/** Demo Analytics, M10 with Cloud Backup, exporting monthly to the in-use bucket. */
	analyticsAutoExport: 'analytics-main',
	/** Demo Analytics, M10 with Cloud Backup, its first snapshot still running: nothing to export yet. */
	analyticsNoSnapshot: 'events-new',
});

/** Snapshot ids of orders-prod, newest first; the last is still in progress. */
export const DEMO_SNAPSHOT_IDS = Object.freeze({
	newest: '6650d4e5f6a7b8c9d0e1f203',
	daily2: '6650d4e5f6a7b8c9d0e1f202',
	weekly: '6650d4e5f6a7b8c9d0e1f201',
	inProgress: '6650d4e5f6a7b8c9d0e1f204',
	analyticsCompleted: '6650d4e5f6a7b8c9d0e1f210',
	eventsInProgress: '6650d4e5f6a7b8c9d0e1f220',
});

const HOUR = 3_600_000;

function iso(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function demoClusters(): SeedCluster[] {
	const dedicated = {providerName: 'AWS' as const, regionName: 'US_EAST_1', mongoDBVersion: '8.0.4', autoExportEnabled: false, useOrgAndGroupNamesInExportPrefix: false};
	return [
		{...dedicated, groupId: DEMO_PROJECTS.production.id, id: '6650e5f6a7b8c9d0e1f2a301', name: DEMO_CLUSTERS.productionExportable, instanceSize: 'M30', backupEnabled: true, createDate: '2024-05-24T09:30:00Z'},
		{...dedicated, groupId: DEMO_PROJECTS.production.id, id: '6650e5f6a7b8c9d0e1f2a302', name: DEMO_CLUSTERS.productionFree, providerName: 'TENANT', instanceSize: 'M0', backupEnabled: false, createDate: '2024-06-01T12:00:00Z'},
		{...dedicated, groupId: DEMO_PROJECTS.production.id, id: '6650e5f6a7b8c9d0e1f2a303', name: DEMO_CLUSTERS.productionBackupOff, instanceSize: 'M10', backupEnabled: false, createDate: '2024-08-12T08:00:00Z'},
		{
			...dedicated,
			groupId: DEMO_PROJECTS.analytics.id,
			id: '6650e5f6a7b8c9d0e1f2a304',
			name: DEMO_CLUSTERS.analyticsAutoExport,
			instanceSize: 'M10',
			regionName: 'AP_SOUTHEAST_2',
			backupEnabled: true,
			createDate: '2024-06-02T15:50:00Z',
			autoExportEnabled: true,
			export: {exportBucketId: DEMO_IN_USE_EXPORT_BUCKET_ID, frequencyType: 'monthly'},
			useOrgAndGroupNamesInExportPrefix: true,
		},
		{...dedicated, groupId: DEMO_PROJECTS.analytics.id, id: '6650e5f6a7b8c9d0e1f2a305', name: DEMO_CLUSTERS.analyticsNoSnapshot, instanceSize: 'M10', regionName: 'AP_SOUTHEAST_2', backupEnabled: true, createDate: iso(Date.now() - HOUR)},
	];
}

export function demoSnapshots(now = Date.now()): SeedSnapshot[] {
	const production = {groupId: DEMO_PROJECTS.production.id, clusterName: DEMO_CLUSTERS.productionExportable, snapshotType: 'scheduled' as const};
	const analytics = {groupId: DEMO_PROJECTS.analytics.id, snapshotType: 'scheduled' as const, frequencyType: 'daily' as const};
	return [
		{...production, id: DEMO_SNAPSHOT_IDS.inProgress, createdAt: iso(now - 0.2 * HOUR), status: 'inProgress', frequencyType: 'hourly', storageSizeBytes: 0, collections: 14},
		{...production, id: DEMO_SNAPSHOT_IDS.newest, createdAt: iso(now - 6 * HOUR), status: 'completed', frequencyType: 'daily', storageSizeBytes: 2_684_354_560, collections: 14},
		{...production, id: DEMO_SNAPSHOT_IDS.daily2, createdAt: iso(now - 30 * HOUR), status: 'completed', frequencyType: 'daily', storageSizeBytes: 2_630_451_200, collections: 14},
		{...production, id: DEMO_SNAPSHOT_IDS.weekly, createdAt: iso(now - 4 * 24 * HOUR), status: 'completed', frequencyType: 'weekly', storageSizeBytes: 2_469_396_480, collections: 13},
		{...analytics, clusterName: DEMO_CLUSTERS.analyticsAutoExport, id: DEMO_SNAPSHOT_IDS.analyticsCompleted, createdAt: iso(now - 9 * HOUR), status: 'completed', storageSizeBytes: 734_003_200, collections: 6},
		{...analytics, clusterName: DEMO_CLUSTERS.analyticsNoSnapshot, id: DEMO_SNAPSHOT_IDS.eventsInProgress, createdAt: iso(now - 0.5 * HOUR), status: 'inProgress', storageSizeBytes: 0, collections: 3},
	];
}
