// Shared by the command tests: a simulator over real loopback HTTP, in-memory streams for running
// commands in-process, a spawned run of the built CLI, and throw-away config directories.
import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {PassThrough} from 'node:stream';
import {fileURLToPath} from 'node:url';
import {runCli} from '../../source/commands/program.js';
import {childOutput} from '../support/child-output.js';
import type {CommandIo} from '../../source/commands/io.js';
import {DEMO_EXPORT_BUCKET_ID, DEMO_PROJECTS, DEMO_ROLE_IDS, startSimulator, type Simulator} from '../../source/simulator/index.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const builtCli = path.join(root, 'dist/cli.js');

export type Run = {code: number; stdout: string; stderr: string};

export function tempDir(t: {after(fn: () => void): void}): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'aeb-commands-'));
	t.after(() => rmSync(dir, {recursive: true, force: true}));
	return dir;
}

export async function simulator(t: {after(fn: () => Promise<void>): void}, options: Parameters<typeof startSimulator>[0] = {}): Promise<Simulator> {
	const sim = await startSimulator({host: '127.0.0.1', port: 0, ...options});
	t.after(async () => sim.close());
	return sim;
}

/** Environment with the simulator's demo keys and a private config dir; nothing from the host's MONGODB_ATLAS_*. */
export function simEnv(sim: Pick<Simulator, 'baseUrl' | 'keys'>, configDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	return {
		MONGODB_ATLAS_PUBLIC_API_KEY: sim.keys.publicKey,
		MONGODB_ATLAS_PRIVATE_API_KEY: sim.keys.privateKey,
		MONGODB_ATLAS_OPS_MANAGER_URL: sim.baseUrl,
		ATLAS_EXPORT_BUCKET_CONFIG_DIR: configDir,
		...extra,
	};
}

export type InProcessOptions = {
	env: NodeJS.ProcessEnv;
	/** Text on stdin (then stdin is a pipe that ends). */
	input?: string;
	/** Pretend stdin and stdout are a terminal ('stdin': only stdin). */
	tty?: boolean | 'stdin';
	/** The terminal's width, with `tty: true`. */
	columns?: number;
	signal?: AbortSignal;
	/** Called with stdin once the command runs, e.g. to type an answer. */
	onStdin?: (stdin: PassThrough) => void;
	/** Called with all of stderr so far, each time more arrives (to act on progress while it runs). */
	onStderr?: (stderrSoFar: string) => void;
};

/** Runs the CLI in this process, through the same parser as the executable. */
export async function runInProcess(args: string[], options: InProcessOptions): Promise<Run> {
	const stdin = new PassThrough() as PassThrough & {isTTY?: boolean};
	const stdout = new PassThrough() as PassThrough & {isTTY?: boolean; columns?: number};
	const stderr = new PassThrough() as PassThrough & {isTTY?: boolean};
	if (options.tty) stdin.isTTY = true;
	if (options.tty === true) stdout.isTTY = true;
	if (options.columns !== undefined) stdout.columns = options.columns;

	let out = '';
	let err = '';
	stdout.on('data', chunk => {
		out += String(chunk);
	});
	stderr.on('data', chunk => {
		err += String(chunk);
		options.onStderr?.(err);
	});
	if (options.input !== undefined) stdin.end(options.input);
	else if (!options.tty) stdin.end();
	options.onStdin?.(stdin);
	const io: CommandIo = {stdin, stdout, stderr, env: options.env, ...(options.signal ? {signal: options.signal} : {})};
	const code = await runCli(args, io);
	return {code, stdout: out, stderr: err};
}

/**
 * The environment of a spawned built CLI: `env` plus PATH, HOME and the test run's private cache
 * directory (test/run.mjs sets XDG_CACHE_HOME: the CLI's code cache never lands in the real one).
 */
export function builtCliEnv(env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	return {PATH: process.env.PATH, HOME: process.env.HOME, ...(process.env.XDG_CACHE_HOME ? {XDG_CACHE_HOME: process.env.XDG_CACHE_HOME} : {}), ...env};
}

/** Runs `node dist/cli.js` (built by `npm run build`) as its own process: stdin is a pipe. */
export async function runBuilt(args: string[], options: {env: NodeJS.ProcessEnv; input?: string; onStderr?: (stderrSoFar: string) => void}): Promise<Run> {
	if (!existsSync(builtCli)) throw new Error(`${builtCli} is missing: run \`npm run build\` first (npm test does).`);
	const child = spawn(process.execPath, [builtCli, ...args], {
		cwd: root,
		env: builtCliEnv(options.env),
		stdio: ['pipe', 'pipe', 'pipe'],
	});
	let stderrSoFar = '';
	if (options.onStderr) {
		child.stderr.on('data', chunk => {
			stderrSoFar += String(chunk);
			options.onStderr?.(stderrSoFar);
		});
	}

	const {code, signal, stdout, stderr} = await childOutput(child, options.input);
	return {code: code ?? (signal ? 128 : 1), stdout, stderr};
}

/** The `links` Atlas sends on one resource: its own URL, in the generation it was asked in. */
export function selfLinks(sim: Pick<Simulator, 'baseUrl'>, apiVersion: 'v2' | 'v1.0', path: string): Array<{href: string; rel: string}> {
	return [{href: `${sim.baseUrl}/api/atlas/${apiVersion}${path}`, rel: 'self'}];
}

/** The demo project's registered export bucket exactly as the simulator sends it (as real Atlas does: a list item has no region, GET one adds it; neither has links). */
export function demoExportBucketJson(operation: 'list' | 'get'): Record<string, unknown> {
	return {
		_id: DEMO_EXPORT_BUCKET_ID,
		bucketName: 'acme-atlas-snapshots',
		cloudProvider: 'AWS',
		iamRoleId: DEMO_ROLE_IDS.productionExport,
		requirePrivateNetworking: false,
		...(operation === 'get' ? {region: 'us-east-1'} : {}),
	};
}

/** Every Authorization header value the simulator received: none may appear in any output. */
export function authorizationValues(sim: Simulator): string[] {
	return sim.log.map(entry => entry.headers.authorization).filter((value): value is string => typeof value === 'string' && value.length > 0);
}

/** What a spawned CLI needs to reach the test runner's private keyring. */
export function keyringEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const name of ['DBUS_SESSION_BUS_ADDRESS', 'XDG_RUNTIME_DIR', 'XDG_DATA_HOME']) {
		if (process.env[name]) env[name] = process.env[name];
	}

	return env;
}

/** Set by test/run.mjs: 'available' inside its private D-Bus session with an unlocked gnome-keyring. */
export const keyringSkip = process.env.ATLAS_EXPORT_BUCKET_TEST_KEYRING === 'available'
	? false
	: 'no private Secret Service here (ATLAS_EXPORT_BUCKET_TEST_KEYRING is not "available"): run through `npm test` or test/run.mjs with dbus and gnome-keyring installed';

/** A loopback URL where nothing listens (a port just released): connecting is refused. */
export async function refusedUrl(): Promise<string> {
	const {createServer} = await import('node:net');
	const server = createServer();
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const {port} = server.address() as {port: number};
	await new Promise<void>(resolve => {
		server.close(() => resolve());
	});
	return `http://127.0.0.1:${port}`;
}
