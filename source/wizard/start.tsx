// Entry point of the interactive wizard (called lazily by the CLI once it knows a person is at a
// terminal). The first frame is drawn before any network or keychain work: the Atlas client and keytar
// are loaded lazily by the services, and the --demo simulator starts only once that frame is out.
import React from 'react';
import {render} from 'ink';
import type {ApiVersion} from '../atlas/types.js';
import {createDemoServices, type DemoServicesOptions} from './demo-services.js';
import {createWizardServices, type CreateWizardServicesOptions, type WizardServices} from './services.js';
import {withSizeFallback} from './terminal-size.js';
import {EXIT_CANCELLED, Wizard} from './wizard.js';

type Streams = {
	stdin?: NodeJS.ReadableStream & {isTTY?: boolean};
	stdout?: NodeJS.WritableStream & {isTTY?: boolean; columns?: number};
	stderr?: NodeJS.WritableStream;
};

export type StartWizardOptions = Streams & {
	demo?: boolean;
	projectId?: string;
	profile?: string;
	baseUrl?: string;
	apiVersion?: ApiVersion;
	timeoutMs?: number;
	/** Seconds, as the CLI's --timeout gives it (timeoutMs wins). */
	timeout?: number;
	env?: NodeJS.ProcessEnv;
	/** The CLI's injected process streams, environment and cancel signal. */
	io?: Streams & {env?: NodeJS.ProcessEnv; signal?: AbortSignal; onFirstFrame?: () => void};
	/** How long the opt-in IAM wait lasts (tests use a short one). */
	iamWaitMs?: number;
	iamRetry?: CreateWizardServicesOptions['iamRetry'];
	/** Tests: replace the real services (built from the client and credentials modules). */
	services?: WizardServices;
	/** Tests: replace the keychain and the profile directory of the real services. */
	keychain?: CreateWizardServicesOptions['keychain'];
	profilesDir?: string;
	/** Demo: simulator settings (tests use a small IAM propagation delay). */
	simulator?: DemoServicesOptions['simulator'];
	/** Tests: replace how the demo's simulator starts. */
	startSimulator?: DemoServicesOptions['startSimulator'];
};

/**
 * `ATLAS_EXPORT_BUCKET_DEMO_PORT`: the port of the demo's simulator (default: any free port). A fixed one
 * keeps the address on screen the same from run to run (the README's screencast relies on it).
 */
export function demoPortFrom(env: NodeJS.ProcessEnv): number | undefined {
	const value = env.ATLAS_EXPORT_BUCKET_DEMO_PORT?.trim();
	if (!value) return undefined;
	const port = Number(value);
	if (!/^\d+$/.test(value) || port < 1 || port > 65_535) {
		throw new Error(`ATLAS_EXPORT_BUCKET_DEMO_PORT must be a port number from 1 to 65535, not ${JSON.stringify(value)}.`);
	}

	return port;
}

/** Runs the wizard until the user finishes, quits or presses Ctrl-C; resolves with the exit code. */
export async function startWizard(options: StartWizardOptions = {}): Promise<number> {
	const io = options.io ?? {};
	const env = options.env ?? io.env ?? process.env;
	const stdin = (options.stdin ?? io.stdin ?? process.stdin) as NodeJS.ReadStream;
	const stdout = withSizeFallback((options.stdout ?? io.stdout ?? process.stdout) as NodeJS.WriteStream);
	const stderr = (options.stderr ?? io.stderr ?? process.stderr) as NodeJS.WriteStream;
	const timeoutMs = options.timeoutMs ?? (options.timeout === undefined ? undefined : options.timeout * 1000);
	const controller = new AbortController();

	const serviceOptions: CreateWizardServicesOptions = {
		env,
		...(options.baseUrl ? {baseUrl: options.baseUrl} : {}),
		...(options.apiVersion ? {apiVersion: options.apiVersion} : {}),
		...(timeoutMs === undefined ? {} : {timeoutMs}),
		...(options.projectId ? {projectId: options.projectId} : {}),
		...(options.profile ? {profile: options.profile} : {}),
		...(options.iamWaitMs === undefined ? {} : {iamWaitMs: options.iamWaitMs}),
		...(options.iamRetry ? {iamRetry: options.iamRetry} : {}),
		...(options.keychain ? {keychain: options.keychain} : {}),
		...(options.profilesDir ? {profilesDir: options.profilesDir} : {}),
	};
	const demoPort = demoPortFrom(env);
	const simulator = demoPort === undefined ? options.simulator : {...options.simulator, port: demoPort};
	const demo = options.demo && !options.services
		? createDemoServices({
			...serviceOptions,
			...(simulator ? {simulator} : {}),
			...(options.startSimulator ? {startSimulator: options.startSimulator} : {}),
		})
		: undefined;
	const services = options.services ?? demo?.services ?? createWizardServices(serviceOptions);

	let finish!: (code: number) => void;
	const finished = new Promise<number>(resolve => {
		finish = resolve;
	});
	let done = false;
	let exitNotice: string | undefined;
	const onExit = (code: number, notice?: string) => {
		if (done) return;
		done = true;
		exitNotice = notice;
		controller.abort();
		finish(code);
	};

	// Ctrl-C arrives as a key in raw mode; a signal (kill, the CLI's own handler) cancels the same way.
	const onSignal = () => onExit(EXIT_CANCELLED);
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	io.signal?.addEventListener('abort', onSignal);

	const instance = render(
		<Wizard services={services} controller={controller} onExit={onExit} />,
		// 60 frames a second instead of Ink's 30: a result arriving just after a frame shows up to 17 ms sooner.
		{stdin, stdout, stderr, exitOnCtrlC: false, maxFps: 60},
	);
	// Ink has written the first frame by now (render commits synchronously and its first write is not
	// throttled): the executable's deferred start-up work, then the simulator's loading and listen,
	// come after it, not before it on the one main thread.
	io.onFirstFrame?.();
	if (demo) setImmediate(demo.start);

	try {
		const code = await finished;
		instance.unmount();
		await instance.waitUntilExit().catch(() => {});
		// Ink leaves the cursor at the end of the last frame: the shell prompt starts on a fresh line.
		stdout.write('\n');
		if (exitNotice) stderr.write(`${exitNotice}\n`);
		// Also when it is still starting (a cancel right after the first frame): no server outlives the wizard.
		await demo?.close();
		return code;
	} finally {
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
		io.signal?.removeEventListener('abort', onSignal);
	}
}
