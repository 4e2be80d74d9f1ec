// Follows an export job until it ends (Successful, Failed, Cancelled) by reading it again at an
// interval; every change is reported. Stopping the watch (the signal) never touches the job: Atlas
// keeps exporting. Shared by `export --watch` and the wizard's progress view.
import {setTimeout as sleep} from 'node:timers/promises';
import type {ExportJob} from '../atlas/backup-types.js';
import {isFinalExportState} from '../atlas/exportability.js';

export type WatchOptions = {
	read: (signal: AbortSignal | undefined) => Promise<ExportJob>;
	onUpdate: (job: ExportJob) => void;
	intervalMs: number;
	signal?: AbortSignal;
};

export const DEFAULT_WATCH_INTERVAL_MS = 5000;

/** Resolves with the final job; rejects with the signal's reason when stopped, or with a read's error. */
export async function watchExportJob(first: ExportJob, options: WatchOptions): Promise<ExportJob> {
	let job = first;
	options.onUpdate(job);
	while (!isFinalExportState(job.state)) {
		await sleep(options.intervalMs, undefined, options.signal ? {signal: options.signal} : undefined);
		job = await options.read(options.signal);
		options.onUpdate(job);
	}
	return job;
}
