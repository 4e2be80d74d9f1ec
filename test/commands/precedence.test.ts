// flag > environment > stored profile, for the project id and the base URL (keys from the
// environment here; key precedence against the keychain is in keychain.test.ts).
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {createProfileStore} from '../../source/credentials/profiles.js';
import {DEMO_PROJECTS} from '../../source/simulator/index.js';
import {refusedUrl, runInProcess, simulator, tempDir} from './helpers.js';


function requestedProjects(sim: {log: Array<{path: string; status: number}>}): string[] {
	return sim.log.filter(entry => entry.status === 200).map(entry => /\/groups\/([a-f\d]{24})\//.exec(entry.path)?.[1] ?? '');
}

describe('settings precedence: flag > env > profile', () => {
	test('project id', async t => {
		const sim = await simulator(t);
		const dir = tempDir(t);
		await createProfileStore({dir}).save({name: 'default', publicKey: sim.keys.publicKey, projectId: DEMO_PROJECTS.sandbox.id, baseUrl: sim.baseUrl});
		const keys = {MONGODB_ATLAS_PUBLIC_API_KEY: sim.keys.publicKey, MONGODB_ATLAS_PRIVATE_API_KEY: sim.keys.privateKey, ATLAS_EXPORT_BUCKET_CONFIG_DIR: dir};

		assert.equal((await runInProcess(['list', '--json'], {env: keys})).code, 0);
		assert.deepEqual(requestedProjects(sim), [DEMO_PROJECTS.sandbox.id]);
		sim.controls.clearLog();

		assert.equal((await runInProcess(['list', '--json'], {env: {...keys, MONGODB_ATLAS_PROJECT_ID: DEMO_PROJECTS.analytics.id}})).code, 0);
		assert.deepEqual(requestedProjects(sim), [DEMO_PROJECTS.analytics.id]);
		sim.controls.clearLog();

		const flag = await runInProcess(['list', '--json', '--project-id', DEMO_PROJECTS.production.id], {env: {...keys, MONGODB_ATLAS_PROJECT_ID: DEMO_PROJECTS.analytics.id}});
		assert.equal(flag.code, 0, flag.stderr);
		assert.deepEqual(requestedProjects(sim), [DEMO_PROJECTS.production.id]);
	});

	test('base URL', async t => {
		const sim = await simulator(t);
		const refused = await refusedUrl();
		const dir = tempDir(t);
		const store = createProfileStore({dir});
		const keys = {MONGODB_ATLAS_PUBLIC_API_KEY: sim.keys.publicKey, MONGODB_ATLAS_PRIVATE_API_KEY: sim.keys.privateKey, ATLAS_EXPORT_BUCKET_CONFIG_DIR: dir};
		const args = ['projects', '--json'];

		await store.save({name: 'default', publicKey: sim.keys.publicKey, baseUrl: sim.baseUrl});
		assert.equal((await runInProcess(args, {env: keys})).code, 0, 'profile base URL used');
		assert.equal((await runInProcess(args, {env: {...keys, MONGODB_ATLAS_OPS_MANAGER_URL: refused}})).code, 1, 'env beats profile');

		await store.save({name: 'default', publicKey: sim.keys.publicKey, baseUrl: refused});
		assert.equal((await runInProcess(args, {env: {...keys, MONGODB_ATLAS_OPS_MANAGER_URL: sim.baseUrl}})).code, 0, 'env beats profile');
		assert.equal((await runInProcess([...args, '--base-url', refused], {env: {...keys, MONGODB_ATLAS_OPS_MANAGER_URL: sim.baseUrl}})).code, 1, 'flag beats env');
		assert.equal((await runInProcess([...args, '--base-url', sim.baseUrl], {env: {...keys, MONGODB_ATLAS_OPS_MANAGER_URL: refused}})).code, 0, 'flag beats env');
	});

	test('--api-version v1.0 reaches the v1.0 paths; an unknown version is a usage error', async t => {
		const sim = await simulator(t);
		const env = {MONGODB_ATLAS_PUBLIC_API_KEY: sim.keys.publicKey, MONGODB_ATLAS_PRIVATE_API_KEY: sim.keys.privateKey, MONGODB_ATLAS_OPS_MANAGER_URL: sim.baseUrl, ATLAS_EXPORT_BUCKET_CONFIG_DIR: tempDir(t)};
		const run = await runInProcess(['list', '--project-id', DEMO_PROJECTS.production.id, '--api-version', 'v1.0', '--json'], {env});
		assert.equal(run.code, 0, run.stderr);
		assert.ok(sim.log.some(entry => entry.path.startsWith('/api/atlas/v1.0/groups/') && entry.status === 200));
		const bad = await runInProcess(['list', '--project-id', DEMO_PROJECTS.production.id, '--api-version', 'v3'], {env});
		assert.equal(bad.code, 2);
		assert.match(bad.stderr, /v2, v1\.0|"v2", "v1\.0"/);
	});

	test('--pretty and --envelope reach Atlas as query parameters and the output is unchanged', async t => {
		const sim = await simulator(t);
		const env = {MONGODB_ATLAS_PUBLIC_API_KEY: sim.keys.publicKey, MONGODB_ATLAS_PRIVATE_API_KEY: sim.keys.privateKey, MONGODB_ATLAS_OPS_MANAGER_URL: sim.baseUrl, ATLAS_EXPORT_BUCKET_CONFIG_DIR: tempDir(t)};
		const plain = await runInProcess(['list', '--project-id', DEMO_PROJECTS.production.id, '--json'], {env});
		const wrapped = await runInProcess(['list', '--project-id', DEMO_PROJECTS.production.id, '--json', '--pretty', '--envelope'], {env});
		assert.equal(wrapped.code, 0, wrapped.stderr);
		assert.equal(wrapped.stdout, plain.stdout);
		const last = sim.log.at(-1)!;
		assert.equal(last.query.pretty, 'true');
		assert.equal(last.query.envelope, 'true');
	});
});
