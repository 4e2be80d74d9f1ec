// Snapshot export jobs as the simulator runs them: Queued, then InProgress with the exported
// collection count growing, then Successful (or Failed / Cancelled when a test asks for it). A job's
// phase is computed from the simulator's clock when it is read, never from a timer: in the demo a job
// takes a few seconds of real time; tests give jobs a long duration and move the clock forward
// (controls.advanceClock), so nothing in a test races real time.

export type ExportOutcome = {state: 'Failed'; stateReason: {errorCode: string; message: string}} | {state: 'Cancelled'};

export type ExportJobRecord = {
	groupId: string;
	orgId: string;
	clusterName: string;
	id: string;
	snapshotId: string;
	exportBucketId: string;
	customData: Array<{key: string; value: string}>;
	/** On the simulator's clock. */
	createdAtMs: number;
	prefix: string;
	totalCollections: number;
	/** Set while a test asks for failures: the job ends this way halfway through. */
	outcome?: ExportOutcome;
};

/** The share of the duration a job waits in Queued before collections start moving. */
const QUEUED_SHARE = 0.15;
/** Where a failing or cancelled job stops. */
const FAILURE_POINT = 0.5;

function iso(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** exported_snapshots/<orgId>/<groupId>/<cluster>/<snapshot yyyy-mm-ddThhmm>/<epoch seconds>, as recorded. */
export function exportPrefix(job: {orgId: string; groupId: string; clusterName: string}, snapshotCreatedAt: string, createdAtMs: number): string {
	const stamp = snapshotCreatedAt.slice(0, 16).replace(':', '');
	return `exported_snapshots/${job.orgId}/${job.groupId}/${job.clusterName}/${stamp}/${Math.floor(createdAtMs / 1000)}`;
}

/** The job as Atlas answers it at this moment. */
export function exportJobView(job: ExportJobRecord, durationMs: number, now: number): Record<string, unknown> {
	const duration = Math.max(1, durationMs);
	const progress = (now - job.createdAtMs) / duration;
	const base = {
		createdAt: iso(job.createdAtMs),
		customData: job.customData,
		exportBucketId: job.exportBucketId,
		id: job.id,
		prefix: job.prefix,
		snapshotId: job.snapshotId,
	};
	const exported = (at: number) => Math.floor((job.totalCollections * Math.min(1, Math.max(0, at - QUEUED_SHARE))) / (1 - QUEUED_SHARE));
	const finishedAt = (at: number) => iso(job.createdAtMs + Math.round(at * duration));
	if (job.outcome && progress >= FAILURE_POINT) {
		const status = {exportedCollections: exported(FAILURE_POINT), totalCollections: job.totalCollections};
		return job.outcome.state === 'Failed'
			? {...base, exportStatus: status, finishedAt: finishedAt(FAILURE_POINT), state: 'Failed', stateReason: job.outcome.stateReason}
			: {...base, exportStatus: status, finishedAt: finishedAt(FAILURE_POINT), state: 'Cancelled'};
	}
	if (progress < QUEUED_SHARE) return {...base, exportStatus: {exportedCollections: 0, totalCollections: 0}, state: 'Queued'};
	if (progress < 1) return {...base, exportStatus: {exportedCollections: exported(progress), totalCollections: job.totalCollections}, state: 'InProgress'};
	return {...base, exportStatus: {exportedCollections: job.totalCollections, totalCollections: job.totalCollections}, finishedAt: finishedAt(1), state: 'Successful'};
}
