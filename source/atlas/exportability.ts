// Which clusters can export a snapshot, and why the others cannot: a pure rule shared by the
// `clusters` command and the wizard's cluster list. Atlas exports only from dedicated clusters
// (M10 or larger) with Cloud Backup on.
import type {Cluster} from './backup-types.js';

export type NotExportableReason = 'free' | 'flex' | 'shared' | 'backupOff' | 'paused';

export type Exportability = {exportable: true} | {exportable: false; reason: NotExportableReason; explanation: string};

const EXPLANATIONS: Record<NotExportableReason, (cluster: Cluster) => string> = {
	free: () => 'free cluster (M0): no Cloud Backup, nothing to export',
	flex: () => 'Flex cluster: its snapshots cannot be exported (needs M10 or larger)',
	shared: cluster => `shared cluster (${cluster.instanceSize ?? 'M2/M5'}): export needs a dedicated cluster (M10 or larger)`,
	backupOff: () => 'Cloud Backup is off for this cluster (turn it on in the cluster\'s Backup settings)',
	paused: () => 'paused: resume the cluster to export',
};

export function exportability(cluster: Cluster): Exportability {
	let reason: NotExportableReason | undefined;
	if (cluster.tier !== 'dedicated') reason = cluster.tier;
	else if (!cluster.backupEnabled) reason = 'backupOff';
	else if (cluster.paused) reason = 'paused';
	return reason === undefined ? {exportable: true} : {exportable: false, reason, explanation: EXPLANATIONS[reason](cluster)};
}

/** Only completed snapshots can be exported; newest first. */
export function exportableSnapshots<T extends {status: string; createdAt?: string}>(snapshots: readonly T[]): T[] {
	return snapshots.filter(snapshot => snapshot.status === 'completed').sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
}

/** Finished states of an export job: nothing changes after them (Atlas does not retry a failed job). */
export function isFinalExportState(state: string): boolean {
	return state === 'Successful' || state === 'Failed' || state === 'Cancelled';
}
