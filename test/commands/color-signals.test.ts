import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {describe, test} from 'node:test';
import {applyColorPreference, wantsPlainOutput} from '../../source/commands/color.js';
import {DEMO_PROJECTS} from '../../source/simulator/index.js';
import {builtCli, builtCliEnv, root, runInProcess, simEnv, simulator, tempDir} from './helpers.js';

describe('plain output', () => {
	test('NO_COLOR, --no-color and TERM=dumb set FORCE_COLOR=0; nothing else does', () => {
		assert.equal(wantsPlainOutput([], {NO_COLOR: '1'}), true);
		assert.equal(wantsPlainOutput([], {NO_COLOR: ''}), false);
		assert.equal(wantsPlainOutput(['list', '--no-color'], {}), true);
		assert.equal(wantsPlainOutput([], {TERM: 'dumb'}), true);
		assert.equal(wantsPlainOutput(['--', '--no-color'], {TERM: 'xterm-256color'}), false);
		const env: NodeJS.ProcessEnv = {NO_COLOR: 'yes'};
		applyColorPreference([], env);
		assert.equal(env.FORCE_COLOR, '0');
		const untouched: NodeJS.ProcessEnv = {};
		applyColorPreference(['list'], untouched);
		assert.equal(untouched.FORCE_COLOR, undefined);
	});

	test('--no-color is accepted by every command', async t => {
		const sim = await simulator(t);
		const run = await runInProcess(['list', '--project-id', DEMO_PROJECTS.production.id, '--no-color'], {env: simEnv(sim, tempDir(t))});
		assert.equal(run.code, 0, run.stderr);
	});
});

describe('cancel and timeout', () => {
	test('Ctrl-C (SIGINT) during a request: "Cancelled.", exit 130', async t => {
		const sim = await simulator(t);
		sim.controls.injectFault({kind: 'latency', latencyMs: 20_000, times: 5});
		const child = spawn(process.execPath, [builtCli, 'list', '--project-id', DEMO_PROJECTS.production.id, '--verbose'], {
			cwd: root,
			env: builtCliEnv(simEnv(sim, tempDir(t))),
			stdio: ['pipe', 'pipe', 'pipe'],
		});
		t.after(() => {
			if (child.exitCode === null) child.kill('SIGKILL');
		});
		let stderr = '';
		const challenged = new Promise<void>(resolve => {
			child.stderr.on('data', chunk => {
				stderr += String(chunk);
				if (stderr.includes('< 401')) resolve();
			});
		});
		const exited = new Promise<number | null>(resolve => {
			child.on('exit', code => resolve(code));
		});
		await challenged;
		child.kill('SIGINT');
		assert.equal(await exited, 130);
		assert.match(stderr, /Cancelled\./);
	});

	test('--timeout: a request slower than the limit fails with exit 1 and says so', async t => {
		const sim = await simulator(t);
		sim.controls.injectFault({kind: 'latency', latencyMs: 3000, times: 10});
		const run = await runInProcess(['list', '--project-id', DEMO_PROJECTS.production.id, '--timeout', '0.2'], {env: simEnv(sim, tempDir(t))});
		assert.equal(run.code, 1);
		assert.match(run.stderr, /did not answer within 0.2 s\./);
	});

	test('--timeout out of range: exit 2, in seconds as the flag takes them', async t => {
		const sim = await simulator(t);
		for (const value of ['0', '9999999']) {
			const run = await runInProcess(['list', '--project-id', DEMO_PROJECTS.production.id, '--timeout', value], {env: simEnv(sim, tempDir(t))});
			assert.equal(run.code, 2, run.stderr);
			assert.match(run.stderr, /--timeout\) must be more than 0 and at most 2147483 seconds/);
			assert.doesNotMatch(run.stderr, /milliseconds/);
		}
		assert.equal(sim.log.length, 0);
	});
});
