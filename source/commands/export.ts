// `export`: start a snapshot export job to a registered export bucket, and with --watch follow it to
// the end (progress on stderr; exit 0 Successful, 1 Failed or Cancelled). Stopping the watch (Ctrl-C)
// never cancels the job: the command says so and names the command that checks it later.
import type {AtlasClientWithRaw} from '../atlas/types.js';
import type {ExportJob} from '../atlas/backup-types.js';
import {exportableSnapshots} from '../atlas/exportability.js';
import {checkExportBucketId} from '../atlas/validation.js';
import {checkJobCommand, failureText, formatCollections, formatElapsed, jobElapsedMs, progressLine} from '../backup/job-text.js';
import {DEFAULT_WATCH_INTERVAL_MS, watchExportJob} from '../backup/watch-job.js';
import {requireClusterName, snapshotChoice, type ExportCommandOptions} from './backup-options.js';
import {connect, requireProjectId} from './connect.js';
import {ExitCode} from './exit-codes.js';
import {writeLine, type CommandIo} from './io.js';
import {note, printJson} from './output.js';
import {reportError} from './report.js';
import {formatRecord} from './table.js';
import {UsageError} from './usage-error.js';

export function formatJob(job: ExportJob, now: number): string {
	return formatRecord<ExportJob>([
		{header: 'ID', value: item => item.id},
		{header: 'STATE', value: item => item.state},
		{header: 'COLLECTIONS', value: item => formatCollections(item)},
		{header: 'ELAPSED', value: item => formatElapsed(jobElapsedMs(item, now))},
		{header: 'SNAPSHOT ID', value: item => item.snapshotId},
		{header: 'EXPORT BUCKET ID', value: item => item.exportBucketId},
		{header: 'PREFIX', label: 'S3 prefix', value: item => item.prefix},
		{header: 'CREATED', value: item => item.createdAt},
		{header: 'FINISHED', value: item => item.finishedAt},
		{header: 'REASON', value: item => failureText(item)},
	], job);
}

function requireBucket(options: ExportCommandOptions): string {
	const hint = '`atlas-export-bucket list --project-id <id>` shows the export bucket ids.';
	if (options.bucketId === undefined) throw new UsageError('Missing --bucket-id.', hint);
	const result = checkExportBucketId(options.bucketId);
	if (!result.ok) throw new UsageError(`--bucket-id: ${result.message}`, hint);
	return result.value;
}

async function latestSnapshotId(client: AtlasClientWithRaw, projectId: string, clusterName: string, io: CommandIo): Promise<string> {
	const snapshots = await client.listSnapshots(projectId, clusterName, {signal: io.signal});
	const newest = exportableSnapshots(snapshots)[0];
	if (!newest) {
		const running = snapshots.some(snapshot => snapshot.status === 'queued' || snapshot.status === 'inProgress');
		throw new UsageError(
			`Cluster ${clusterName} has no completed snapshot to export${running ? ' yet (one is still being taken)' : ''}.`,
			running ? 'Try again once the snapshot shows completed (`atlas-export-bucket snapshots`).' : 'Take an on-demand snapshot in Atlas, or wait for the next scheduled one.',
		);
	}
	note(io, `Newest completed snapshot: ${newest.id} (${newest.createdAt ?? 'unknown time'}).`);
	return newest.id;
}

/** Follows the job; the exit code says how it ended. */
async function watch(client: AtlasClientWithRaw, projectId: string, clusterName: string, first: ExportJob, options: ExportCommandOptions, io: CommandIo): Promise<number> {
	let lastLine = '';
	try {
		const job = await watchExportJob(first, {
			read: async signal => client.getExportJob(projectId, clusterName, first.id, signal ? {signal} : {}),
			onUpdate: update => {
				const line = progressLine(update, Date.now());
				if (line !== lastLine) note(io, line);
				lastLine = line;
			},
			intervalMs: options.interval === undefined ? DEFAULT_WATCH_INTERVAL_MS : options.interval * 1000,
			...(io.signal ? {signal: io.signal} : {}),
		});
		if (options.json) printJson(io, await client.withRaw.getExportJob(projectId, clusterName, job.id, {signal: io.signal}).then(answer => answer.raw));
		else writeLine(io.stdout, formatJob(job, Date.now()));
		const failure = failureText(job);
		if (failure) note(io, `Error: ${failure}`);
		return failure ? ExitCode.failure : ExitCode.ok;
	} catch (error) {
		if (io.signal?.aborted) {
			note(io, 'Stopped watching. The export job keeps running in Atlas (nothing was cancelled). Check it with:');
			note(io, checkJobCommand(projectId, clusterName, first.id));
			return ExitCode.cancelled;
		}
		throw error;
	}
}

export async function runExport(options: ExportCommandOptions, io: CommandIo): Promise<number> {
	try {
		const clusterName = requireClusterName(options);
		const choice = snapshotChoice(options);
		const exportBucketId = requireBucket(options);
		if (options.interval !== undefined && !(options.interval > 0)) throw new UsageError('--interval must be a positive number of seconds.');
		const {client, settings} = await connect(options, io);
		const projectId = requireProjectId(settings);
		const snapshotId = 'snapshotId' in choice ? choice.snapshotId : await latestSnapshotId(client, projectId, clusterName, io);
		const {value: job, raw} = await client.withRaw.createExportJob(projectId, clusterName, {snapshotId, exportBucketId}, {signal: io.signal});
		if (options.watch) return await watch(client, projectId, clusterName, job, options, io);
		if (options.json) printJson(io, raw);
		else {
			writeLine(io.stdout, formatJob(job, Date.now()));
			note(io, `Export job ${job.id} started. Follow it with:`);
			note(io, checkJobCommand(projectId, clusterName, job.id));
		}
		return ExitCode.ok;
	} catch (error) {
		return reportError(error, io);
	}
}
