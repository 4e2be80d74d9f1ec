// Everything the wizard does that is not drawing: Atlas calls, the keychain, the profiles. The
// components get a WizardServices through React context (services-context.tsx) and never touch the
// network or the keychain themselves; tests hand them a fake or the real thing against the simulator.
// The client, keytar and the profile store are imported lazily so the first frame never waits for them.
import {terminalSafe} from '../text/terminal-safe.js';
import type {
	ApiKeyInfo,
	ApiKeyPair,
	ApiVersion,
	AtlasCredentials,
	AtlasClient,
	AwsIamRole,
	CreateExportBucketInput,
	ExportBucket,
	Project,
	RequestPreview,
	ServiceAccount,
} from '../atlas/types.js';
import type {BackupClient} from '../atlas/backup-types.js';
import {DEFAULT_API_VERSION, DEFAULT_BASE_URL, DEFAULT_IAM_WAIT_MS, identityOf, isServiceAccount, secretOf} from '../atlas/types.js';
import {decideSettings, type SettingsFlags} from '../credentials/precedence.js';
import type {PolicyFile, WriteOutcome} from '../roles/policy-files.js';

/** A failure as the wizard shows it: the mapped message and fix hint, plus what the flow branches on. */
export type AtlasErrorView = {
	message: string;
	hint?: string;
	status?: number;
	errorCode?: string;
	/** 401/403: the keys (or the access list) were refused. */
	authFailure: boolean;
	/** Atlas could not assume the role: maybe IAM has not propagated yet. */
	cannotAssumeRole: boolean;
	/** The key is valid but lacks the project role for the operation (the key check cannot tell). */
	missingRole?: boolean;
	/** The request was cancelled by the user. */
	aborted: boolean;
	/** The create went out and no answer came: Atlas may have registered it (Retry looks first). */
	outcomeUnknown?: boolean;
};

export type ProfileView = {
	name: string;
	/** An API key profile. */
	publicKey?: string;
	/** A service account profile. */
	clientId?: string;
	projectId?: string;
	isDefault: boolean;
};

export type KeychainStatus = {available: true} | {available: false; reason: string};

/** An API key pair or a service account; a profile may name its own base URL and API version. */
export type Connection = AtlasCredentials & {baseUrl?: string; apiVersion?: ApiVersion};

export type Target = {baseUrl: string; apiVersion: ApiVersion};

export type CreateBucketOptions = {
	signal?: AbortSignal;
	/** The last create's outcome is unknown: list the project's export buckets first, and send only if it is not there. */
	verifyFirst?: boolean;
};

/** The pauses between attempts of the IAM wait (iam-wait/retry-while-propagating.ts). */
export type IamRetryDelays = {baseDelayMs: number; maxDelayMs: number};

/** Simulator demo: its key and its service account are offered, and its writable buckets named. */
export type DemoInfo = {
	keys: ApiKeyPair;
	serviceAccount?: ServiceAccount;
	writableBuckets: string[];
	/** The simulator's AWS role that trusts Atlas for any external id (the set-up's ARN), and the buckets it can write to. */
	setupRole?: {iamRoleArn: string; buckets: string[]};
	/** Settles once the simulator listens or fails to; until then target() has no address. Absent: it listens already. */
	listening?: Promise<unknown>;
};

export type WizardServices = {
	demo?: DemoInfo;
	/** Keys from MONGODB_ATLAS_PUBLIC_API_KEY / MONGODB_ATLAS_PRIVATE_API_KEY, or a service account from MONGODB_ATLAS_CLIENT_ID / MONGODB_ATLAS_CLIENT_SECRET. */
	envKeys?: AtlasCredentials;
	/** --profile: use this stored profile without asking. */
	requestedProfile?: string;
	/** --project-id or MONGODB_ATLAS_PROJECT_ID. */
	initialProjectId?: string;
	/** How long the IAM wait lasts, and its pauses between attempts. */
	iamWaitMs: number;
	iamRetryDelays: IamRetryDelays;
	/** Where requests go for these keys (a profile may carry its own base URL and version). */
	target(connection?: Partial<Connection>): Target;
	verifyKeys(connection: Connection, signal?: AbortSignal): Promise<ApiKeyInfo>;
	listProjects(connection: Connection, signal?: AbortSignal): Promise<Project[]>;
	/** GET /groups/{id}: a typed project id checked before the wizard moves on. */
	getProject(connection: Connection, projectId: string, signal?: AbortSignal): Promise<Project>;
	listRoles(connection: Connection, projectId: string, signal?: AbortSignal): Promise<AwsIamRole[]>;
	listExportBuckets(connection: Connection, projectId: string, signal?: AbortSignal): Promise<ExportBucket[]>;
	previewCreate(connection: Connection, projectId: string, input: CreateExportBucketInput): Promise<RequestPreview>;
	/** One attempt: the wizard waits for IAM itself (the wait can be watched and stopped). */
	createBucket(connection: Connection, projectId: string, input: CreateExportBucketInput, options?: CreateBucketOptions): Promise<ExportBucket>;
	/** Creates the Atlas side of a new AWS IAM role (one POST): its role id, Atlas's account ARN and external id. */
	createRole(connection: Connection, projectId: string, signal?: AbortSignal): Promise<AwsIamRole>;
	/** One authorize attempt (Atlas assumes the role at once: CANNOT_ASSUME_ROLE until IAM has propagated). */
	authorizeRole(connection: Connection, projectId: string, roleId: string, iamRoleArn: string, signal?: AbortSignal): Promise<AwsIamRole>;
	/** Clusters, snapshots, export jobs and automatic export, for the export screens after registering. */
	backup(connection: Connection): Promise<BackupClient>;
	/** How often the export progress view reads the job again. */
	exportPollMs: number;
	/** Where the role set-up writes its policy files unless the user picks another directory. */
	cwd: string;
	/** Writes the policy documents; existing files are reported, not replaced, unless overwrite. */
	writePolicyFiles(files: readonly PolicyFile[], options?: {overwrite?: boolean}): Promise<WriteOutcome>;
	/** Where the `aws` CLI is on PATH, to run the set-up's two commands; never in --demo (its AWS is the simulator's). */
	findAwsCli(): Promise<string | undefined>;
	/**
	 * Runs the set-up's aws commands with that CLI; the new role's ARN, or AwsCliError with AWS's own
	 * text. With `createdRoleArn` (an earlier run created the role) create-role is not run again.
	 */
	runAwsRoleSetup(awsPath: string, commands: readonly (readonly string[])[], options?: {signal?: AbortSignal; createdRoleArn?: string}): Promise<{roleArn: string}>;
	keychainStatus(): Promise<KeychainStatus>;
	listProfiles(): Promise<ProfileView[]>;
	/** The profile's public key from the profile file and its private key from the keychain. */
	loadProfile(name: string): Promise<Connection & {projectId?: string}>;
	/** `onLockWait`: called once if another process holds the profile file's lock (the save waits for it). */
	saveProfile(name: string, connection: Connection, projectId?: string, hooks?: {onLockWait?(file: string): void}): Promise<void>;
};

/** Turns anything thrown into what the wizard shows; AtlasError and CredentialsError carry `hint`. */
export function toErrorView(error: unknown): AtlasErrorView {
	const record = (typeof error === 'object' && error !== null ? error : {}) as {
		message?: unknown;
		hint?: unknown;
		status?: unknown;
		errorCode?: unknown;
		kind?: unknown;
		name?: unknown;
		/** AtlasError's typed reason: the wizard branches on it, never on Atlas's errorCode. */
		reason?: unknown;
		outcomeUnknown?: unknown;
	};
	const status = typeof record.status === 'number' ? record.status : undefined;
	const errorCode = typeof record.errorCode === 'string' ? record.errorCode : undefined;
	const aborted = record.name === 'AbortError' || record.kind === 'aborted' || record.kind === 'cancelled';
	// Keychain and file errors carry text from outside too: inert before any frame shows it.
	const message = terminalSafe(typeof record.message === 'string' && record.message !== '' ? record.message : String(error));
	return {
		message,
		...(typeof record.hint === 'string' && record.hint !== '' ? {hint: terminalSafe(record.hint)} : {}),
		...(status === undefined ? {} : {status}),
		...(errorCode === undefined ? {} : {errorCode}),
		authFailure: status === 401 || status === 403,
		cannotAssumeRole: record.reason === 'cannotAssumeRole',
		...(record.reason === 'missingRole' ? {missingRole: true} : {}),
		aborted,
		outcomeUnknown: record.outcomeUnknown === true,
	};
}

export type CreateWizardServicesOptions = {
	baseUrl?: string;
	apiVersion?: ApiVersion;
	timeoutMs?: number;
	env?: NodeJS.ProcessEnv;
	projectId?: string;
	profile?: string;
	iamWaitMs?: number;
	/** Pauses between IAM wait attempts (tests shorten them). */
	iamRetry?: Partial<IamRetryDelays>;
	/** How often the export progress view reads the job (default 5 s; the demo and tests shorten it). */
	exportPollMs?: number;
	demo?: DemoInfo;
	/** The directory policy files are written to by default (tests use a temporary one). */
	cwd?: string;
	/** Tests: replace the OS keychain and the profile directory. */
	keychain?: () => Promise<KeychainAccessLike>;
	profilesDir?: string;
};

/** The part of credentials/keychain.ts's openKeychain() result used here. */
export type KeychainAccessLike =
	| {available: true; keychain: {
		getPrivateKey(profile: string): Promise<string | null>;
		setPrivateKey(profile: string, privateKey: string): Promise<void>;
		deletePrivateKey(profile: string): Promise<boolean>;
		/** Service accounts: the access token kept between runs (absent in tests that fake the keychain: no reuse). */
		getToken?(key: string): Promise<string | null>;
		setToken?(key: string, value: string): Promise<void>;
	}}
	| {available: false; reason: string};

/** As the client's `--wait-for-iam` pauses: 2 s, doubling, at most 10 s apart. */
export const DEFAULT_IAM_RETRY_DELAYS: IamRetryDelays = {baseDelayMs: 2000, maxDelayMs: 10_000};

/** The wizard's flags as the settings decision (precedence.ts) takes them. */
function flagsOf(options: CreateWizardServicesOptions): SettingsFlags {
	return {
		...(options.baseUrl ? {baseUrl: options.baseUrl} : {}),
		...(options.apiVersion ? {apiVersion: options.apiVersion} : {}),
		...(options.projectId ? {projectId: options.projectId} : {}),
		...(options.timeoutMs === undefined ? {} : {timeout: options.timeoutMs / 1000}),
	};
}

/** As `export --watch` reads a job. */
export const DEFAULT_EXPORT_POLL_MS = 5000;

/** The real services: the Atlas client over HTTP, the OS keychain and the profile file. */
export function createWizardServices(options: CreateWizardServicesOptions = {}): WizardServices {
	const env = options.env ?? process.env;
	const demo = options.demo;
	const flags = flagsOf(options);
	// Half a key pair in the environment is not an error here (commands stop on it): the wizard asks.
	// The demo talks to its simulator with the simulator's key: the environment's keys are not its own.
	const decide = (connection: Partial<Connection> = {}) => decideSettings({flags, env, profile: connection, policy: {halfPairInEnvironment: 'ignore'}});
	const atStart = decide();
	const timeoutMs = atStart.timeoutMs.value;
	const clients = new Map<string, Promise<AtlasClient>>();

	// The chosen profile's (or typed) connection is the profile layer: flag > env > profile > default.
	const target = (connection: Partial<Connection> = {}): Target => {
		const {baseUrl, apiVersion} = decide(connection);
		return {baseUrl: baseUrl.value, apiVersion: apiVersion.value};
	};

	// One client per credential and target: the Digest nonce (or the service account's token) is reused across calls.
	const client = async (connection: Connection): Promise<AtlasClient> => {
		const {baseUrl, apiVersion} = target(connection);
		const cacheKey = JSON.stringify([identityOf(connection), secretOf(connection), baseUrl, apiVersion]);
		let pending = clients.get(cacheKey);
		if (!pending) {
			const keys: AtlasCredentials = isServiceAccount(connection)
				? {clientId: connection.clientId, clientSecret: connection.clientSecret}
				: {publicKey: connection.publicKey, privateKey: connection.privateKey};
			pending = Promise.all([import('../atlas/client.js'), isServiceAccount(keys) && !demo ? tokenCache(keys.clientId, baseUrl) : undefined]).then(([{createAtlasClient}, cache]) =>
				createAtlasClient({
					baseUrl,
					apiVersion,
					timeoutMs,
					keys,
					...(cache ? {tokenCache: cache} : {}),
				}),
			);
			clients.set(cacheKey, pending);
		}

		return pending;
	};

	let keychainAccess: Promise<KeychainAccessLike> | undefined;
	const openKeychain = async (): Promise<KeychainAccessLike> => {
		keychainAccess ??= options.keychain
			? options.keychain()
			: import('../credentials/keychain.js').then(async module_ => module_.openKeychain({env}));
		return keychainAccess;
	};

	// A service account's token is kept in the keychain between runs, as the commands keep it.
	const tokenCache = async (clientId: string, baseUrl: string) => {
		const {keychainTokenCache} = await import('../credentials/token-cache.js');
		return keychainTokenCache(async () => {
			const access = await openKeychain();
			return access.available && access.keychain.getToken && access.keychain.setToken
				? {getToken: access.keychain.getToken.bind(access.keychain), setToken: access.keychain.setToken.bind(access.keychain)}
				: undefined;
		}, clientId, baseUrl);
	};

	// A store per use; `onLockWait` hears when a save waits for another process's lock on the file.
	const profileStore = async (onLockWait?: (file: string) => void) => {
		const {createProfileStore} = await import('../credentials/profiles.js');
		return createProfileStore({...(options.profilesDir ? {dir: options.profilesDir} : {}), ...(onLockWait ? {onLockWait} : {})});
	};

	const {credential} = atStart;
	const envKeys: AtlasCredentials | undefined = demo || credential.source !== 'env'
		? undefined
		: credential.kind === 'serviceAccount' ? {clientId: credential.id!, clientSecret: credential.secret!} : {publicKey: credential.id!, privateKey: credential.secret!};
	const initialProjectId = atStart.projectId.value;
	const services: WizardServices = {
		iamWaitMs: options.iamWaitMs ?? DEFAULT_IAM_WAIT_MS,
		iamRetryDelays: {baseDelayMs: options.iamRetry?.baseDelayMs ?? DEFAULT_IAM_RETRY_DELAYS.baseDelayMs, maxDelayMs: options.iamRetry?.maxDelayMs ?? DEFAULT_IAM_RETRY_DELAYS.maxDelayMs},
		target,
		async verifyKeys(connection, signal) {
			return (await client(connection)).checkKey({signal});
		},
		async listProjects(connection, signal) {
			return (await client(connection)).listProjects({signal});
		},
		async getProject(connection, projectId, signal) {
			return (await client(connection)).getProject(projectId, {signal});
		},
		async listRoles(connection, projectId, signal) {
			return (await client(connection)).listCloudProviderAccess(projectId, {signal}).then(access => access.awsIamRoles);
		},
		async listExportBuckets(connection, projectId, signal) {
			return (await client(connection)).listExportBuckets(projectId, {signal});
		},
		async previewCreate(connection, projectId, input) {
			return (await client(connection)).previewCreateExportBucket(projectId, input);
		},
		async createBucket(connection, projectId, input, createOptions = {}) {
			const atlas = await client(connection);
			if (createOptions.verifyFirst) {
				const {findRegisteredBucket} = await import('../atlas/unknown-outcome.js');
				const listed = await atlas.listExportBuckets(projectId, createOptions.signal ? {signal: createOptions.signal} : undefined);
				const found = findRegisteredBucket({value: listed, raw: listed}, input);
				if (found) return found.value;
			}
			return atlas.createExportBucket(projectId, input, createOptions.signal ? {signal: createOptions.signal} : {});
		},
		async createRole(connection, projectId, signal) {
			return (await client(connection)).createAwsRole(projectId, {signal});
		},
		async authorizeRole(connection, projectId, roleId, iamRoleArn, signal) {
			return (await client(connection)).authorizeAwsRole(projectId, roleId, iamRoleArn, {signal});
		},
		backup: async connection => client(connection),
		exportPollMs: options.exportPollMs ?? DEFAULT_EXPORT_POLL_MS,
		cwd: options.cwd ?? process.cwd(),
		async writePolicyFiles(files, writeOptions) {
			const {writePolicyFiles} = await import('../roles/policy-files.js');
			return writePolicyFiles(files, writeOptions);
		},
		async findAwsCli() {
			if (demo) return undefined;
			const {findAwsCli} = await import('../roles/aws-cli.js');
			return findAwsCli(env);
		},
		async runAwsRoleSetup(awsPath, commands, runOptions = {}) {
			const {runAwsRoleSetup} = await import('../roles/aws-cli.js');
			return runAwsRoleSetup(commands, {...runOptions, awsPath, env});
		},
		async keychainStatus() {
			if (demo) return {available: false, reason: 'Demo: the simulator\'s keys are not saved in your keychain.'};
			const access = await openKeychain();
			return access.available ? {available: true} : {available: false, reason: access.reason};
		},
		async listProfiles() {
			if (demo) return [];
			const store = await profileStore();
			const [profiles, defaultName] = await Promise.all([store.list(), store.getDefaultName()]);
			return profiles.map(profile => ({
				name: profile.name,
				...(profile.clientId === undefined ? {publicKey: profile.publicKey} : {clientId: profile.clientId}),
				...(profile.projectId ? {projectId: profile.projectId} : {}),
				isDefault: profile.name === defaultName,
			}));
		},
		async loadProfile(name) {
			const store = await profileStore();
			const profile = await store.get(name);
			if (!profile) {
				throw Object.assign(new Error(`No profile named '${name}'.`), {hint: 'Run `atlas-export-bucket login --profile NAME` to store one, or enter the keys here.'});
			}

			const access = await openKeychain();
			if (!access.available) throw Object.assign(new Error(access.reason), {hint: 'Enter the keys here instead.'});
			const secret = await access.keychain.getPrivateKey(name);
			if (!secret) {
				throw Object.assign(new Error(`The keychain returned no ${profile.clientId === undefined ? 'private key' : 'client secret'} for profile '${name}': the keyring is locked or the entry is missing.`), {
					hint: 'Unlock your keyring, or enter the keys here.',
				});
			}

			return {
				...(profile.clientId === undefined ? {publicKey: profile.publicKey ?? '', privateKey: secret} : {clientId: profile.clientId, clientSecret: secret}),
				...(profile.baseUrl ? {baseUrl: profile.baseUrl} : {}),
				...(profile.apiVersion ? {apiVersion: profile.apiVersion} : {}),
				...(profile.projectId ? {projectId: profile.projectId} : {}),
			};
		},
		async saveProfile(name, connection, projectId, hooks) {
			const access = await openKeychain();
			if (!access.available) throw new Error(access.reason);
			const store = await profileStore(hooks?.onLockWait);
			// As `login`: the secret is stored inside the locked update of the profile file, before the
			// entry that points to it is written, and put back as it was if that write fails.
			const {baseUrl, apiVersion} = target(connection);
			const {storeSecretWithUndo} = await import('../credentials/keychain.js');
			await store.save({
				name,
				...(isServiceAccount(connection) ? {clientId: connection.clientId} : {publicKey: connection.publicKey}),
				...(projectId ? {projectId} : {}),
				...(baseUrl === DEFAULT_BASE_URL ? {} : {baseUrl}),
				...(apiVersion === DEFAULT_API_VERSION ? {} : {apiVersion}),
			}, {beforeWrite: async () => storeSecretWithUndo(access.keychain, name, secretOf(connection))});
		},
	};
	if (demo) services.demo = demo;
	if (envKeys) services.envKeys = envKeys;
	if (options.profile) services.requestedProfile = options.profile;
	if (initialProjectId) services.initialProjectId = initialProjectId;
	return services;
}
