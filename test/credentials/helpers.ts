// Shared by the credentials tests: fake keytars, temp dirs, child processes.
import {spawn, spawnSync} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import type {KeytarLike} from '../../source/credentials/keychain.js';
import {childOutput, type ChildOutput} from '../support/child-output.js';

export const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** 'available' inside test/run.mjs's private D-Bus session with an unlocked gnome-keyring. */
export const realKeyringSkip: string | false = process.env.ATLAS_EXPORT_BUCKET_TEST_KEYRING === 'available'
	? false
	: 'no private D-Bus session with gnome-keyring (run through `node test/run.mjs` with dbus and gnome-keyring installed)';

export function hasCommand(name: string): boolean {
	return spawnSync('sh', ['-c', `command -v ${name}`], {stdio: 'ignore'}).status === 0;
}

export const privateSessionSkip: string | false = ['dbus-run-session', 'gnome-keyring-daemon', 'dbus-send'].every(name => hasCommand(name))
	? false
	: 'dbus-run-session, gnome-keyring-daemon or dbus-send is missing';

/** An in-memory keytar that records every call. */
export function memoryKeytar(): KeytarLike & {store: Map<string, string>; calls: string[]} {
	const store = new Map<string, string>();
	const calls: string[] = [];
	return {
		store,
		calls,
		async getPassword(service, account) {
			calls.push(`get ${service} ${account}`);
			return store.get(`${service}/${account}`) ?? null;
		},
		async setPassword(service, account, password) {
			calls.push(`set ${service} ${account}`);
			store.set(`${service}/${account}`, password);
		},
		async deletePassword(service, account) {
			calls.push(`delete ${service} ${account}`);
			return store.delete(`${service}/${account}`);
		},
	};
}

export async function withTempDir<T>(run: (dir: string) => Promise<T>): Promise<T> {
	const dir = await mkdtemp(path.join(tmpdir(), 'aeb-credentials-'));
	try {
		return await run(dir);
	} finally {
		await rm(dir, {recursive: true, force: true});
	}
}

export type ChildResult = ChildOutput & {killedByGuard: boolean};

/**
 * Runs a command and collects its output. `guardMs` is a safety net, not a measurement: a child
 * still running then is killed and reported as `killedByGuard` (the test then fails on that flag).
 */
export async function runChild(command: string, args: string[], options: {env?: NodeJS.ProcessEnv; guardMs?: number; input?: string} = {}): Promise<ChildResult> {
	const child = spawn(command, args, {env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'], detached: true});
	let killedByGuard = false;
	const guard = setTimeout(() => {
		killedByGuard = true;
		// The whole process group: the child and anything it started (dbus-daemon, keyring, helper).
		if (child.pid) process.kill(-child.pid, 'SIGKILL');
	}, options.guardMs ?? 30_000);
	const output = await childOutput(child, options.input);
	clearTimeout(guard);
	return {...output, killedByGuard};
}

/** Runs a TypeScript fixture with Node + tsx. */
export async function runFixture(name: string, args: string[] = [], options: {env?: NodeJS.ProcessEnv; guardMs?: number; input?: string} = {}): Promise<ChildResult> {
	return runChild(process.execPath, ['--import', 'tsx', path.join(fixtures, name), ...args], options);
}

/** Locks the login keyring over D-Bus. Without a display nobody can answer the unlock prompt. */
export const LOCK_KEYRING = 'dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets org.freedesktop.Secret.Service.Lock array:objpath:/org/freedesktop/secrets/collection/login >/dev/null';

/**
 * Runs the shell `script` in its own D-Bus session with a fresh unlocked gnome-keyring
 * (fixtures/private-keyring.sh) whose files live in `home`, without a display: the shared keyring
 * of the test run is untouched, and the script may lock this one (LOCK_KEYRING).
 */
export async function runInPrivateKeyring(home: string, script: string, options: {env?: NodeJS.ProcessEnv; guardMs?: number} = {}): Promise<ChildResult> {
	const env: NodeJS.ProcessEnv = {...process.env, XDG_RUNTIME_DIR: home, XDG_DATA_HOME: home, ...options.env};
	delete env.DBUS_SESSION_BUS_ADDRESS;
	delete env.DISPLAY;
	delete env.WAYLAND_DISPLAY;
	return runChild('dbus-run-session', ['--', 'sh', path.join(fixtures, 'private-keyring.sh'), 'sh', '-c', script], {env, guardMs: options.guardMs ?? 40_000});
}
