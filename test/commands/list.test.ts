import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {DEMO_EXPORT_BUCKET_ID, DEMO_PROJECTS, DEMO_ROLE_IDS} from '../../source/simulator/index.js';
import {demoExportBucketJson, refusedUrl, runInProcess, simEnv, simulator, tempDir} from './helpers.js';

describe('list', () => {
	test('prints an aligned table like the Atlas CLI, within 80 columns', async t => {
		const sim = await simulator(t);
		const run = await runInProcess(['list', '--project-id', DEMO_PROJECTS.production.id], {env: simEnv(sim, tempDir(t))});
		assert.equal(run.code, 0, run.stderr);
		const lines = run.stdout.trimEnd().split('\n');
		assert.match(lines[0]!, /^ID {2,}BUCKET NAME {2,}IAM ROLE ID$/);
		const row = lines.find(line => line.startsWith(DEMO_EXPORT_BUCKET_ID));
		assert.ok(row, run.stdout);
		assert.match(row, new RegExp(`^${DEMO_EXPORT_BUCKET_ID} {2,}acme-atlas-snapshots {2,}${DEMO_ROLE_IDS.productionExport}$`));
		assert.ok(lines.every(line => line.length <= 80), run.stdout);
		// Aligned: the second column starts at the same offset in every line.
		const offsets = lines.map(line => /^\S+ {2,}/.exec(line)?.[0].length);
		assert.equal(new Set(offsets).size, 1, run.stdout);
		assert.equal(run.stderr, '');
	});

	for (const apiVersion of ['v2', 'v1.0'] as const) {
		test(`--json prints exactly the results array as Atlas sent it (\`_id\`, \`links\`) and nothing else (${apiVersion})`, async t => {
			const sim = await simulator(t);
			const project = DEMO_PROJECTS.production.id;
			const run = await runInProcess(['list', '--project-id', project, '--api-version', apiVersion, '--json'], {env: simEnv(sim, tempDir(t))});
			assert.equal(run.code, 0, run.stderr);
			assert.equal(run.stderr, '');
			assert.deepEqual(JSON.parse(run.stdout), [demoExportBucketJson('list')]);
		});
	}

	test('an empty project says so', async t => {
		const sim = await simulator(t);
		const run = await runInProcess(['list', '--projectId', DEMO_PROJECTS.sandbox.id], {env: simEnv(sim, tempDir(t))});
		assert.equal(run.code, 0, run.stderr);
		assert.match(run.stdout, /No export buckets in project/);
	});

	test('an invalid project id is a usage error and nothing is sent', async t => {
		const sim = await simulator(t);
		const run = await runInProcess(['list', '--project-id', 'not-a-project'], {env: simEnv(sim, tempDir(t))});
		assert.equal(run.code, 2);
		assert.match(run.stderr, /24 hexadecimal/);
		assert.equal(sim.log.length, 0);
	});

	test('no project id at all is a usage error naming the flag', async t => {
		const sim = await simulator(t);
		const run = await runInProcess(['list'], {env: simEnv(sim, tempDir(t))});
		assert.equal(run.code, 2);
		assert.match(run.stderr, /--project-id/);
		assert.equal(sim.log.length, 0);
	});

	test('a project the key cannot see: API error, exit 1, message and hint, no stack', async t => {
		const sim = await simulator(t);
		const run = await runInProcess(['list', '--project-id', 'aaaaaaaaaaaaaaaaaaaaaaaa'], {env: simEnv(sim, tempDir(t))});
		assert.equal(run.code, 1);
		assert.match(run.stderr, /^Error: /);
		assert.doesNotMatch(run.stderr, /\n\s+at /);
		assert.equal(run.stdout, '');
	});

	test('wrong keys: exit 3', async t => {
		const sim = await simulator(t);
		const env = simEnv(sim, tempDir(t), {MONGODB_ATLAS_PRIVATE_API_KEY: '00000000-0000-4000-8000-000000000000'});
		const run = await runInProcess(['list', '--project-id', DEMO_PROJECTS.production.id], {env});
		assert.equal(run.code, 3);
		assert.match(run.stderr, /401/);
	});

	test('403 access list: exit 3', async t => {
		const sim = await simulator(t);
		sim.controls.setAccessList(['203.0.113.7']);
		const run = await runInProcess(['list', '--project-id', DEMO_PROJECTS.production.id], {env: simEnv(sim, tempDir(t))});
		assert.equal(run.code, 3);
		assert.match(run.stderr, /access list/);
	});

	test('network failure: exit 1 with a clear message', async t => {
		const env = simEnv({baseUrl: await refusedUrl(), keys: {publicKey: 'abcdefgh', privateKey: 'x'}}, tempDir(t));
		const run = await runInProcess(['list', '--project-id', DEMO_PROJECTS.production.id], {env});
		assert.equal(run.code, 1);
		assert.match(run.stderr, /^Error: Could not connect to 127\.0\.0\.1:\d+: the connection was refused\.\n.*--base-url/);
	});
});
