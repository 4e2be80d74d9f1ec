// Issue 12 item 10: a user with no home directory (HOME unset and no passwd entry, as in a container
// started with an arbitrary uid). The built CLI runs as such a uid (setpriv, so the test needs root):
// commands work with keys from the environment, or say in one line which variable to set.
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {chmodSync} from 'node:fs';
import {describe, test} from 'node:test';
import {DEMO_PROJECTS} from '../../source/simulator/index.js';
import {childOutput} from '../support/child-output.js';
import {builtCli, root, simEnv, simulator, tempDir, type Run} from './helpers.js';

/** A uid that no passwd entry names. */
const NO_PASSWD_UID = '54321';
const needsRoot = process.getuid?.() === 0 ? false : 'needs root to run as a uid with no passwd entry (setpriv)';

async function runWithoutHome(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
	const child = spawn('setpriv', [`--reuid=${NO_PASSWD_UID}`, `--regid=${NO_PASSWD_UID}`, '--clear-groups', 'env', '-i', ...Object.entries({PATH: process.env.PATH, ...env}).map(([key, value]) => `${key}=${value}`), process.execPath, builtCli, ...args], {
		cwd: root,
	});
	const {code, stdout, stderr} = await childOutput(child);
	return {code: code ?? 1, stdout, stderr};
}

describe('no home directory', {skip: needsRoot}, () => {
	for (const args of [['profiles'], ['login', '--profile', 'x'], ['logout'], ['list', '--project-id', DEMO_PROJECTS.production.id]]) {
		test(`\`${args.join(' ')}\` without keys says it needs ATLAS_EXPORT_BUCKET_CONFIG_DIR, no stack trace`, async () => {
			const run = await runWithoutHome(args, {});
			assert.notEqual(run.code, 0, run.stderr);
			assert.match(run.stderr, /no home directory/);
			assert.match(run.stderr, /ATLAS_EXPORT_BUCKET_CONFIG_DIR/);
			assert.doesNotMatch(run.stderr, /\n\s+at |SystemError|app\.cjs/);
			assert.ok(run.stderr.trim().split('\n').length <= 2, run.stderr);
		});
	}

	test('keys from the environment: `list` works', async t => {
		const sim = await simulator(t);
		const {ATLAS_EXPORT_BUCKET_CONFIG_DIR: _unused, ...env} = simEnv(sim, '');
		const run = await runWithoutHome(['list', '--project-id', DEMO_PROJECTS.production.id], env);
		assert.equal(run.code, 0, run.stderr);
		assert.match(run.stdout, /\S/);
	});

	test('with ATLAS_EXPORT_BUCKET_CONFIG_DIR: `profiles` works', async t => {
		const dir = tempDir(t);
		chmodSync(dir, 0o777);
		const run = await runWithoutHome(['profiles'], {ATLAS_EXPORT_BUCKET_CONFIG_DIR: dir});
		assert.equal(run.code, 0, run.stderr);
	});
});
