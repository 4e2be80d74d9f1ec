// The backup operations against the simulator over loopback: clusters and why they cannot export,
// snapshots, an export job's whole life as the simulator's clock is moved forward (never a sleep),
// a failed job, automatic export on and off, and the export bucket an auto-export still uses.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {AtlasError, atlasErrorReason} from '../../source/atlas/errors.js';
import {exportability, exportableSnapshots} from '../../source/atlas/exportability.js';
import {ValidationError} from '../../source/atlas/validation.js';
import {DEMO_CLUSTERS, DEMO_EXPORT_BUCKET_ID, DEMO_IN_USE_EXPORT_BUCKET_ID, DEMO_PROJECTS, DEMO_SNAPSHOT_IDS, type SimulatorLogEntry} from '../../source/simulator/index.js';
import {OpenApiSubset, type WireRequest} from './openapi.js';
import {harness, rejectsWith} from './support.js';

const production = DEMO_PROJECTS.production.id;
const analytics = DEMO_PROJECTS.analytics.id;
const sandbox = DEMO_PROJECTS.sandbox.id;
const spec = new OpenApiSubset();
// Long enough that real time passing during a test moves a job by a negligible share.
const DURATION = 3_600_000;

function asWireRequest(entry: SimulatorLogEntry): WireRequest {
	const request: WireRequest = {method: entry.method, path: entry.path, query: entry.query, headers: entry.headers};
	if (entry.body !== undefined) request.body = entry.body;
	return request;
}

function lastPatch(log: SimulatorLogEntry[]): SimulatorLogEntry | undefined {
	return log.filter(entry => entry.method === 'PATCH' && entry.authenticated).at(-1);
}

async function manualHarness() {
	return harness({retry: {limit: 0}}, {exportDurationMs: DURATION});
}

describe('backup operations', () => {
	test('clusters: tier and Cloud Backup decide which can export, each other one with its reason', async () => {
		const {sim, client} = await manualHarness();
		try {
			const clusters = await client.listClusters(production);
			const verdicts = Object.fromEntries(clusters.map(cluster => [cluster.name, exportability(cluster)]));
			assert.deepEqual(verdicts[DEMO_CLUSTERS.productionExportable], {exportable: true});
			assert.equal((verdicts[DEMO_CLUSTERS.productionFree] as {reason: string}).reason, 'free');
			assert.equal((verdicts[DEMO_CLUSTERS.productionBackupOff] as {reason: string}).reason, 'backupOff');
			assert.match((verdicts[DEMO_CLUSTERS.productionBackupOff] as {explanation: string}).explanation, /Cloud Backup is off/);
			assert.deepEqual(await client.listClusters(sandbox), []);
		} finally {
			await sim.close();
		}
	});

	test('snapshots: listed newest first; only completed ones are exportable', async () => {
		const {sim, client} = await manualHarness();
		try {
			const snapshots = await client.listSnapshots(production, DEMO_CLUSTERS.productionExportable);
			assert.equal(snapshots.length, 4);
			assert.deepEqual(exportableSnapshots(snapshots).map(snapshot => snapshot.id), [DEMO_SNAPSHOT_IDS.newest, DEMO_SNAPSHOT_IDS.daily2, DEMO_SNAPSHOT_IDS.weekly]);
			assert.deepEqual(exportableSnapshots(await client.listSnapshots(analytics, DEMO_CLUSTERS.analyticsNoSnapshot)), []);
		} finally {
			await sim.close();
		}
	});

	test('an export job goes Queued -> InProgress (collections growing) -> Successful as the export clock runs', async () => {
		const {sim, client} = await manualHarness();
		try {
			const cluster = DEMO_CLUSTERS.productionExportable;
			const created = await client.withRaw.createExportJob(production, cluster, {snapshotId: DEMO_SNAPSHOT_IDS.newest, exportBucketId: DEMO_EXPORT_BUCKET_ID});
			const raw = created.raw as Record<string, unknown>;
			assert.equal(typeof raw.id, 'string');
			assert.equal('_id' in raw, false, 'export jobs carry id, as recorded');
			assert.deepEqual(raw.exportStatus, {exportedCollections: 0, totalCollections: 0});
			assert.deepEqual(raw.customData, []);
			assert.equal(created.value.state, 'Queued');
			assert.match(created.value.prefix ?? '', new RegExp(`^exported_snapshots/[a-f\\d]{24}/${production}/${cluster}/\\d{4}-\\d{2}-\\d{2}T\\d{4}/\\d+$`));

			sim.controls.advanceClock(DURATION * 0.4);
			const middle = await client.getExportJob(production, cluster, created.value.id);
			assert.equal(middle.state, 'InProgress');
			assert.equal(middle.totalCollections, 14);
			assert.ok((middle.exportedCollections ?? 0) > 0 && (middle.exportedCollections ?? 0) < 14, JSON.stringify(middle));
			sim.controls.advanceClock(DURATION * 0.3);
			const later = await client.getExportJob(production, cluster, created.value.id);
			assert.ok((later.exportedCollections ?? 0) > (middle.exportedCollections ?? 0), 'collections grow');

			sim.controls.advanceClock(DURATION);
			const done = await client.getExportJob(production, cluster, created.value.id);
			assert.equal(done.state, 'Successful');
			assert.equal(done.exportedCollections, 14);
			assert.equal(typeof done.finishedAt, 'string');
			assert.deepEqual((await client.listExportJobs(production, cluster)).map(job => job.id), [created.value.id]);
		} finally {
			await sim.close();
		}
	});

	test('a failing job ends Failed with a stateReason; Atlas does not retry it', async () => {
		const {sim, client} = await manualHarness();
		try {
			sim.controls.setExportOutcome({state: 'Failed', stateReason: {errorCode: 'EXPORT_FAILED', message: 'Access denied writing to the bucket.'}});
			const cluster = DEMO_CLUSTERS.productionExportable;
			const job = await client.createExportJob(production, cluster, {snapshotId: DEMO_SNAPSHOT_IDS.daily2, exportBucketId: DEMO_EXPORT_BUCKET_ID});
			sim.controls.advanceClock(DURATION * 2);
			const failed = await client.getExportJob(production, cluster, job.id);
			assert.equal(failed.state, 'Failed');
			assert.deepEqual(failed.stateReason, {errorCode: 'EXPORT_FAILED', message: 'Access denied writing to the bucket.'});
			sim.controls.advanceClock(DURATION * 10);
			assert.equal((await client.getExportJob(production, cluster, job.id)).state, 'Failed');
		} finally {
			await sim.close();
		}
	});

	test('refusals carry typed reasons: not completed, not found, cluster cannot export', async () => {
		const {sim, client} = await manualHarness();
		try {
			const bucket = DEMO_EXPORT_BUCKET_ID;
			const cases: Array<[Promise<unknown>, string]> = [
				[client.createExportJob(production, DEMO_CLUSTERS.productionExportable, {snapshotId: DEMO_SNAPSHOT_IDS.inProgress, exportBucketId: bucket}), 'snapshotNotCompleted'],
				[client.createExportJob(production, DEMO_CLUSTERS.productionExportable, {snapshotId: 'aaaaaaaaaaaaaaaaaaaaaaaa', exportBucketId: bucket}), 'snapshotNotFound'],
				[client.createExportJob(production, DEMO_CLUSTERS.productionBackupOff, {snapshotId: DEMO_SNAPSHOT_IDS.newest, exportBucketId: bucket}), 'backupNotEnabled'],
				[client.createExportJob(production, DEMO_CLUSTERS.productionFree, {snapshotId: DEMO_SNAPSHOT_IDS.newest, exportBucketId: bucket}), 'backupNotEnabled'],
				[client.listSnapshots(production, 'no-such-cluster'), 'clusterNotFound'],
				[client.getExportJob(production, DEMO_CLUSTERS.productionExportable, 'aaaaaaaaaaaaaaaaaaaaaaaa'), 'exportJobNotFound'],
				[client.deleteExportBucket(analytics, DEMO_IN_USE_EXPORT_BUCKET_ID), 'exportBucketInUse'],
			];
			for (const [promise, reason] of cases) {
				const error = await rejectsWith(promise);
				assert.ok(error instanceof AtlasError, String(error));
				assert.equal(atlasErrorReason(error), reason, `${error.errorCode}: ${error.message}`);
			}
			const invalid = await rejectsWith(client.createExportJob(production, 'bad name', {snapshotId: DEMO_SNAPSHOT_IDS.newest, exportBucketId: bucket}));
			assert.ok(invalid instanceof ValidationError);
			assert.equal(sim.log.filter(entry => entry.path.includes('bad')).length, 0, 'nothing sent for a bad cluster name');
		} finally {
			await sim.close();
		}
	});

	test('automatic export on, then off: the bucket it used can be deleted only once it is off', async () => {
		const {sim, client} = await manualHarness();
		try {
			const cluster = DEMO_CLUSTERS.analyticsAutoExport;
			const before = await client.getAutoExport(analytics, cluster);
			assert.deepEqual(before, {clusterName: cluster, autoExportEnabled: true, exportBucketId: DEMO_IN_USE_EXPORT_BUCKET_ID, frequencyType: 'monthly', useOrgAndGroupNamesInExportPrefix: true});
			const refused = await rejectsWith(client.deleteExportBucket(analytics, DEMO_IN_USE_EXPORT_BUCKET_ID));
			assert.match((refused as AtlasError).hint, /auto-export .* --disable/);

			const off = await client.setAutoExport(analytics, cluster, {enabled: false});
			assert.equal(off.autoExportEnabled, false);
			assert.equal(off.exportBucketId, undefined);
			const patch = lastPatch(sim.log);
			assert.deepEqual(JSON.parse(patch?.body ?? ''), {autoExportEnabled: false});
			await client.deleteExportBucket(analytics, DEMO_IN_USE_EXPORT_BUCKET_ID);

			const on = await client.setAutoExport(production, DEMO_CLUSTERS.productionExportable, {enabled: true, exportBucketId: DEMO_EXPORT_BUCKET_ID, frequencyType: 'yearly'});
			assert.deepEqual(on, {clusterName: DEMO_CLUSTERS.productionExportable, autoExportEnabled: true, exportBucketId: DEMO_EXPORT_BUCKET_ID, frequencyType: 'yearly', useOrgAndGroupNamesInExportPrefix: true});
			const sent = JSON.parse(lastPatch(sim.log)?.body ?? '');
			assert.deepEqual(sent, {autoExportEnabled: true, export: {exportBucketId: DEMO_EXPORT_BUCKET_ID, frequencyType: 'yearly'}, useOrgAndGroupNamesInExportPrefix: true});
			const inUse = await rejectsWith(client.deleteExportBucket(production, DEMO_EXPORT_BUCKET_ID));
			assert.equal(atlasErrorReason(inUse), 'exportBucketInUse');
			const schedule = await rejectsWith(client.setAutoExport(production, DEMO_CLUSTERS.productionBackupOff, {enabled: false}));
			assert.equal(atlasErrorReason(schedule), 'backupNotEnabled');
		} finally {
			await sim.close();
		}
	});

	test('every backup request and response validates against the spec subset', async () => {
		for (const options of [{}, {pretty: true}] as const) {
			const {sim, client, exchanges} = await harness({...options, retry: {limit: 0}}, {exportDurationMs: DURATION});
			try {
				await client.listClusters(production);
				await client.listSnapshots(production, DEMO_CLUSTERS.productionExportable);
				const job = await client.createExportJob(production, DEMO_CLUSTERS.productionExportable, {snapshotId: DEMO_SNAPSHOT_IDS.newest, exportBucketId: DEMO_EXPORT_BUCKET_ID, customData: [{key: 'ticket', value: 'OPS-1'}]});
				for (const step of [0, 0.3, 0.5, 1]) {
					sim.controls.advanceClock(DURATION * step);
					await client.getExportJob(production, DEMO_CLUSTERS.productionExportable, job.id);
				}
				sim.controls.setExportOutcome({state: 'Failed', stateReason: {errorCode: 'EXPORT_FAILED', message: 'x'}});
				await client.createExportJob(production, DEMO_CLUSTERS.productionExportable, {snapshotId: DEMO_SNAPSHOT_IDS.weekly, exportBucketId: DEMO_EXPORT_BUCKET_ID});
				sim.controls.advanceClock(DURATION);
				await client.listExportJobs(production, DEMO_CLUSTERS.productionExportable);
				await client.getAutoExport(analytics, DEMO_CLUSTERS.analyticsAutoExport);
				await client.setAutoExport(analytics, DEMO_CLUSTERS.analyticsAutoExport, {enabled: false});
				await client.setAutoExport(analytics, DEMO_CLUSTERS.analyticsAutoExport, {enabled: true, exportBucketId: DEMO_IN_USE_EXPORT_BUCKET_ID, frequencyType: 'monthly'});
				await rejectsWith(client.createExportJob(production, DEMO_CLUSTERS.productionExportable, {snapshotId: DEMO_SNAPSHOT_IDS.inProgress, exportBucketId: DEMO_EXPORT_BUCKET_ID}));
				await rejectsWith(client.listSnapshots(production, 'no-such-cluster'));
				await rejectsWith(client.getExportJob(production, DEMO_CLUSTERS.productionExportable, 'aaaaaaaaaaaaaaaaaaaaaaaa'));

				const requestProblems = sim.log.flatMap(entry => spec.checkRequest(asWireRequest(entry), {challenge: entry.headers.authorization === undefined}));
				assert.deepEqual(requestProblems, []);
				const responseProblems = exchanges.flatMap(exchange =>
					spec.checkResponse(
						{method: exchange.method, path: new URL(exchange.url).pathname, accept: exchange.requestHeaders.accept ?? ''},
						{status: exchange.status ?? 0, contentType: exchange.responseHeaders?.['content-type'] ?? '', body: exchange.responseBody ?? ''},
					),
				);
				assert.deepEqual(responseProblems, []);
			} finally {
				await sim.close();
			}
		}
	});
});
