// The built CLI in a real terminal (tmux): login's masked key entry, the y/N question, and the
// bare command starting the wizard, with Ctrl-C giving exit 130. Skipped visibly without tmux.
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import {promisify} from 'node:util';
import {openKeychain} from '../source/credentials/keychain.js';
import {DEMO_EXPORT_BUCKET_ID, DEMO_PROJECTS} from '../source/simulator/index.js';
import {builtCli, keyringEnv, keyringSkip, simEnv, simulator, tempDir} from './commands/helpers.js';

const run = promisify(execFile);
const hasTmux = await run('sh', ['-c', 'command -v tmux']).then(() => true, () => false);
const tmuxSkip = hasTmux ? false : 'tmux is not installed (bash .ci/run installs it)';

type Terminal = {
	screen(options?: {escapes?: boolean}): Promise<string>;
	type(text: string): Promise<void>;
	press(key: string): Promise<void>;
	waitFor(test: (screen: string) => boolean, what: string): Promise<string>;
	exitCode(): Promise<number>;
};

/** Runs `node dist/cli.js args` in a private tmux server with exactly `env` (plus PATH/HOME/TERM). */
async function terminal(t: {after(fn: () => Promise<void>): void}, dir: string, args: string[], env: NodeJS.ProcessEnv): Promise<Terminal> {
	const socket = `aeb-${randomBytes(4).toString('hex')}`;
	const exitFile = path.join(dir, `exit-${socket}`);
	const script = path.join(dir, `run-${socket}.sh`);
	const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;
	const exports = Object.entries({PATH: process.env.PATH, HOME: process.env.HOME, TERM: 'xterm-256color', ...env})
		.filter(([, value]) => value !== undefined)
		.map(([name, value]) => `export ${name}=${quote(value!)}`);
	writeFileSync(script, [...exports, `${quote(process.execPath)} ${[builtCli, ...args].map(quote).join(' ')}`, `echo $? > ${quote(exitFile)}`, 'sleep 60', ''].join('\n'));
	const tmux = async (...tmuxArgs: string[]) => (await run('tmux', ['-L', socket, '-f', '/dev/null', ...tmuxArgs])).stdout;
	await run('env', ['-i', `PATH=${process.env.PATH}`, 'tmux', '-L', socket, '-f', '/dev/null', 'new-session', '-d', '-x', '100', '-y', '30', 'sh', script]);
	t.after(async () => {
		await tmux('kill-server').catch(() => '');
	});

	const screen = async (options: {escapes?: boolean} = {}) => tmux('capture-pane', '-p', ...(options.escapes ? ['-e'] : []));
	const poll = async <T>(get: () => Promise<T | undefined>, what: string): Promise<T> => {
		for (let attempt = 0; attempt < 400; attempt++) {
			const value = await get();
			if (value !== undefined) return value;
			await new Promise(resolve => setTimeout(resolve, 25));
		}

		throw new Error(`gave up waiting for ${what}; screen:\n${await screen()}`);
	};

	return {
		screen,
		async type(text) {
			await tmux('send-keys', '-l', text);
		},
		async press(key) {
			await tmux('send-keys', key);
		},
		async waitFor(check, what) {
			return poll(async () => {
				const text = await screen();
				return check(text) ? text : undefined;
			}, what);
		},
		async exitCode() {
			return poll(async () => existsSync(exitFile) && readFileSync(exitFile, 'utf8').trim() !== '' ? Number(readFileSync(exitFile, 'utf8').trim()) : undefined, 'the process to exit');
		},
	};
}

describe('built CLI in a terminal', {skip: tmuxSkip}, () => {
	test('login asks for the keys with the private key masked, verifies and stores them', {skip: keyringSkip}, async t => {
		const sim = await simulator(t);
		const dir = tempDir(t);
		const profile = `t-${randomBytes(4).toString('hex')}`;
		const term = await terminal(t, dir, ['login', '--profile', profile], {...keyringEnv(), ATLAS_EXPORT_BUCKET_CONFIG_DIR: dir, MONGODB_ATLAS_OPS_MANAGER_URL: sim.baseUrl});
		const access = await openKeychain();
		t.after(async () => {
			if (access.available) await access.keychain.deletePrivateKey(profile);
		});

		await term.waitFor(screen => screen.includes('Public key:'), 'the public key field');
		await term.type(sim.keys.publicKey);
		await term.press('Enter');
		await term.waitFor(screen => screen.includes('Private key:'), 'the private key field');
		await term.type(sim.keys.privateKey);
		const typed = await term.waitFor(screen => screen.includes('*'.repeat(sim.keys.privateKey.length)), 'the masked key');
		assert.ok(!typed.includes(sim.keys.privateKey), 'the private key is shown');
		await term.press('Enter');
		assert.equal(await term.exitCode(), 0, await term.screen());
		const final = await term.screen();
		assert.match(final, new RegExp(`profile '${profile}' saved`));
		assert.ok(!final.includes(sim.keys.privateKey));
		assert.ok(access.available);
		assert.equal(await access.keychain.getPrivateKey(profile), sim.keys.privateKey);
	});

	test('delete asks y/N; "n" cancels with 130 and nothing is deleted', async t => {
		const sim = await simulator(t);
		const dir = tempDir(t);
		const term = await terminal(t, dir, ['delete', '--project-id', DEMO_PROJECTS.production.id, '--bucket-id', DEMO_EXPORT_BUCKET_ID], simEnv(sim, dir));
		await term.waitFor(screen => screen.includes('(y/N)'), 'the question');
		await term.type('n');
		await term.press('Enter');
		assert.equal(await term.exitCode(), 130);
		assert.ok(!sim.log.some(entry => entry.method === 'DELETE'));
	});

	test('no subcommand starts the wizard (--demo); Ctrl-C exits 130; NO_COLOR gives plain output', async t => {
		const dir = tempDir(t);
		const term = await terminal(t, dir, ['--demo'], {ATLAS_EXPORT_BUCKET_CONFIG_DIR: dir, NO_COLOR: '1'});
		const first = await term.waitFor(screen => screen.trim() !== '', 'the first frame');
		assert.doesNotMatch(first, /needs a terminal/);
		// eslint-disable-next-line no-control-regex
		assert.doesNotMatch(await term.screen({escapes: true}), /\u001B\[(?:3\d|9\d|38;)/, 'colour escapes despite NO_COLOR');
		await term.press('C-c');
		assert.equal(await term.exitCode(), 130, await term.screen());
	});
});
