// The backup commands in-process against the simulator: clusters and snapshots (what can be
// exported), export with --latest and --watch (Successful, Failed, stopped while watching), exports
// list/describe, auto-export on and off, and the bucket an auto-export still uses. Export jobs move
// only when the test moves the simulator's clock, after it has seen the progress line it waits for.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {DEMO_CLUSTERS, DEMO_EXPORT_BUCKET_ID, DEMO_IN_USE_EXPORT_BUCKET_ID, DEMO_PROJECTS, DEMO_SNAPSHOT_IDS, type Simulator} from '../../source/simulator/index.js';
import {runInProcess, simEnv, simulator, tempDir, type InProcessOptions} from './helpers.js';

const production = DEMO_PROJECTS.production.id;
const analytics = DEMO_PROJECTS.analytics.id;
const sandbox = DEMO_PROJECTS.sandbox.id;
const DURATION = 3_600_000;

/** Moves the clock by `ms` the first time stderr contains `text`. */
function whenStderr(sim: Simulator, steps: Array<[RegExp, number | (() => void)]>): InProcessOptions['onStderr'] {
	const done = new Set<number>();
	return stderr => {
		steps.forEach(([pattern, action], index) => {
			if (done.has(index) || !pattern.test(stderr)) return;
			done.add(index);
			if (typeof action === 'number') sim.controls.advanceClock(action);
			else action();
		});
	};
}

function posts(sim: Simulator): number {
	return sim.log.filter(entry => entry.method === 'POST' && entry.path.endsWith('/backup/exports') && entry.status === 200).length;
}

describe('clusters and snapshots', () => {
	test('clusters lists every cluster; those that cannot export say why', async t => {
		const sim = await simulator(t, {exportDurationMs: DURATION});
		const run = await runInProcess(['clusters', '--project-id', production], {env: simEnv(sim, tempDir(t)), tty: true, columns: 160});
		assert.equal(run.code, 0, run.stderr);
		assert.match(run.stdout, /^orders-prod\s+M30\s+on\s+yes$/m);
		assert.match(run.stdout, /^playground\s+M0\s+off\s+no: free cluster/m);
		assert.match(run.stdout, /^reporting\s+M10\s+off\s+no: Cloud Backup is off/m);
		const none = await runInProcess(['clusters', '--project-id', sandbox], {env: simEnv(sim, tempDir(t))});
		assert.match(none.stdout, /No clusters in project/);
		const json = await runInProcess(['clusters', '--projectId', production, '--json'], {env: simEnv(sim, tempDir(t))});
		assert.deepEqual((JSON.parse(json.stdout) as Array<{name: string}>).map(cluster => cluster.name), ['orders-prod', 'playground', 'reporting']);
	});

	test('snapshots are listed newest first with status and size; --clusterName is accepted', async t => {
		const sim = await simulator(t, {exportDurationMs: DURATION});
		const run = await runInProcess(['snapshots', '--project-id', production, '--clusterName', DEMO_CLUSTERS.productionExportable], {env: simEnv(sim, tempDir(t)), tty: true, columns: 160});
		assert.equal(run.code, 0, run.stderr);
		const ids = run.stdout.trimEnd().split("\n").slice(1).map(line => line.split(/\s+/)[0]);
		assert.deepEqual(ids, [DEMO_SNAPSHOT_IDS.inProgress, DEMO_SNAPSHOT_IDS.newest, DEMO_SNAPSHOT_IDS.daily2, DEMO_SNAPSHOT_IDS.weekly]);
		assert.match(run.stdout, new RegExp(`${DEMO_SNAPSHOT_IDS.newest}.*\\(6 h ago\\)\\s+completed\\s+scheduled daily\\s+2\\.5 GB`));
	});
});

describe('export', () => {
	test('--latest --watch follows the newest completed snapshot to Successful (exit 0), progress on stderr', async t => {
		const sim = await simulator(t, {exportDurationMs: DURATION});
		const run = await runInProcess(['export', '--project-id', production, '--cluster', DEMO_CLUSTERS.productionExportable, '--latest', '--bucket-id', DEMO_EXPORT_BUCKET_ID, '--watch', '--interval', '0.01'], {
			env: simEnv(sim, tempDir(t)),
			onStderr: whenStderr(sim, [[/Queued/, DURATION * 0.5], [/InProgress · \d+ of 14/, DURATION]]),
		});
		assert.equal(run.code, 0, run.stderr);
		assert.match(run.stderr, new RegExp(`Newest completed snapshot: ${DEMO_SNAPSHOT_IDS.newest}`));
		assert.match(run.stderr, /^Queued · waiting to start · /m);
		assert.match(run.stderr, /^InProgress · \d+ of 14 collections · /m);
		assert.match(run.stderr, /^Successful · 14 of 14 collections · /m);
		assert.match(run.stdout, /^State\s+Successful$/m);
		assert.match(run.stdout, new RegExp(`^S3 prefix\\s+exported_snapshots/\\w+/${production}/orders-prod/`, 'm'));
		const sent = JSON.parse(sim.log.find(entry => entry.method === 'POST' && entry.status === 200)?.body ?? '{}');
		assert.deepEqual(sent, {snapshotId: DEMO_SNAPSHOT_IDS.newest, exportBucketId: DEMO_EXPORT_BUCKET_ID, customData: []});
	});

	test('a job that fails ends the watch with exit 1 and its stateReason', async t => {
		const sim = await simulator(t, {exportDurationMs: DURATION});
		sim.controls.setExportOutcome({state: 'Failed', stateReason: {errorCode: 'EXPORT_FAILED', message: 'Access Denied writing to acme-atlas-snapshots.'}});
		const run = await runInProcess(['export', '--project-id', production, '--cluster', DEMO_CLUSTERS.productionExportable, '--snapshotId', DEMO_SNAPSHOT_IDS.daily2, '--bucketId', DEMO_EXPORT_BUCKET_ID, '--watch', '--interval', '0.01'], {
			env: simEnv(sim, tempDir(t)),
			onStderr: whenStderr(sim, [[/Queued/, DURATION * 2]]),
		});
		assert.equal(run.code, 1, run.stderr);
		assert.match(run.stderr, /Error: The export job failed: Access Denied writing to acme-atlas-snapshots\. \(EXPORT_FAILED\) Atlas does not retry/);
		assert.match(run.stdout, /^State\s+Failed$/m);
	});

	test('stopping the watch (Ctrl-C) leaves the job running and names the command that checks it', async t => {
		const sim = await simulator(t, {exportDurationMs: DURATION});
		const stop = new AbortController();
		const env = simEnv(sim, tempDir(t));
		const run = await runInProcess(['export', '--project-id', production, '--cluster', DEMO_CLUSTERS.productionExportable, '--latest', '--bucket-id', DEMO_EXPORT_BUCKET_ID, '--watch', '--interval', '0.01'], {
			env,
			signal: stop.signal,
			onStderr: whenStderr(sim, [[/Queued/, () => stop.abort()]]),
		});
		assert.equal(run.code, 130);
		assert.match(run.stderr, /Stopped watching\. The export job keeps running in Atlas \(nothing was cancelled\)/);
		const check = /^(atlas-export-bucket exports describe .*)$/m.exec(run.stderr)?.[1] ?? '';
		assert.match(check, new RegExp(`--project-id ${production} --cluster orders-prod --export-id [a-f\\d]{24}$`));
		assert.equal(sim.log.filter(entry => entry.method === 'DELETE' || entry.method === 'PATCH').length, 0, 'nothing cancels the job');
		sim.controls.advanceClock(DURATION * 2);
		const later = await runInProcess(check.split(' ').slice(1), {env});
		assert.equal(later.code, 0, later.stderr);
		assert.match(later.stdout, /^State\s+Successful$/m);
	});

	test('--latest on a cluster without a completed snapshot creates nothing and says why', async t => {
		const sim = await simulator(t, {exportDurationMs: DURATION});
		const run = await runInProcess(['export', '--project-id', analytics, '--cluster', DEMO_CLUSTERS.analyticsNoSnapshot, '--latest', '--bucket-id', DEMO_IN_USE_EXPORT_BUCKET_ID], {env: simEnv(sim, tempDir(t))});
		assert.equal(run.code, 2);
		assert.match(run.stderr, /has no completed snapshot to export yet \(one is still being taken\)/);
		assert.equal(posts(sim), 0);
	});

	test('a cluster that cannot export is refused by Atlas with the reason (exit 1)', async t => {
		const sim = await simulator(t, {exportDurationMs: DURATION});
		const run = await runInProcess(['export', '--project-id', production, '--cluster', DEMO_CLUSTERS.productionBackupOff, '--snapshot-id', DEMO_SNAPSHOT_IDS.newest, '--bucket-id', DEMO_EXPORT_BUCKET_ID], {env: simEnv(sim, tempDir(t))});
		assert.equal(run.code, 1);
		assert.match(run.stderr, /needs a dedicated cluster \(M10 or larger\) with Cloud Backup on/);
	});

	test('usage errors send nothing (exit 2)', async t => {
		const sim = await simulator(t, {exportDurationMs: DURATION});
		const env = simEnv(sim, tempDir(t));
		const base = ['export', '--project-id', production, '--bucket-id', DEMO_EXPORT_BUCKET_ID];
		for (const [args, message] of [
			[[...base, '--cluster', 'orders-prod', '--latest', '--snapshot-id', DEMO_SNAPSHOT_IDS.newest], /either --snapshot-id or --latest, not both/],
			[[...base, '--cluster', 'orders-prod'], /Missing --snapshot-id \(or --latest\)/],
			[[...base, '--latest'], /Missing --cluster/],
			[[...base, '--cluster', 'orders prod', '--latest'], /--cluster: A cluster name has only letters/],
		] as const) {
			const run = await runInProcess([...args], {env});
			assert.equal(run.code, 2, run.stderr);
			assert.match(run.stderr, message);
		}
		assert.equal(sim.log.length, 0);
	});

	test('without --watch it prints the job and exits 0; exports lists it and describe shows it (--json as Atlas sent it)', async t => {
		const sim = await simulator(t, {exportDurationMs: DURATION});
		const env = simEnv(sim, tempDir(t));
		const created = await runInProcess(['export', '--project-id', production, '--cluster', 'orders-prod', '--latest', '--bucket-id', DEMO_EXPORT_BUCKET_ID, '--json'], {env});
		assert.equal(created.code, 0, created.stderr);
		const job = JSON.parse(created.stdout) as {id: string; state: string};
		assert.equal(job.state, 'Queued');
		const list = await runInProcess(['exports', '--project-id', production, '--cluster', 'orders-prod'], {env});
		assert.match(list.stdout, new RegExp(`^${job.id}\\s+Queued\\s+waiting to start`, 'm'));
		sim.controls.advanceClock(DURATION * 0.6);
		const described = await runInProcess(['exports', 'describe', '--project-id', production, '--cluster', 'orders-prod', '--exportId', job.id, '--json'], {env});
		assert.equal(described.code, 0, described.stderr);
		assert.equal((JSON.parse(described.stdout) as {state: string}).state, 'InProgress');
	});
});

describe('auto-export', () => {
	test('off on the cluster using a bucket lets that bucket be deleted; before -> after on stderr', async t => {
		const sim = await simulator(t, {exportDurationMs: DURATION});
		const env = simEnv(sim, tempDir(t));
		const refused = await runInProcess(['delete', '--project-id', analytics, '--bucket-id', DEMO_IN_USE_EXPORT_BUCKET_ID, '--yes'], {env});
		assert.equal(refused.code, 1);
		assert.match(refused.stderr, /still used by an automatic snapshot export/);
		assert.match(refused.stderr, /auto-export --project-id ID --cluster NAME --disable/);

		const off = await runInProcess(['auto-export', '--project-id', analytics, '--cluster', DEMO_CLUSTERS.analyticsAutoExport, '--disable', '--yes'], {env});
		assert.equal(off.code, 0, off.stderr);
		assert.match(off.stderr, new RegExp(`Automatic export of cluster analytics-main: on, monthly to export bucket ${DEMO_IN_USE_EXPORT_BUCKET_ID} -> off`));
		assert.equal(off.stdout, 'Automatic export of cluster analytics-main is off.\n');
		const deleted = await runInProcess(['delete', '--project-id', analytics, '--bucket-id', DEMO_IN_USE_EXPORT_BUCKET_ID, '--yes'], {env});
		assert.equal(deleted.code, 0, deleted.stderr);
	});

	test('on: monthly to a bucket (--json prints the schedule as Atlas sent it); the bucket is then in use', async t => {
		const sim = await simulator(t, {exportDurationMs: DURATION});
		const env = simEnv(sim, tempDir(t));
		const on = await runInProcess(['auto-export', '--project-id', production, '--clusterName', 'orders-prod', '--bucketId', DEMO_EXPORT_BUCKET_ID, '--frequency', 'monthly', '--yes', '--json'], {env});
		assert.equal(on.code, 0, on.stderr);
		const schedule = JSON.parse(on.stdout) as Record<string, unknown>;
		assert.equal(schedule.autoExportEnabled, true);
		assert.deepEqual(schedule.export, {exportBucketId: DEMO_EXPORT_BUCKET_ID, frequencyType: 'monthly'});
		assert.match(on.stderr, new RegExp(`orders-prod: off -> on, monthly to export bucket ${DEMO_EXPORT_BUCKET_ID}`));
		const refused = await runInProcess(['delete', '--project-id', production, '--bucket-id', DEMO_EXPORT_BUCKET_ID, '--yes'], {env});
		assert.equal(refused.code, 1);
	});

	test('asks in a terminal ("n" changes nothing, exit 130); without a terminal it needs --yes; bad combinations are usage errors', async t => {
		const sim = await simulator(t, {exportDurationMs: DURATION});
		const env = simEnv(sim, tempDir(t));
		const args = ['auto-export', '--project-id', production, '--cluster', 'orders-prod', '--bucket-id', DEMO_EXPORT_BUCKET_ID, '--frequency', 'yearly'];
		const declined = await runInProcess(args, {env, tty: 'stdin', onStdin: stdin => stdin.end('n\n')});
		assert.equal(declined.code, 130, declined.stderr);
		assert.match(declined.stderr, /Change the backup schedule\? \(y\/N\)/);
		const noTty = await runInProcess(args, {env});
		assert.equal(noTty.code, 2);
		assert.match(noTty.stderr, /--yes/);
		const mixed = await runInProcess(['auto-export', '--project-id', production, '--cluster', 'orders-prod', '--disable', '--frequency', 'monthly', '--yes'], {env});
		assert.equal(mixed.code, 2);
		const daily = await runInProcess(['auto-export', '--project-id', production, '--cluster', 'orders-prod', '--bucket-id', DEMO_EXPORT_BUCKET_ID, '--frequency', 'daily', '--yes'], {env});
		assert.equal(daily.code, 2);
		assert.equal(sim.log.filter(entry => entry.method === 'PATCH').length, 0);
	});
});
