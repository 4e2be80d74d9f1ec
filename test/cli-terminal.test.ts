// The built CLI in a real terminal (tmux): login's masked key entry, the y/N question, and the
// bare command starting the wizard, with Ctrl-C giving exit 130. Skipped visibly without tmux.
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import {promisify} from 'node:util';
import {openKeychain} from '../source/credentials/keychain.js';
import {DEMO_EXPORT_BUCKET_ID, DEMO_PROJECTS} from '../source/simulator/index.js';
import {builtCli, builtCliEnv, keyringEnv, keyringSkip, simEnv, simulator, tempDir} from './commands/helpers.js';

const run = promisify(execFile);
const hasTmux = await run('sh', ['-c', 'command -v tmux']).then(() => true, () => false);
const tmuxSkip = hasTmux ? false : 'tmux is not installed (bash .ci/run installs it)';

type Terminal = {
	screen(options?: {escapes?: boolean}): Promise<string>;
	type(text: string): Promise<void>;
	press(key: string): Promise<void>;
	waitFor(test: (screen: string) => boolean, what: string): Promise<string>;
	/** Types until the screen shows it: keys sent before Ink listens on stdin are dropped. */
	typeUntil(text: string, shown: (screen: string) => boolean, what: string): Promise<string>;
	exitCode(): Promise<number>;
	pressUntilExit(key: string): Promise<number>;
};

/** Runs `node dist/cli.js args` in a private tmux server with exactly `env` (plus PATH/HOME/TERM). */
async function terminal(t: {after(fn: () => Promise<void>): void}, dir: string, args: string[], env: NodeJS.ProcessEnv): Promise<Terminal> {
	const socket = `aeb-${randomBytes(4).toString('hex')}`;
	const exitFile = path.join(dir, `exit-${socket}`);
	const script = path.join(dir, `run-${socket}.sh`);
	const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;
	const exports = Object.entries(builtCliEnv({TERM: 'xterm-256color', ...env}))
		.filter(([, value]) => value !== undefined)
		.map(([name, value]) => `export ${name}=${quote(value!)}`);
	// The shell catches Ctrl-C (a trap with a command is reset to the default in the child) so that
	// it survives to record the exit code.
	writeFileSync(script, ["trap 'true' INT", ...exports, `${quote(process.execPath)} ${[builtCli, ...args].map(quote).join(' ')}`, `echo $? > ${quote(exitFile)}`, 'sleep 60', ''].join('\n'));
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
		async typeUntil(text, shown, what) {
			for (let attempt = 0; attempt < 20; attempt++) {
				await tmux('send-keys', '-l', text);
				for (let check = 0; check < 20; check++) {
					const current = await screen();
					if (shown(current)) return current;
					await new Promise(resolve => setTimeout(resolve, 25));
				}

				// Not echoed: the input was not listening yet. Clear whatever landed and type again.
				await tmux('send-keys', ...Array.from({length: text.length}, () => 'BSpace'));
			}

			throw new Error(`gave up typing ${what}; screen:\n${await screen()}`);
		},
		async pressUntilExit(key) {
			for (let attempt = 0; attempt < 40; attempt++) {
				await tmux('send-keys', key);
				for (let check = 0; check < 20; check++) {
					if (existsSync(exitFile) && readFileSync(exitFile, 'utf8').trim() !== '') return Number(readFileSync(exitFile, 'utf8').trim());
					await new Promise(resolve => setTimeout(resolve, 25));
				}
			}

			throw new Error(`no exit after pressing ${key}; screen:\n${await screen()}`);
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
		await term.typeUntil(sim.keys.publicKey, screen => screen.includes(`Public key: ${sim.keys.publicKey}`), 'the public key');
		await term.press('Enter');
		await term.waitFor(screen => screen.includes('Private key:'), 'the private key field');
		const typed = await term.typeUntil(sim.keys.privateKey, screen => screen.includes(`Private key: ${'*'.repeat(sim.keys.privateKey.length)}`), 'the private key');
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
		const term = await terminal(t, dir, ['--demo'], {...keyringEnv(), ATLAS_EXPORT_BUCKET_CONFIG_DIR: dir, NO_COLOR: '1'});
		const first = await term.waitFor(screen => screen.trim() !== '', 'the first frame');
		assert.doesNotMatch(first, /needs a terminal/);
		assert.doesNotMatch(await term.screen({escapes: true}), /\u001B\[(?:3\d|9\d|38;)/, 'colour escapes despite NO_COLOR');
		// A key sent before Ink listens on stdin is not seen: press again until the process reacts.
		const code = await term.pressUntilExit('C-c');
		assert.equal(code, 130, await term.screen());
	});

	test('the first run writes the code cache as soon as the wizard is on screen; the next run uses it', async t => {
		const dir = tempDir(t);
		const env = {ATLAS_EXPORT_BUCKET_CONFIG_DIR: dir, XDG_CACHE_HOME: path.join(dir, 'cache'), NODE_DEBUG: 'code-cache'};
		const cacheDir = path.join(dir, 'cache', 'atlas-export-bucket');
		const cacheFiles = () => (existsSync(cacheDir) ? readdirSync(cacheDir).filter(name => name.endsWith('.v8cache')) : []);
		const first = await terminal(t, dir, ['--demo'], env);
		await first.waitFor(screen => screen.includes('Enter a key pair'), 'the first frame');
		assert.match(await first.screen(), /CODE-CACHE \d+: missing/);
		await first.waitFor(() => cacheFiles().length === 1, 'the cache file, with the wizard still running');
		assert.equal(await first.pressUntilExit('C-c'), 130);

		const second = await terminal(t, dir, ['--demo'], env);
		await second.waitFor(screen => screen.includes('Enter a key pair'), 'the first frame');
		assert.match(await second.screen(), /CODE-CACHE \d+: accepted/);
		assert.equal(await second.pressUntilExit('C-c'), 130);
		assert.equal(cacheFiles().length, 1);
	});
});
