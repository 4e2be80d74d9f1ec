// From the command line to a ready client: settings resolved (flag > env > profile > default), an
// API key or a service account from the environment, stdin or the keychain (a service account's
// token cached in the keychain between runs), --verbose wired to the client's exchange hook.
import {createAtlasClient} from '../atlas/client.js';
import {isServiceAccount, secretOf, type ApiVersion, type AtlasClientWithRaw, type AtlasCredentials} from '../atlas/types.js';
import {ensureValid, checkProjectId} from '../atlas/validation.js';
import {openKeychain} from '../credentials/keychain.js';
import {createProfileStore, defaultConfigDir, type ProfileStore} from '../credentials/profiles.js';
import type {SettingsFlags} from '../credentials/precedence.js';
import {requireKeys, resolveSettings, type ResolvedSettings} from '../credentials/resolve.js';
import {readClientSecretFromStdin, readPrivateKeyFromStdin} from '../credentials/stdin-key.js';
import {keychainTokenCache} from '../credentials/token-cache.js';
import {note} from './output.js';
import type {CommandIo} from './io.js';
import type {GlobalOptions} from './options.js';
import {UsageError} from './usage-error.js';
import {createVerboseLogger} from './verbose.js';

export type Session = {
	/** `withRaw` gives what `--json` prints: the objects as Atlas sent them. */
	client: AtlasClientWithRaw;
	settings: ResolvedSettings;
};

export function profileStoreFor(io: CommandIo): ProfileStore {
	return createProfileStore({
		dir: async () => defaultConfigDir(io.env),
		// Said once, so that a wait for another run's update of the file is not a silent hang.
		onLockWait: file => note(io, `Waiting for another atlas-export-bucket to finish changing ${file}…`),
	});
}

/** The command line's part in the settings decision (precedence.ts); reads stdin for --private-key-stdin. */
export async function settingsFlags(options: GlobalOptions & {projectId?: string}, io: CommandIo): Promise<SettingsFlags> {
	if (options.privateKeyStdin && options.clientSecretStdin) {
		throw new UsageError('--private-key-stdin and --client-secret-stdin were both given: stdin holds one secret.', 'Use --private-key-stdin for an API key, --client-secret-stdin for a service account.');
	}
	const privateKeyFromStdin = options.privateKeyStdin ? await readPrivateKeyFromStdin(io.stdin) : undefined;
	const clientSecretFromStdin = options.clientSecretStdin ? await readClientSecretFromStdin(io.stdin) : undefined;
	return {
		...(options.profile === undefined ? {} : {profile: options.profile}),
		...(options.projectId === undefined ? {} : {projectId: options.projectId}),
		...(options.baseUrl === undefined ? {} : {baseUrl: options.baseUrl}),
		...(options.apiVersion === undefined ? {} : {apiVersion: options.apiVersion}),
		...(options.timeout === undefined ? {} : {timeout: options.timeout}),
		...(privateKeyFromStdin === undefined ? {} : {privateKeyFromStdin}),
		...(clientSecretFromStdin === undefined ? {} : {clientSecretFromStdin}),
	};
}

export async function resolveFor(options: GlobalOptions & {projectId?: string}, io: CommandIo, needKeys = true): Promise<ResolvedSettings> {
	const settings = await resolveSettings({
		flags: await settingsFlags(options, io),
		env: io.env,
		profiles: profileStoreFor(io),
		openKeychain: async () => openKeychain({env: io.env}),
		needKeys,
	});
	for (const warning of settings.warnings) note(io, `Warning: ${warning}`);
	return settings;
}

/**
 * The keychain for the service account's token, opened once and only when a token is needed; an
 * unavailable keychain only means no reuse across runs (every run then asks for a token).
 */
export function tokenCacheFor(io: CommandIo, clientId: string, baseUrl: string) {
	let opened: ReturnType<typeof openKeychain> | undefined;
	return keychainTokenCache(async () => {
		opened ??= openKeychain({env: io.env});
		const access = await opened;
		return access.available ? access.keychain : undefined;
	}, clientId, baseUrl);
}

export function clientFor(settings: {baseUrl: string; apiVersion: ApiVersion; timeoutMs: number}, keys: AtlasCredentials, options: GlobalOptions, io: CommandIo): AtlasClientWithRaw {
	return createAtlasClient({
		baseUrl: settings.baseUrl,
		keys,
		apiVersion: settings.apiVersion,
		timeoutMs: settings.timeoutMs,
		pretty: Boolean(options.pretty),
		envelope: Boolean(options.envelope),
		...(isServiceAccount(keys) ? {tokenCache: tokenCacheFor(io, keys.clientId, settings.baseUrl)} : {}),
		...(options.verbose ? {onExchange: createVerboseLogger(io, [secretOf(keys)])} : {}),
	});
}

export async function connect(options: GlobalOptions, io: CommandIo): Promise<Session> {
	const settings = await resolveFor(options, io);
	const keys = requireKeys(settings);
	return {client: clientFor(settings, keys, options, io), settings};
}

/** The project id (flag > MONGODB_ATLAS_PROJECT_ID > profile), validated; a usage error when there is none. */
export function requireProjectId(settings: ResolvedSettings): string {
	if (settings.projectId === undefined) {
		throw new UsageError(
			'No project id: pass --project-id, set MONGODB_ATLAS_PROJECT_ID, or store one in the profile.',
			'`atlas-export-bucket projects` lists the projects your API key or service account can see.',
		);
	}

	return ensureValid('projectId', checkProjectId(settings.projectId));
}
