// Entry point of the interactive wizard (called lazily by the CLI once it knows a person is at a
// terminal). Renders the first frame before any network or keychain work: the Atlas client, keytar
// and, for --demo, the simulator are loaded lazily after that.
import React, {useEffect, useState} from 'react';
import {render, Text} from 'ink';
import Spinner from 'ink-spinner';
import type {ApiVersion} from '../atlas/types.js';
import {createWizardServices, type CreateWizardServicesOptions, type WizardServices} from './services.js';
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
	io?: Streams & {env?: NodeJS.ProcessEnv; signal?: AbortSignal};
	/** How long the opt-in IAM wait lasts (tests use a short one). */
	iamWaitMs?: number;
	iamRetry?: CreateWizardServicesOptions['iamRetry'];
	/** Tests: replace the real services (built from the client and credentials modules). */
	services?: WizardServices;
	/** Tests: replace the keychain and the profile directory of the real services. */
	keychain?: CreateWizardServicesOptions['keychain'];
	profilesDir?: string;
	/** Demo: simulator settings (tests use a small IAM propagation delay). */
	simulator?: {iamPropagationDelayMs?: number; nonceTtlMs?: number};
};

type Loaded = {services: WizardServices; dispose(): Promise<void>};

function Loading({load, onReady, onFail}: {load(): Promise<Loaded>; onReady(loaded: Loaded): void; onFail(error: unknown): void}) {
	useEffect(() => {
		load().then(onReady, onFail);
		// Runs once.
	}, []);
	return (
		<Text>
			<Text color="cyan">
				<Spinner type="dots" />
			</Text>
			{' Starting the built-in Atlas simulator…'}
		</Text>
	);
}

function Root({load, controller, onExit}: {load?: () => Promise<Loaded>; controller: AbortController; onExit(code: number, loaded?: Loaded): void}) {
	const [loaded, setLoaded] = useState<Loaded | undefined>();
	const [failure, setFailure] = useState<string | undefined>();
	useEffect(() => {
		const cancel = () => onExit(EXIT_CANCELLED, loaded);
		controller.signal.addEventListener('abort', cancel);
		return () => controller.signal.removeEventListener('abort', cancel);
	}, [controller, loaded, onExit]);

	if (failure) return <Text color="red">✖ {failure}</Text>;
	if (!loaded) {
		return (
			<Loading
				load={load!}
				onReady={value => {
					if (controller.signal.aborted) void value.dispose();
					else setLoaded(value);
				}}
				onFail={(error: unknown) => {
					setFailure(`The simulator could not start: ${error instanceof Error ? error.message : String(error)}`);
					onExit(1);
				}}
			/>
		);
	}

	return <Wizard services={loaded.services} controller={controller} onExit={code => onExit(code, loaded)} />;
}

/** Runs the wizard until the user finishes, quits or presses Ctrl-C; resolves with the exit code. */
export async function startWizard(options: StartWizardOptions = {}): Promise<number> {
	const io = options.io ?? {};
	const env = options.env ?? io.env ?? process.env;
	const stdin = (options.stdin ?? io.stdin ?? process.stdin) as NodeJS.ReadStream;
	const stdout = (options.stdout ?? io.stdout ?? process.stdout) as NodeJS.WriteStream;
	const stderr = (options.stderr ?? io.stderr ?? process.stderr) as NodeJS.WriteStream;
	const timeoutMs = options.timeoutMs ?? (options.timeout === undefined ? undefined : options.timeout * 1000);
	const controller = new AbortController();

	const serviceOptions = (demo?: CreateWizardServicesOptions['demo'], baseUrl?: string): CreateWizardServicesOptions => ({
		env,
		...(baseUrl ?? options.baseUrl ? {baseUrl: baseUrl ?? options.baseUrl} : {}),
		...(options.apiVersion ? {apiVersion: options.apiVersion} : {}),
		...(timeoutMs === undefined ? {} : {timeoutMs}),
		...(options.projectId ? {projectId: options.projectId} : {}),
		...(options.profile ? {profile: options.profile} : {}),
		...(options.iamWaitMs === undefined ? {} : {iamWaitMs: options.iamWaitMs}),
		...(options.iamRetry ? {iamRetry: options.iamRetry} : {}),
		...(options.keychain ? {keychain: options.keychain} : {}),
		...(options.profilesDir ? {profilesDir: options.profilesDir} : {}),
		...(demo ? {demo} : {}),
	});

	const load = async (): Promise<Loaded> => {
		const simulatorModule = await import('../simulator/index.js');
		const simulator = await simulatorModule.startSimulator({
			...(options.simulator?.iamPropagationDelayMs === undefined ? {} : {iamPropagationDelayMs: options.simulator.iamPropagationDelayMs}),
			...(options.simulator?.nonceTtlMs === undefined ? {} : {nonceTtlMs: options.simulator.nonceTtlMs}),
		});
		const services = createWizardServices(
			serviceOptions({keys: simulator.keys, writableBuckets: simulatorModule.DEMO_WRITABLE_BUCKETS.map(bucket => bucket.name)}, simulator.baseUrl),
		);
		return {services, dispose: async () => simulator.close()};
	};

	let finish!: (result: {code: number; loaded?: Loaded}) => void;
	const finished = new Promise<{code: number; loaded?: Loaded}>(resolve => {
		finish = resolve;
	});
	let done = false;
	const onExit = (code: number, loaded?: Loaded) => {
		if (done) return;
		done = true;
		controller.abort();
		finish({code, ...(loaded ? {loaded} : {})});
	};

	// Ctrl-C arrives as a key in raw mode; a signal (kill, the CLI's own handler) cancels the same way.
	const onSignal = () => onExit(EXIT_CANCELLED);
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	io.signal?.addEventListener('abort', onSignal);

	// Synchronous services need no loading screen: the wizard is the first frame.
	const immediate: Loaded | undefined = options.services
		? {services: options.services, dispose: async () => {}}
		: options.demo
			? undefined
			: {services: createWizardServices(serviceOptions()), dispose: async () => {}};

	// The demo's simulator usually starts in a few ms: wait for it briefly, so that the first frame is
	// the wizard itself (no loading frame, no throttled second render); a slow start gets the spinner.
	const loading = immediate ? undefined : load();
	const early = loading
		? await Promise.race([loading.catch(() => undefined), new Promise<undefined>(resolve => setTimeout(resolve, 150))])
		: undefined;
	const ready = immediate ?? early;

	const instance = render(
		ready ? (
			<Wizard services={ready.services} controller={controller} onExit={code => onExit(code, ready)} />
		) : (
			<Root load={async () => loading!} controller={controller} onExit={onExit} />
		),
		// 60 frames a second instead of Ink's 30: a result arriving just after a frame shows up to 17 ms sooner.
		{stdin, stdout, stderr, exitOnCtrlC: false, maxFps: 60},
	);

	try {
		const {code, loaded} = await finished;
		instance.unmount();
		await instance.waitUntilExit().catch(() => {});
		// Ink leaves the cursor at the end of the last frame: the shell prompt starts on a fresh line.
		stdout.write('\n');
		// A cancel (signal) that came before the wizard reported back still stops the early simulator.
		await (loaded ?? early)?.dispose();
		return code;
	} finally {
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
		io.signal?.removeEventListener('abort', onSignal);
	}
}
