// The built wizard in a real pseudo-terminal (util-linux `script`, bench/pty.mjs), keys written in
// bursts as a terminal delivers them: one write each. Skipped visibly without `script`.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {hasScript, openPty} from '../../bench/pty.mjs';
import {DEMO_PROJECTS} from '../../source/simulator/index.js';
import {builtCli, builtCliEnv, simEnv, simulator, tempDir} from '../commands/helpers.js';

const scriptSkip = hasScript() ? false : 'util-linux script is not installed';

/** The built wizard against a fresh simulator, keys from the environment, the demo production project preselected. */
async function startWizard(t: {after(fn: () => void | Promise<void>): void}, size: {columns: number; rows: number}) {
	const sim = await simulator(t);
	const dir = tempDir(t);
	const env = builtCliEnv({TERM: 'xterm-256color', ...simEnv(sim, dir, {MONGODB_ATLAS_PROJECT_ID: DEMO_PROJECTS.production.id})});
	const pty = openPty([process.execPath, builtCli], {env, ...size});
	t.after(() => pty.kill());
	return {sim, pty};
}

describe('the built wizard in a pseudo-terminal', {skip: scriptSkip}, () => {
	test('bursts: Enter then typing, Backspaces, arrows and Enter in one write each; Ctrl-C after "registered" exits 0', async t => {
		const {sim, pty} = await startWizard(t, {columns: 80, rows: 24});
		await pty.waitFor('Which AWS IAM role', {timeoutMs: 30_000});
		// Enter on the role list, then the bucket name typed before the bucket step was drawn, three
		// letters too many and three Backspaces: all in one read.
		let from = pty.text.length;
		pty.type('\racme-atlas-snapshots-euXYZ\u007F\u007F\u007F');
		await pty.waitFor('✔ acme-atlas-snapshots-eu', {from, timeoutMs: 30_000});
		// Enter, then ↓ around the four choices at 80x24 (Create, Edit a step, Show request, Cancel) back
		// to Create, and Enter.
		from = pty.text.length;
		pty.type(`\r${'\u001B[B'.repeat(4)}\r`);
		await pty.waitFor('Export bucket registered.', {from, timeoutMs: 30_000});
		const creates = sim.log.filter(entry => entry.method === 'POST' && entry.path.endsWith('/backup/exportBuckets'));
		assert.equal(creates.length, 1);
		assert.equal(JSON.parse(creates[0]!.body!).bucketName, 'acme-atlas-snapshots-eu');
		pty.type('\u0003');
		const {code} = await pty.exit(30_000);
		assert.equal(code, 0, pty.text.slice(-600));
	});
});

describe('the built wizard in a pseudo-terminal that reports 0x0', {skip: scriptSkip}, () => {
	test('is laid out at 80 columns (not one character per line)', async t => {
		const {pty} = await startWizard(t, {columns: 0, rows: 0});
		await pty.waitFor('Which AWS IAM role should Atlas use to write to the bucket?', {timeoutMs: 30_000});
		assert.match(pty.text, /atlas-export-bucket · step 3 of 5 · IAM role/);
		pty.type('\u0003');
		assert.equal((await pty.exit(30_000)).code, 130);
	});
});
