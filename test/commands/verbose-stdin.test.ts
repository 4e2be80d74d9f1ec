import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {DEMO_PROJECTS} from '../../source/simulator/index.js';
import {authorizationValues, runInProcess, simEnv, simulator, tempDir} from './helpers.js';

describe('--verbose', () => {
	test('prints each request and response on stderr, with no secret in any output', async t => {
		const sim = await simulator(t);
		const run = await runInProcess(['create', '--project-id', DEMO_PROJECTS.production.id, '--iam-role-id', '6650b2e3d4f5a6b7c8d9e0f1', '--bucket', 'acme-atlas-snapshots-eu', '--yes', '--verbose', '--json'], {env: simEnv(sim, tempDir(t))});
		assert.equal(run.code, 0, run.stderr);
		assert.match(run.stderr, /> GET http:\/\/127\.0\.0\.1:\d+\/api\/atlas\/v2\/groups\/[a-f\d]{24}\/backup\/exportBuckets/);
		assert.match(run.stderr, /> POST /);
		assert.match(run.stderr, /< 401/);
		assert.match(run.stderr, /< 200/);
		assert.match(run.stderr, /acme-atlas-snapshots-eu/);
		// stdout still holds exactly the JSON object.
		assert.equal((JSON.parse(run.stdout) as {bucketName: string}).bucketName, 'acme-atlas-snapshots-eu');
		const output = run.stdout + run.stderr;
		assert.ok(!output.includes(sim.keys.privateKey), 'private key leaked');
		const authorizations = authorizationValues(sim);
		assert.ok(authorizations.length > 0);
		for (const value of authorizations) {
			assert.ok(!output.includes(value), 'Authorization value leaked');
			const response = /response="([^"]+)"/.exec(value)?.[1];
			if (response) assert.ok(!output.includes(response), 'Digest response leaked');
		}
	});
});

describe('--private-key-stdin', () => {
	test('reads the private key from stdin and uses it', async t => {
		const sim = await simulator(t);
		const env = simEnv(sim, tempDir(t));
		delete env.MONGODB_ATLAS_PRIVATE_API_KEY;
		const run = await runInProcess(['projects', '--private-key-stdin', '--json'], {env, input: `${sim.keys.privateKey}\n`});
		assert.equal(run.code, 0, run.stderr);
		assert.equal((JSON.parse(run.stdout) as unknown[]).length, 3);
	});

	test('beats MONGODB_ATLAS_PRIVATE_API_KEY (and says so)', async t => {
		const sim = await simulator(t);
		const env = simEnv(sim, tempDir(t), {MONGODB_ATLAS_PRIVATE_API_KEY: '00000000-0000-4000-8000-000000000000'});
		const run = await runInProcess(['projects', '--private-key-stdin'], {env, input: sim.keys.privateKey});
		assert.equal(run.code, 0, run.stderr);
		assert.match(run.stderr, /ignored/);
	});

	test('a wrong key on stdin: exit 3; empty stdin: exit 2', async t => {
		const sim = await simulator(t);
		const env = simEnv(sim, tempDir(t));
		delete env.MONGODB_ATLAS_PRIVATE_API_KEY;
		assert.equal((await runInProcess(['projects', '--private-key-stdin'], {env, input: 'wrong-key'})).code, 3);
		const empty = await runInProcess(['projects', '--private-key-stdin'], {env, input: ''});
		assert.equal(empty.code, 2);
		assert.match(empty.stderr, /empty/);
	});

	test('there is no flag that takes the private key', async t => {
		const sim = await simulator(t);
		const run = await runInProcess(['projects', '--private-key', sim.keys.privateKey], {env: simEnv(sim, tempDir(t))});
		assert.equal(run.code, 2);
		assert.match(run.stderr, /unknown option/);
		assert.ok(!run.stderr.includes(sim.keys.privateKey));
		assert.equal(sim.log.length, 0);
	});
});
