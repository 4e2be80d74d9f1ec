// Runs keytar in a helper child process instead of in this one. Measured on Linux: when a keytar
// call hangs (a locked keyring waiting for an unlock prompt, a Secret Service that stopped
// answering), its native call occupies a libuv worker thread and Node cannot exit, not even with
// process.exit(), until the call returns, which may be never. A child process can be killed: on a
// timeout we kill it and this process exits as soon as its own work is done.
// One helper per process, started on demand and stopped after a short idle time; it never keeps
// this process alive while idle. The private key travels only over the IPC channel, never in argv
// or the environment.
import {spawn} from 'node:child_process';
import type {ChildProcess} from 'node:child_process';
import {createRequire} from 'node:module';
import type {KeytarLike} from './keychain.js';

type Method = 'getPassword' | 'setPassword' | 'deletePassword';

type Reply =
	| {type: 'ready'}
	| {type: 'load-error'; code?: string; message: string}
	| {type: 'result'; id: number; ok: true; value: unknown}
	| {type: 'result'; id: number; ok: false; message: string};

const KEYTAR_PATH_ENV = 'ATLAS_EXPORT_BUCKET_KEYTAR_PATH';
const START_TIMEOUT_MS = 10_000;
const IDLE_STOP_MS = 2000;

// CommonJS, run with `node -e`. Only the three methods are reachable; findCredentials never is.
const CHILD_SCRIPT = `
'use strict';
process.on('disconnect', () => process.exit(0));
let keytar;
try {
	keytar = require(process.env.${KEYTAR_PATH_ENV});
} catch (error) {
	process.send({type: 'load-error', code: error && error.code, message: String(error && error.message || error)}, () => process.exit(0));
}
if (keytar) {
	const allowed = new Set(['getPassword', 'setPassword', 'deletePassword']);
	process.on('message', async ({id, method, args}) => {
		try {
			if (!allowed.has(method)) throw new Error('unknown method ' + method);
			const value = await keytar[method](...args);
			process.send({type: 'result', id, ok: true, value: value === undefined ? null : value});
		} catch (error) {
			process.send({type: 'result', id, ok: false, message: String(error && error.message || error)});
		}
	});
	process.send({type: 'ready'});
}
`;

let shared: KeytarProcess | undefined;

/**
 * The keytar of this process, running in the helper; rejects like a failed `import('keytar')`
 * would (MODULE_NOT_FOUND when keytar is not installed, keytar's own error when it cannot load).
 */
export async function startKeytarProcess(): Promise<KeytarLike & {dispose(): void}> {
	shared ??= new KeytarProcess(createRequire(import.meta.url).resolve('keytar'));
	await shared.ensureStarted();
	return shared;
}

class KeytarProcess implements KeytarLike {
	private child: ChildProcess | undefined;
	private starting: Promise<ChildProcess> | undefined;
	private readonly pending = new Map<number, {resolve: (value: unknown) => void; reject: (error: Error) => void}>();
	private nextId = 1;
	private idleTimer: NodeJS.Timeout | undefined;

	constructor(private readonly keytarPath: string) {
		process.once('exit', () => this.child?.kill('SIGKILL'));
	}

	async getPassword(service: string, account: string): Promise<string | null> {
		const value = await this.request('getPassword', [service, account]);
		return typeof value === 'string' ? value : null;
	}

	async setPassword(service: string, account: string, password: string): Promise<void> {
		await this.request('setPassword', [service, account, password]);
	}

	async deletePassword(service: string, account: string): Promise<boolean> {
		return (await this.request('deletePassword', [service, account])) === true;
	}

	/** Kills the helper (and with it any hung call); the next call starts a fresh one. */
	dispose(): void {
		const child = this.child;
		this.child = undefined;
		clearTimeout(this.idleTimer);
		child?.kill('SIGKILL');
		this.failPending(new Error('the keychain call was abandoned'));
	}

	async ensureStarted(): Promise<ChildProcess> {
		if (this.child) return this.child;
		this.starting ??= this.start().finally(() => {
			this.starting = undefined;
		});
		return this.starting;
	}

	private async start(): Promise<ChildProcess> {
		const env: NodeJS.ProcessEnv = {...process.env, [KEYTAR_PATH_ENV]: this.keytarPath};
		delete env.NODE_OPTIONS;
		// The helper needs no API key: keep them out of its environment.
		for (const name of Object.keys(env)) if (name.startsWith('MONGODB_ATLAS_')) delete env[name];
		const child = spawn(process.execPath, ['-e', CHILD_SCRIPT], {stdio: ['ignore', 'ignore', 'ignore', 'ipc'], env});

		await new Promise<void>((resolve, reject) => {
			const cleanup = () => {
				clearTimeout(timer);
				child.removeListener('message', onMessage);
				child.removeListener('exit', onExit);
				child.removeListener('error', onError);
			};

			const fail = (error: Error) => {
				cleanup();
				child.kill('SIGKILL');
				reject(error);
			};

			const onMessage = (reply: Reply) => {
				if (reply.type === 'ready') {
					cleanup();
					resolve();
				} else if (reply.type === 'load-error') {
					fail(Object.assign(new Error(reply.message), {code: reply.code}));
				}
			};

			const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
				fail(new Error(`the keychain helper process ended while loading keytar (${signal ?? `exit code ${code}`})`));
			};

			const onError = (error: Error) => {
				fail(error);
			};

			const timer = setTimeout(() => {
				fail(new Error(`the keychain helper process did not start within ${START_TIMEOUT_MS / 1000} s`));
			}, START_TIMEOUT_MS);
			timer.unref();
			child.on('message', onMessage);
			child.once('exit', onExit);
			child.once('error', onError);
		});

		child.on('message', (reply: Reply) => {
			if (reply.type === 'result') this.settle(reply.id, reply.ok ? {ok: true, value: reply.value} : {ok: false, message: reply.message});
		});
		child.once('exit', (code, signal) => {
			if (this.child !== child) return;
			this.child = undefined;
			clearTimeout(this.idleTimer);
			this.failPending(new Error(`the keychain helper process ended (${signal ?? `exit code ${code}`})`));
		});
		child.on('error', () => undefined);
		this.child = child;
		this.becomeIdle();
		return child;
	}

	private async request(method: Method, args: string[]): Promise<unknown> {
		clearTimeout(this.idleTimer);
		const child = await this.ensureStarted();
		clearTimeout(this.idleTimer);
		const id = this.nextId++;
		return new Promise((resolve, reject) => {
			this.pending.set(id, {resolve, reject});
			// While a call is pending the helper keeps this process alive; idle, it never does.
			child.ref();
			child.channel?.ref();
			child.send({id, method, args}, error => {
				if (error) this.settle(id, {ok: false, message: error.message});
			});
		});
	}

	private settle(id: number, outcome: {ok: true; value: unknown} | {ok: false; message: string}): void {
		const entry = this.pending.get(id);
		if (!entry) return;
		this.pending.delete(id);
		if (this.pending.size === 0) this.becomeIdle();
		if (outcome.ok) entry.resolve(outcome.value);
		else entry.reject(new Error(outcome.message));
	}

	private failPending(error: Error): void {
		const entries = [...this.pending.values()];
		this.pending.clear();
		for (const entry of entries) entry.reject(error);
	}

	/** Lets this process exit, and stops the helper if no call comes soon. */
	private becomeIdle(): void {
		const child = this.child;
		if (!child) return;
		child.unref();
		child.channel?.unref();
		clearTimeout(this.idleTimer);
		this.idleTimer = setTimeout(() => {
			if (this.child !== child || this.pending.size > 0) return;
			this.child = undefined;
			child.disconnect();
		}, IDLE_STOP_MS);
		this.idleTimer.unref();
	}
}
