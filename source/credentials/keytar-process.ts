// Runs keytar in a helper child process instead of in this one. Measured on Linux: when a keytar
// call hangs (a locked keyring waiting for an unlock prompt, a Secret Service that stopped
// answering), its native call occupies a libuv worker thread and Node cannot exit, not even with
// process.exit(), until the call returns, which may be never. A child process can be killed: on a
// timeout we kill it and this process exits as soon as its own work is done.
// The private key travels only over the IPC channel, never in argv or the environment.
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

/** Where keytar is installed; throws MODULE_NOT_FOUND when it is not. */
function resolveKeytar(): string {
	return createRequire(import.meta.url).resolve('keytar');
}

/** Starts the helper and waits until keytar has loaded in it; rejects like a failed `import('keytar')` would. */
export async function startKeytarProcess(): Promise<KeytarLike & {dispose(): void}> {
	const keytarPath = resolveKeytar();
	const helper = new KeytarProcess(keytarPath);
	await helper.start();
	return helper;
}

class KeytarProcess implements KeytarLike {
	private child: ChildProcess | undefined;
	private readonly pending = new Map<number, {resolve: (value: unknown) => void; reject: (error: Error) => void}>();
	private nextId = 1;
	private readonly killOnExit = () => this.child?.kill('SIGKILL');

	constructor(private readonly keytarPath: string) {}

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
		if (!child) return;
		this.child = undefined;
		process.removeListener('exit', this.killOnExit);
		child.kill('SIGKILL');
		this.failPending(new Error('the keychain call was abandoned'));
	}

	async start(): Promise<void> {
		const env: NodeJS.ProcessEnv = {...process.env, [KEYTAR_PATH_ENV]: this.keytarPath};
		delete env.NODE_OPTIONS;
		const child = spawn(process.execPath, ['-e', CHILD_SCRIPT], {stdio: ['ignore', 'ignore', 'ignore', 'ipc'], env});
		this.child = child;
		process.once('exit', this.killOnExit);

		await new Promise<void>((resolve, reject) => {
			const fail = (error: Error) => {
				clearTimeout(timer);
				this.dispose();
				reject(error);
			};

			const timer = setTimeout(() => {
				fail(new Error(`the keychain helper process did not start within ${START_TIMEOUT_MS / 1000} s`));
			}, START_TIMEOUT_MS);
			timer.unref();
			child.once('error', fail);
			child.once('exit', (code, signal) => {
				fail(new Error(`the keychain helper process ended while loading keytar (${signal ?? `exit code ${code}`})`));
			});
			const onMessage = (reply: Reply) => {
				if (reply.type === 'ready') {
					clearTimeout(timer);
					child.removeListener('message', onMessage);
					resolve();
				} else if (reply.type === 'load-error') {
					fail(Object.assign(new Error(reply.message), {code: reply.code}));
				}
			};

			child.on('message', onMessage);
		});

		child.removeAllListeners('exit');
		child.removeAllListeners('error');
		child.on('message', (reply: Reply) => this.settle(reply));
		child.once('exit', (code, signal) => {
			if (this.child !== child) return;
			this.child = undefined;
			process.removeListener('exit', this.killOnExit);
			this.failPending(new Error(`the keychain helper process ended (${signal ?? `exit code ${code}`})`));
		});
		child.on('error', () => undefined);
		this.idle();
	}

	private async request(method: Method, args: string[]): Promise<unknown> {
		if (!this.child) await this.start();
		const child = this.child;
		if (!child) throw new Error('the keychain helper process is not running');
		const id = this.nextId++;
		return new Promise((resolve, reject) => {
			this.pending.set(id, {resolve, reject});
			// While a call is pending the helper keeps this process alive; idle, it never does.
			child.ref();
			child.channel?.ref();
			child.send({id, method, args}, error => {
				if (error) this.settleOne(id, {ok: false, message: error.message});
			});
		});
	}

	private settle(reply: Reply): void {
		if (reply.type !== 'result') return;
		this.settleOne(reply.id, reply.ok ? {ok: true, value: reply.value} : {ok: false, message: reply.message});
	}

	private settleOne(id: number, outcome: {ok: true; value: unknown} | {ok: false; message: string}): void {
		const entry = this.pending.get(id);
		if (!entry) return;
		this.pending.delete(id);
		if (outcome.ok) entry.resolve(outcome.value);
		else entry.reject(new Error(outcome.message));
		if (this.pending.size === 0) this.idle();
	}

	private failPending(error: Error): void {
		const entries = [...this.pending.values()];
		this.pending.clear();
		for (const entry of entries) entry.reject(error);
	}

	private idle(): void {
		this.child?.unref();
		this.child?.channel?.unref();
	}
}
