// From the command line to a ready client: settings resolved (flag > env > profile > default), keys from the
// environment, stdin or the keychain, --verbose wired to the client's exchange hook.
import {createAtlasClient} from '../atlas/client.js';
import type {ApiKeyPair, ApiVersion, AtlasClientWithRaw} from '../atlas/types.js';
import {ensureValid, checkProjectId} from '../atlas/validation.js';
import {openKeychain} from '../credentials/keychain.js';
import {createProfileStore, defaultConfigDir, type ProfileStore} from '../credentials/profiles.js';
import type {SettingsFlags} from '../credentials/precedence.js';
import {requireKeys, resolveSettings, type ResolvedSettings} from '../credentials/resolve.js';
import {readPrivateKeyFromStdin} from '../credentials/stdin-key.js';
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
	return createProfileStore({dir: defaultConfigDir(io.env)});
}

/** The command line's part in the settings decision (precedence.ts); reads stdin for --private-key-stdin. */
export async function settingsFlags(options: GlobalOptions & {projectId?: string}, io: CommandIo): Promise<SettingsFlags> {
	const privateKeyFromStdin = options.privateKeyStdin ? await readPrivateKeyFromStdin(io.stdin) : undefined;
	return {
		...(options.profile === undefined ? {} : {profile: options.profile}),
		...(options.projectId === undefined ? {} : {projectId: options.projectId}),
		...(options.baseUrl === undefined ? {} : {baseUrl: options.baseUrl}),
		...(options.apiVersion === undefined ? {} : {apiVersion: options.apiVersion}),
		...(options.timeout === undefined ? {} : {timeout: options.timeout}),
		...(privateKeyFromStdin === undefined ? {} : {privateKeyFromStdin}),
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

export function clientFor(settings: {baseUrl: string; apiVersion: ApiVersion; timeoutMs: number}, keys: ApiKeyPair, options: GlobalOptions, io: CommandIo): AtlasClientWithRaw {
	return createAtlasClient({
		baseUrl: settings.baseUrl,
		keys,
		apiVersion: settings.apiVersion,
		timeoutMs: settings.timeoutMs,
		pretty: Boolean(options.pretty),
		envelope: Boolean(options.envelope),
		...(options.verbose ? {onExchange: createVerboseLogger(io, [keys.privateKey])} : {}),
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
			'`atlas-export-bucket projects` lists the projects your API key can see.',
		);
	}

	return ensureValid('projectId', checkProjectId(settings.projectId));
}
