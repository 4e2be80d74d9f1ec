import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {DEMO_EXPORT_BUCKET_ID, DEMO_IN_USE_EXPORT_BUCKET_ID, DEMO_PROJECTS, DEMO_ROLE_IDS} from '../../source/simulator/index.js';
import {demoExportBucketJson, runInProcess, simEnv, simulator, tempDir} from './helpers.js';

const project = DEMO_PROJECTS.production.id;

function deletes(sim: {log: Array<{method: string; status: number}>}) {
	return sim.log.filter(entry => entry.method === 'DELETE' && entry.status !== 401);
}

describe('describe', () => {
	test('shows the bucket as aligned key/value lines', async t => {
		const sim = await simulator(t);
		const run = await runInProcess(['describe', '--project-id', project, '--bucket-id', DEMO_EXPORT_BUCKET_ID], {env: simEnv(sim, tempDir(t))});
		assert.equal(run.code, 0, run.stderr);
		assert.deepEqual(run.stdout.trimEnd().split('\n').slice(0, 5), [
			`ID                  ${DEMO_EXPORT_BUCKET_ID}`,
			'Bucket name         acme-atlas-snapshots',
			'Cloud provider      AWS',
			`IAM role ID         ${DEMO_ROLE_IDS.productionExport}`,
			'Region              us-east-1',
		]);
		assert.match(run.stdout, /^Private networking {2}\S+$/m);
	});

	for (const apiVersion of ['v2', 'v1.0'] as const) {
		test(`--json prints the object exactly as Atlas sent it; --bucketId is accepted (${apiVersion})`, async t => {
			const sim = await simulator(t);
			const run = await runInProcess(['describe', '--projectId', project, '--bucketId', DEMO_EXPORT_BUCKET_ID, '--api-version', apiVersion, '--json'], {env: simEnv(sim, tempDir(t))});
			assert.equal(run.code, 0, run.stderr);
			assert.equal(run.stderr, '');
			// The client's domain object would say `id` and drop `links`: --json must not.
			assert.deepEqual(JSON.parse(run.stdout), demoExportBucketJson('get'));
		});

		test(`--json with --envelope prints the object without the envelope (${apiVersion})`, async t => {
			const sim = await simulator(t);
			const env = simEnv(sim, tempDir(t));
			const args = ['describe', '--project-id', project, '--bucket-id', DEMO_EXPORT_BUCKET_ID, '--api-version', apiVersion, '--json'];
			const plain = await runInProcess(args, {env});
			const wrapped = await runInProcess([...args, '--envelope'], {env});
			assert.equal(wrapped.code, 0, wrapped.stderr);
			assert.equal(sim.log.at(-1)!.query.envelope, 'true');
			assert.equal(wrapped.stdout, plain.stdout);
			assert.equal((JSON.parse(wrapped.stdout) as Record<string, unknown>)._id, DEMO_EXPORT_BUCKET_ID);
		});
	}

	test('an unknown bucket id: exit 1 with the Atlas message', async t => {
		const sim = await simulator(t);
		const run = await runInProcess(['describe', '--project-id', project, '--bucket-id', 'bbbbbbbbbbbbbbbbbbbbbbbb'], {env: simEnv(sim, tempDir(t))});
		assert.equal(run.code, 1);
		assert.match(run.stderr, /No export bucket with that id/);
	});

	test('a malformed or missing bucket id: exit 2, nothing sent', async t => {
		const sim = await simulator(t);
		const env = simEnv(sim, tempDir(t));
		assert.equal((await runInProcess(['describe', '--project-id', project, '--bucket-id', 'acme'], {env})).code, 2);
		const missing = await runInProcess(['describe', '--project-id', project], {env});
		assert.equal(missing.code, 2);
		assert.match(missing.stderr, /--bucket-id/);
		assert.equal(sim.log.length, 0);
	});
});

describe('delete', () => {
	test('--yes deletes and says so; the bucket is gone', async t => {
		const sim = await simulator(t);
		const env = simEnv(sim, tempDir(t));
		const run = await runInProcess(['delete', '--project-id', project, '--bucket-id', DEMO_EXPORT_BUCKET_ID, '--yes'], {env});
		assert.equal(run.code, 0, run.stderr);
		assert.equal(run.stdout, `Export destination '${DEMO_EXPORT_BUCKET_ID}' deleted.\n`);
		const list = await runInProcess(['list', '--project-id', project, '--json'], {env});
		assert.deepEqual(JSON.parse(list.stdout), []);
	});

	test('--json leaves stdout empty (the API answers 204 without a body)', async t => {
		const sim = await simulator(t);
		const run = await runInProcess(['delete', '--project-id', project, '--bucket-id', DEMO_EXPORT_BUCKET_ID, '--yes', '--json'], {env: simEnv(sim, tempDir(t))});
		assert.equal(run.code, 0, run.stderr);
		assert.equal(run.stdout, '');
	});

	test('without --yes and stdin not a terminal: exit 2 naming --yes, nothing sent', async t => {
		const sim = await simulator(t);
		const run = await runInProcess(['delete', '--project-id', project, '--bucket-id', DEMO_EXPORT_BUCKET_ID], {env: simEnv(sim, tempDir(t))});
		assert.equal(run.code, 2);
		assert.match(run.stderr, /--yes/);
		assert.equal(sim.log.length, 0);
	});

	test('in a terminal: asks with the bucket name; "n" cancels (130), "y" deletes', async t => {
		const sim = await simulator(t);
		const env = simEnv(sim, tempDir(t));
		const no = await runInProcess(['delete', '--project-id', project, '--bucket-id', DEMO_EXPORT_BUCKET_ID], {env, tty: true, onStdin: stdin => stdin.write('n\n')});
		assert.equal(no.code, 130);
		assert.match(no.stderr, /acme-atlas-snapshots/);
		assert.equal(deletes(sim).length, 0);
		const yes = await runInProcess(['delete', '--project-id', project, '--bucket-id', DEMO_EXPORT_BUCKET_ID], {env, tty: true, onStdin: stdin => stdin.write('yes\n')});
		assert.equal(yes.code, 0, yes.stderr);
		assert.equal(deletes(sim).length, 1);
	});

	test('a bucket still used by auto-export: exit 1 with the hint', async t => {
		const sim = await simulator(t);
		const run = await runInProcess(['delete', '--project-id', DEMO_PROJECTS.analytics.id, '--bucket-id', DEMO_IN_USE_EXPORT_BUCKET_ID, '--yes'], {env: simEnv(sim, tempDir(t))});
		assert.equal(run.code, 1);
		assert.match(run.stderr, /auto/i);
	});
});
