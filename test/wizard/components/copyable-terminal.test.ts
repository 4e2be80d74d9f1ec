// Copyable lines reach a real terminal whole: the built `--demo` in a private 80x24 tmux, keys sent in
// bursts, and `capture-pane -J` (what a person copying a line gets: soft-wrapped lines joined) must
// hold every command, request line, S3 prefix, path and aws command as one line. Ink hard-wraps its
// live frame at 80 columns, so a line printed there would come back broken. Waits are bounded and
// judged on the screen's text, never on the clock.
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {openTerminal, plainScreen, type Terminal} from '../../../docs/screencast/tmux-terminal.js';
import {DEMO_PROJECTS, DEMO_ROLE_IDS} from '../../../source/simulator/index.js';
import {freePort} from '../../support/free-port.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const hasTmux = await promisify(execFile)('sh', ['-c', 'command -v tmux']).then(() => true, () => false);

type Demo = {terminal: Terminal; port: number; home: string; until(text: string | RegExp): Promise<string>; send(...keys: string[]): Promise<void>};

async function startDemo(t: {after(fn: () => unknown): void}): Promise<Demo> {
	const home = mkdtempSync(path.join(tmpdir(), 'aeb-copyable-'));
	const port = await freePort();
	const terminal = await openTerminal({
		argv: [process.execPath, path.join(root, 'dist/cli.js'), '--demo'],
		env: {PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_CACHE_HOME: path.join(home, 'cache'), TERM: 'xterm-256color', LANG: 'C.UTF-8', ATLAS_EXPORT_BUCKET_DEMO_PORT: String(port)},
		columns: 80,
		rows: 24,
	});
	t.after(async () => {
		await terminal.close();
		rmSync(home, {recursive: true, force: true});
	});
	// Polls the screen until it shows `text` (bounded): the screen is the only clock.
	const until = async (text: string | RegExp) => {
		const deadline = Date.now() + 60_000;
		for (;;) {
			const screen = plainScreen(await terminal.screen());
			if (typeof text === 'string' ? screen.includes(text) : text.test(screen)) return screen;
			if (Date.now() > deadline) throw new Error(`gave up waiting for ${String(text)}; the screen shows:\n${screen}`);
			await new Promise(resolve => setTimeout(resolve, 50));
		}
	};

	return {terminal, port, home, until, send: async (...keys) => terminal.press(...keys)};
}

/**
 * Waits (bounded) until `capture-pane -J` holds `line` as one whole line: printed lines arrive with
 * the frame after the one that first shows the screen.
 */
async function wholeLine(demo: Demo, line: string | RegExp, what: string): Promise<string> {
	const deadline = Date.now() + 30_000;
	for (;;) {
		const joined = await demo.terminal.joined();
		const found = joined.split('\n').map(text => text.trimEnd()).find(text => (typeof line === 'string' ? text === line : line.test(text)));
		if (found) return found;
		if (Date.now() > deadline) assert.fail(`${what} is not one whole line in capture-pane -J:\n${joined}`);
		await new Promise(resolve => setTimeout(resolve, 50));
	}
}

describe('copyable lines in a real 80x24 terminal', {skip: hasTmux ? false : 'tmux is not installed (bash .ci/run installs it)'}, () => {
	test('register, then export a snapshot: the command for next time, both request lines, the S3 prefix and the check command are whole', async t => {
		const demo = await startDemo(t);
		const production = DEMO_PROJECTS.production.id;
		const base = `http://127.0.0.1:${demo.port}`;
		await demo.until('Which Atlas credentials?');
		await demo.send('Enter');
		await demo.until('Which project?');
		await demo.send('Enter');
		await demo.until('Which AWS IAM role');
		await demo.send('Enter');
		await demo.until('Which S3 bucket');
		await demo.terminal.type('acme-atlas-snapshots-eu');
		await demo.until('✔ acme-atlas-snapshots-eu');
		await demo.send('Enter');
		await demo.until('❯ Create');
		// Show request (a burst: ↓ ↓ Enter), then back to Create and Enter.
		await demo.send('Down', 'Down', 'Enter');
		await demo.until('Request that will be sent');
		await demo.send('Up', 'Up', 'Enter');
		await demo.until('Export bucket registered.');
		await demo.send('Up', 'Up', 'Enter');
		await demo.until('❯ orders-prod');
		await demo.send('Enter');
		await demo.until(/❯ .* · scheduled daily/);
		await demo.send('Enter');
		await demo.until('❯ Export');
		await demo.send('Enter');
		await demo.until('Check it later with:');

		await wholeLine(demo, `atlas-export-bucket create --project-id ${production} --iam-role-id ${DEMO_ROLE_IDS.productionExport} --bucket acme-atlas-snapshots-eu --base-url ${base} --yes`, 'the "Next time, without prompts" command');
		await wholeLine(demo, `POST ${base}/api/atlas/v2/groups/${production}/backup/exportBuckets`, 'the registration request line');
		await wholeLine(demo, `POST ${base}/api/atlas/v2/groups/${production}/clusters/orders-prod/backup/exports`, 'the export request line');
		await wholeLine(demo, new RegExp(`^s3://acme-atlas-snapshots-eu/exported_snapshots/\\S+/${production}/orders-prod/\\S+$`), 'the S3 prefix');
		await wholeLine(demo, new RegExp(`^atlas-export-bucket exports describe --project-id ${production} --cluster orders-prod --export-id [a-f\\d]{24}$`), 'the "Check it later" command');
		await demo.send('C-c');
	});

	test('the role set-up: the policy files\' paths and both aws commands are whole', async t => {
		const demo = await startDemo(t);
		const dir = mkdtempSync(path.join(tmpdir(), 'aeb-policies-'));
		t.after(() => rmSync(dir, {recursive: true, force: true}));
		await demo.until('Which Atlas credentials?');
		await demo.send('Enter');
		await demo.until('❯ Demo Production');
		// Demo Sandbox has no role: the set-up is the preselected way forward.
		await demo.send('Down', 'Enter');
		await demo.until('❯ Set up a new role');
		await demo.send('Enter');
		await demo.until('Which S3 bucket will Atlas export to?');
		await demo.send('Tab');
		await demo.until('✔ acme-atlas-snapshots');
		await demo.send('Enter');
		await demo.until('❯ Create the role in Atlas');
		await demo.send('Enter');
		await demo.until('Write both documents to files');
		await demo.send('Down', 'Enter');
		await demo.until('Directory:');
		await demo.terminal.type(dir);
		await demo.send('Enter');
		await demo.until('Create the role in AWS');

		const trust = await wholeLine(demo, new RegExp(`^${dir}/atlas-role-[a-f\\d]{24}-trust-policy\\.json$`), 'the trust policy file');
		const permission = await wholeLine(demo, `${dir}/atlas-export-acme-atlas-snapshots-policy.json`, 'the permission policy file');
		await wholeLine(demo, new RegExp(`^aws iam create-role .*--assume-role-policy-document file://${trust}$`), 'aws iam create-role');
		await wholeLine(demo, new RegExp(`^aws iam put-role-policy .*--policy-document file://${permission}$`), 'aws iam put-role-policy');
		await demo.send('C-c');
	});
});
