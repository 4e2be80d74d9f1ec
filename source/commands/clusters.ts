// `clusters` and `snapshots`: what can be exported. Clusters that cannot export are listed with the
// reason (exportability.ts); snapshots newest first, only completed ones exportable.
import {exportability} from '../atlas/exportability.js';
import type {Cluster, Snapshot} from '../atlas/backup-types.js';
import {formatAge, formatBytes} from '../backup/job-text.js';
import {requireClusterName, type ClusterOptions} from './backup-options.js';
import {connect, requireProjectId} from './connect.js';
import {ExitCode} from './exit-codes.js';
import type {CommandIo} from './io.js';
import type {ProjectOptions} from './options.js';
import {printListing} from './output.js';
import {reportError} from './report.js';
import {formatTable} from './table.js';

export function formatClusters(clusters: Cluster[], maxWidth?: number): string {
	return formatTable<Cluster>([
		{header: 'NAME', value: cluster => cluster.name},
		{header: 'TIER', value: cluster => cluster.instanceSize},
		{header: 'CLOUD BACKUP', value: cluster => (cluster.backupEnabled ? 'on' : 'off')},
		{header: 'EXPORT', value: cluster => {
			const verdict = exportability(cluster);
			return verdict.exportable ? 'yes' : `no: ${verdict.explanation}`;
		}},
	], clusters, maxWidth);
}

export function formatSnapshots(snapshots: Snapshot[], now: number, maxWidth?: number): string {
	return formatTable<Snapshot>([
		{header: 'ID', value: snapshot => snapshot.id},
		{header: 'CREATED', value: snapshot => `${snapshot.createdAt ?? '-'} (${formatAge(snapshot.createdAt, now)})`},
		{header: 'STATUS', value: snapshot => snapshot.status},
		{header: 'TYPE', value: snapshot => [snapshot.snapshotType, snapshot.frequencyType].filter(Boolean).join(' ')},
		{header: 'SIZE', value: snapshot => formatBytes(snapshot.storageSizeBytes)},
	], snapshots, maxWidth);
}

export async function runClusters(options: ProjectOptions, io: CommandIo): Promise<number> {
	try {
		const {client, settings} = await connect(options, io);
		const projectId = requireProjectId(settings);
		const answer = await client.withRaw.listClusters(projectId, {signal: io.signal});
		printListing(io, options.json, answer, `No clusters in project ${projectId}: snapshots come from a dedicated cluster (M10 or larger) with Cloud Backup.`, formatClusters);
		return ExitCode.ok;
	} catch (error) {
		return reportError(error, io);
	}
}

export async function runSnapshots(options: ClusterOptions, io: CommandIo): Promise<number> {
	try {
		const clusterName = requireClusterName(options);
		const {client, settings} = await connect(options, io);
		const projectId = requireProjectId(settings);
		const {value: snapshots, raw} = await client.withRaw.listSnapshots(projectId, clusterName, {signal: io.signal});
		const sorted = [...snapshots].sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
		printListing(io, options.json, {value: sorted, raw}, `No backup snapshots of cluster ${clusterName} yet.`, (items, maxWidth) => formatSnapshots(items, Date.now(), maxWidth));
		return ExitCode.ok;
	} catch (error) {
		return reportError(error, io);
	}
}
