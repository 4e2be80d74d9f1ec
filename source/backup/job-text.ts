// Plain-text pieces for export jobs and snapshots, shared by the commands and the wizard: a job's
// progress line, sizes, ages and elapsed times, and the command that checks a job later.
import type {ExportJob} from '../atlas/backup-types.js';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** 2684354560 -> "2.5 GB" (binary multiples, as Atlas's UI shows sizes). */
export function formatBytes(bytes: number | undefined): string {
	if (bytes === undefined) return '-';
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < UNITS.length - 1) {
		value /= 1024;
		unit++;
	}
	return `${unit === 0 ? value : value.toFixed(1)} ${UNITS[unit]}`;
}

/** How long ago, coarsely: "just now", "12 min ago", "6 h ago", "4 days ago". */
export function formatAge(iso: string | undefined, now: number): string {
	if (!iso) return '-';
	const ms = now - Date.parse(iso);
	if (Number.isNaN(ms)) return '-';
	const minutes = Math.floor(ms / 60_000);
	if (minutes < 1) return 'just now';
	if (minutes < 60) return `${minutes} min ago`;
	const hours = Math.floor(minutes / 60);
	if (hours < 48) return `${hours} h ago`;
	return `${Math.floor(hours / 24)} days ago`;
}

/** 754000 -> "12:34", 3_723_000 -> "1:02:03". */
export function formatElapsed(ms: number): string {
	const total = Math.max(0, Math.floor(ms / 1000));
	const hours = Math.floor(total / 3600);
	const minutes = Math.floor((total % 3600) / 60);
	const seconds = String(total % 60).padStart(2, '0');
	return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

export function formatCollections(job: ExportJob): string {
	if (!job.totalCollections) return job.state === 'Queued' ? 'waiting to start' : '-';
	return `${job.exportedCollections ?? 0} of ${job.totalCollections} collections`;
}

/** Time since the job was created (until it finished, when it has). */
export function jobElapsedMs(job: ExportJob, now: number): number {
	const started = Date.parse(job.createdAt ?? '');
	if (Number.isNaN(started)) return 0;
	const finished = Date.parse(job.finishedAt ?? '');
	return (Number.isNaN(finished) ? now : finished) - started;
}

/** "InProgress · 5 of 14 collections · 0:42 elapsed" */
export function progressLine(job: ExportJob, now: number): string {
	return `${job.state} · ${formatCollections(job)} · ${formatElapsed(jobElapsedMs(job, now))} elapsed`;
}

export function failureText(job: ExportJob): string | undefined {
	if (job.state === 'Cancelled') return 'The export job was cancelled.';
	if (job.state !== 'Failed') return undefined;
	const reason = [job.stateReason?.message, job.stateReason?.errorCode && `(${job.stateReason.errorCode})`].filter(Boolean).join(' ');
	return `The export job failed${reason ? `: ${reason}` : '.'} Atlas does not retry a failed export; start a new one once the cause is fixed.`;
}

/** The command that shows this job later. */
export function checkJobCommand(projectId: string, clusterName: string, jobId: string): string {
	return `atlas-export-bucket exports describe --project-id ${projectId} --cluster ${clusterName} --export-id ${jobId}`;
}
