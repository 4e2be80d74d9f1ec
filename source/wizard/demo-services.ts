// The --demo wizard's services, ready before their simulator is: the first question (which key)
// needs only the demo's keys, plain data from the seed, so the wizard draws it at once. Every call
// that needs the simulator waits for it, then goes to the real services pointed at it.
import type {Simulator, SimulatorOptions} from '../simulator/types.js';
import {DEMO_AWS_ROLE_ARNS, DEMO_KEYS, DEMO_SERVICE_ACCOUNT, DEMO_WRITABLE_BUCKETS} from '../simulator/seed.js';
import {createWizardServices, type CreateWizardServicesOptions, type WizardServices} from './services.js';

export type DemoServicesOptions = Omit<CreateWizardServicesOptions, 'demo' | 'baseUrl'> & {
	/** Simulator settings (tests use a small IAM propagation delay). */
	simulator?: Pick<SimulatorOptions, 'iamPropagationDelayMs' | 'nonceTtlMs' | 'port' | 'countedIds'>;
	/** Tests: replace how the simulator starts. */
	startSimulator?: (options: SimulatorOptions) => Promise<Pick<Simulator, 'baseUrl' | 'close'>>;
};

export type DemoServices = {
	services: WizardServices;
	/** Starts the simulator (once; not after close). */
	start(): void;
	/** Closes the simulator, after a start still in progress; a demo not started yet never starts. */
	close(): Promise<void>;
};

function startFailure(error: unknown): Error {
	const reason = error instanceof Error ? error.message : String(error);
	return Object.assign(new Error(`The built-in Atlas simulator could not start: ${reason}`), {
		hint: 'Nothing left this machine. The demo needs to listen on 127.0.0.1; press Ctrl-C to quit.',
	});
}

/**
 * In the demo, AWS IAM takes a few seconds to propagate a role Atlas is authorized for, as it does
 * for real: the role set-up's authorize meets CANNOT_ASSUME_ROLE first and shows its wait (then the
 * first register with that role, for as long after the authorize). Seeded roles have propagated.
 */
export const DEMO_IAM_PROPAGATION_MS = 5000;

/** Demo export jobs take a few seconds: the progress view reads them every second. */
const DEMO_EXPORT_POLL_MS = 1000;

export function createDemoServices(options: DemoServicesOptions = {}): DemoServices {
	const {simulator: simulatorOptions = {}, startSimulator, ...serviceOptions} = options;
	const setupRoleArn = DEMO_AWS_ROLE_ARNS.wizardNew;
	const demo = {
		keys: {...DEMO_KEYS},
		serviceAccount: {...DEMO_SERVICE_ACCOUNT},
		writableBuckets: DEMO_WRITABLE_BUCKETS.map(bucket => bucket.name),
		setupRole: {iamRoleArn: setupRoleArn, buckets: DEMO_WRITABLE_BUCKETS.filter(bucket => (bucket.writableBy as readonly string[]).includes(setupRoleArn)).map(bucket => bucket.name)},
	};

	let state: 'idle' | 'started' | 'closed' = 'idle';
	let launch!: () => void;
	const launched = new Promise<void>(resolve => {
		launch = resolve;
	});
	const simulator = launched
		.then(async () => {
			// The demo's ids come from a counter: the same walk shows the same ids every time.
			const options = {countedIds: true, iamPropagationDelayMs: DEMO_IAM_PROPAGATION_MS, ...simulatorOptions};
			if (startSimulator) return startSimulator(options);
			const module_ = await import('../simulator/index.js');
			return module_.startSimulator(options);
		})
		.catch((error: unknown) => {
			throw startFailure(error);
		});
	let atSimulator: WizardServices | undefined;
	const delegate = simulator.then(started => {
		atSimulator = createWizardServices({exportPollMs: DEMO_EXPORT_POLL_MS, ...serviceOptions, demo, baseUrl: started.baseUrl});
		return atSimulator;
	});
	// A failure reaches the user through the calls that wait for it; with none waiting it must not
	// become an unhandled rejection (which ends the process with a stack trace).
	delegate.catch(() => {});

	// What a demo answers with no simulator: its settings, no stored profiles, no keychain. (The first
	// step asks for those at once; waiting would show a failed start as unreadable profiles.) Its target
	// would be the real Atlas: no call that reaches Atlas or saves a target goes here.
	const offline = createWizardServices({exportPollMs: DEMO_EXPORT_POLL_MS, ...serviceOptions, demo});
	const services: WizardServices = {
		demo: {...demo, listening: delegate},
		iamWaitMs: offline.iamWaitMs,
		iamRetryDelays: offline.iamRetryDelays,
		...(offline.requestedProfile ? {requestedProfile: offline.requestedProfile} : {}),
		...(offline.initialProjectId ? {initialProjectId: offline.initialProjectId} : {}),
		target(connection) {
			// Before it listens the simulator has no address; the real Atlas's would be wrong.
			if (!atSimulator) throw new Error('The built-in Atlas simulator is not listening yet: its address is not known.');
			return atSimulator.target(connection);
		},
		verifyKeys: async (...args) => (await delegate).verifyKeys(...args),
		listProjects: async (...args) => (await delegate).listProjects(...args),
		getProject: async (...args) => (await delegate).getProject(...args),
		listRoles: async (...args) => (await delegate).listRoles(...args),
		listExportBuckets: async (...args) => (await delegate).listExportBuckets(...args),
		previewCreate: async (...args) => (await delegate).previewCreate(...args),
		createBucket: async (...args) => (await delegate).createBucket(...args),
		createRole: async (...args) => (await delegate).createRole(...args),
		authorizeRole: async (...args) => (await delegate).authorizeRole(...args),
		backup: async (...args) => (await delegate).backup(...args),
		exportPollMs: offline.exportPollMs,
		cwd: offline.cwd,
		writePolicyFiles: offline.writePolicyFiles,
		findAwsCli: offline.findAwsCli,
		runAwsRoleSetup: offline.runAwsRoleSetup,
		keychainStatus: offline.keychainStatus,
		listProfiles: offline.listProfiles,
		loadProfile: async (...args) => (await delegate).loadProfile(...args),
		saveProfile: async (...args) => (await delegate).saveProfile(...args),
	};

	return {
		services,
		start() {
			if (state !== 'idle') return;
			state = 'started';
			launch();
		},
		async close() {
			const wasStarted = state === 'started';
			state = 'closed';
			if (wasStarted) await (await simulator.catch(() => undefined))?.close();
		},
	};
}
