// login and profiles paths that need no keychain.
import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import {runInProcess, simulator, tempDir} from './helpers.js';

describe('login without a terminal and without keys', () => {
	test('exit 2, says how to pass the keys, sends and stores nothing', async t => {
		const sim = await simulator(t);
		const dir = tempDir(t);
		const run = await runInProcess(['login', '--profile', 'ci'], {env: {ATLAS_EXPORT_BUCKET_CONFIG_DIR: dir, MONGODB_ATLAS_OPS_MANAGER_URL: sim.baseUrl}});
		assert.equal(run.code, 2);
		assert.match(run.stderr, /MONGODB_ATLAS_PUBLIC_API_KEY/);
		assert.match(run.stderr, /--private-key-stdin/);
		assert.equal(sim.log.length, 0);
		assert.ok(!existsSync(path.join(dir, 'profiles.json')));
	});

	test('an invalid profile name is a usage error', async t => {
		const run = await runInProcess(['login', '--profile', '../evil'], {env: {ATLAS_EXPORT_BUCKET_CONFIG_DIR: tempDir(t)}});
		assert.equal(run.code, 2);
		assert.match(run.stderr, /profile name/);
	});
});

describe('profiles', () => {
	test('none yet: says how to create one; --json gives []', async t => {
		const env = {ATLAS_EXPORT_BUCKET_CONFIG_DIR: tempDir(t)};
		const human = await runInProcess(['profiles'], {env});
		assert.equal(human.code, 0, human.stderr);
		assert.match(human.stdout, /atlas-export-bucket login/);
		const json = await runInProcess(['profiles', '--json'], {env});
		assert.deepEqual(JSON.parse(json.stdout), []);
	});

	test('an unknown --profile for a command: exit 2 naming login', async t => {
		const run = await runInProcess(['projects', '--profile', 'nosuch'], {env: {ATLAS_EXPORT_BUCKET_CONFIG_DIR: tempDir(t)}});
		assert.equal(run.code, 2);
		assert.match(run.stderr, /login --profile nosuch/);
	});
});

describe('no subcommand', () => {
	test('in a terminal, a Ctrl-C that came before the wizard loaded exits 130 without starting it', async t => {
		const controller = new AbortController();
		controller.abort();
		const run = await runInProcess(['--demo'], {env: {ATLAS_EXPORT_BUCKET_CONFIG_DIR: tempDir(t)}, tty: true, signal: controller.signal});
		assert.equal(run.code, 130);
		assert.equal(run.stdout, '');
	});

	test('in a terminal, a base URL the settings decision refuses is a usage error before any frame', async t => {
		const run = await runInProcess(['--base-url', 'cloud.mongodb.com'], {env: {ATLAS_EXPORT_BUCKET_CONFIG_DIR: tempDir(t)}, tty: true});
		assert.equal(run.code, 2);
		assert.match(run.stderr, /base URL from --base-url is not a URL/);
		assert.equal(run.stdout, '');
	});

	test('stdout not a terminal (stdin is): exit 2 naming the command', async t => {
		const run = await runInProcess([], {env: {ATLAS_EXPORT_BUCKET_CONFIG_DIR: tempDir(t)}, tty: 'stdin'});
		assert.equal(run.code, 2);
		assert.match(run.stderr, /\(stdout is not a terminal\)/);
		assert.match(run.stderr, /create --project-id <id> --iam-role-id <id> --bucket <name> --yes/);
	});
});
