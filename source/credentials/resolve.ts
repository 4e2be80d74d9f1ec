// Where each setting comes from, as the Atlas CLI does it: flag > environment > stored profile.
// Keys: MONGODB_ATLAS_PUBLIC_API_KEY + MONGODB_ATLAS_PRIVATE_API_KEY (a pair, never half of one),
// or --private-key-stdin (the public key then from the environment or the profile), or the profile
// (public key from profiles.json, private key from the keychain, opened only when needed).
import {DEFAULT_BASE_URL} from '../atlas/types.js';
import type {ApiKeyPair, ApiVersion} from '../atlas/types.js';
import {ENV_BASE_URL, ENV_PRIVATE_KEY, ENV_PUBLIC_KEY, nonEmpty, readAtlasEnvironment} from './environment.js';
import {CredentialsError, KEYS_WITHOUT_KEYCHAIN_HINT} from './errors.js';
import {lockedKeychainError} from './keychain.js';
import type {KeychainAccess} from './keychain.js';
import type {Profile, ProfileStore} from './profiles.js';

export {CredentialsError, KeychainError} from './errors.js';

export const DEFAULT_API_VERSION: ApiVersion = 'v2';

export type SettingsFlags = {
	profile?: string;
	projectId?: string;
	baseUrl?: string;
	apiVersion?: string;
	/** The private key already read from stdin (see readPrivateKeyFromStdin). */
	privateKeyFromStdin?: string;
};

export type ResolveInput = {
	flags: SettingsFlags;
	env: NodeJS.ProcessEnv;
	profiles: ProfileStore;
	openKeychain: () => Promise<KeychainAccess>;
	/** False for commands that never send a request (logout, profiles): the keychain is then never opened. Default true. */
	needKeys?: boolean;
};

export type KeySource = 'env' | 'stdin' | 'profile' | 'none';
export type ValueSource = 'flag' | 'env' | 'profile';

export type ResolvedSettings = {
	/** The profile consulted: --profile, else the stored default, else 'default'. */
	profileName: string;
	/** The stored profile when it exists. */
	profile?: Profile;
	keys?: ApiKeyPair;
	/** Where the private key came from ('none': no keys found). */
	keySource: KeySource;
	publicKeySource: 'env' | 'profile' | 'none';
	projectId?: string;
	projectIdSource: ValueSource | 'none';
	/** Without trailing slash. */
	baseUrl: string;
	baseUrlSource: ValueSource | 'default';
	apiVersion: ApiVersion;
	apiVersionSource: 'flag' | 'profile' | 'default';
	/** Things the user should know (e.g. an ignored variable), printed on stderr. */
	warnings: string[];
};

export async function resolveSettings(input: ResolveInput): Promise<ResolvedSettings> {
	const {flags, profiles} = input;
	const env = readAtlasEnvironment(input.env);
	const needKeys = input.needKeys ?? true;
	const warnings: string[] = [];

	const explicitProfile = nonEmpty(flags.profile);
	const profileName = explicitProfile ?? await profiles.getDefaultName();
	const profile = await profiles.get(profileName);
	if (explicitProfile && !profile) {
		throw new CredentialsError(
			`No profile named '${explicitProfile}' in ${profiles.path}.`,
			`Run \`atlas-export-bucket login --profile ${explicitProfile}\` to create it, or \`atlas-export-bucket profiles\` to list the stored ones.`,
		);
	}

	// Project, base URL, API version: flag > env > profile.
	const projectId = pick(nonEmpty(flags.projectId), env.projectId, profile?.projectId);
	const baseUrlPick = pick(nonEmpty(flags.baseUrl), env.baseUrl, profile?.baseUrl);
	const baseUrl = baseUrlPick.value === undefined
		? DEFAULT_BASE_URL
		: normalizeBaseUrl(baseUrlPick.value, baseUrlPick.source === 'flag' ? '--base-url' : baseUrlPick.source === 'env' ? ENV_BASE_URL : `profile '${profileName}'`);
	const apiVersionPick = pick(nonEmpty(flags.apiVersion), undefined, profile?.apiVersion);
	const apiVersion = apiVersionPick.value === undefined ? DEFAULT_API_VERSION : parseApiVersion(apiVersionPick.value);

	// Keys.
	const {publicKey: envPublic, privateKey: envPrivate} = env;
	const stdinPrivate = flags.privateKeyFromStdin;
	let keys: ApiKeyPair | undefined;
	let keySource: KeySource = 'none';
	let publicKeySource: ResolvedSettings['publicKeySource'] = 'none';

	if (stdinPrivate !== undefined) {
		if (stdinPrivate.trim() === '') throw new CredentialsError('--private-key-stdin read an empty private key.', 'Pipe the private key into the command, e.g. `printf %s "$KEY" | atlas-export-bucket ... --private-key-stdin`.');
		if (envPrivate) warnings.push(`${ENV_PRIVATE_KEY} is ignored: --private-key-stdin supplies the private key.`);
		const publicKey = envPublic ?? profile?.publicKey;
		if (!publicKey) {
			throw new CredentialsError(
				'--private-key-stdin needs a public key to go with it.',
				`Set ${ENV_PUBLIC_KEY}, or use --profile with a stored profile that has the public key.`,
			);
		}

		keys = {publicKey, privateKey: stdinPrivate.trim()};
		keySource = 'stdin';
		publicKeySource = envPublic ? 'env' : 'profile';
	} else if (envPublic || envPrivate) {
		if (!envPublic || !envPrivate) {
			const [set, missing] = envPublic ? [ENV_PUBLIC_KEY, ENV_PRIVATE_KEY] : [ENV_PRIVATE_KEY, ENV_PUBLIC_KEY];
			throw new CredentialsError(
				`${set} is set but ${missing} is not: API keys from the environment come as a pair.`,
				`Set both variables, or unset ${set} to use the stored profile.`,
			);
		}

		keys = {publicKey: envPublic, privateKey: envPrivate};
		keySource = 'env';
		publicKeySource = 'env';
		if (explicitProfile) warnings.push(`The API keys in ${ENV_PUBLIC_KEY} / ${ENV_PRIVATE_KEY} take precedence over the keys of profile '${explicitProfile}'.`);
	} else if (profile && needKeys) {
		const access = await input.openKeychain();
		if (!access.available) {
			throw new CredentialsError(`Cannot read the private key of profile '${profileName}': ${access.reason}`);
		}

		const privateKey = await access.keychain.getPrivateKey(profileName);
		if (privateKey === null || privateKey === '') throw lockedKeychainError(profileName);
		keys = {publicKey: profile.publicKey, privateKey};
		keySource = 'profile';
		publicKeySource = 'profile';
	} else if (profile) {
		publicKeySource = 'profile';
	}

	return {
		profileName,
		...(profile ? {profile} : {}),
		...(keys ? {keys} : {}),
		keySource,
		publicKeySource,
		...(projectId.value === undefined ? {} : {projectId: projectId.value}),
		projectIdSource: projectId.source,
		baseUrl,
		baseUrlSource: baseUrlPick.value === undefined ? 'default' : baseUrlPick.source as ValueSource,
		apiVersion,
		apiVersionSource: apiVersionPick.value === undefined ? 'default' : apiVersionPick.source as 'flag' | 'profile',
		warnings,
	};
}

/** The keys, or the one error every command shows when there are none. */
export function requireKeys(settings: ResolvedSettings): ApiKeyPair {
	if (settings.keys) return settings.keys;
	throw new CredentialsError(
		`No API keys: profile '${settings.profileName}' does not exist and ${ENV_PUBLIC_KEY} / ${ENV_PRIVATE_KEY} are not set.`,
		`Run \`atlas-export-bucket login\` to store a profile. ${KEYS_WITHOUT_KEYCHAIN_HINT}`,
	);
}

export function parseApiVersion(value: string): ApiVersion {
	if (value === 'v2' || value === 'v1.0') return value;
	throw new CredentialsError(`Unknown API version '${value}'.`, 'Use --api-version v2 (default) or --api-version v1.0.');
}

/** Accepts an http(s) URL and drops trailing slashes ("https://cloud.mongodb.com/" is common in Atlas CLI configs). */
export function normalizeBaseUrl(value: string, origin: string): string {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw new CredentialsError(`The base URL from ${origin} is not a URL: '${value}'.`, `Use e.g. ${DEFAULT_BASE_URL}.`);
	}

	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new CredentialsError(`The base URL from ${origin} must be http(s): '${value}'.`, `Use e.g. ${DEFAULT_BASE_URL}.`);
	}

	return value.trim().replace(/\/+$/, '');
}

function pick<T>(flag: T | undefined, fromEnv: T | undefined, fromProfile: T | undefined): {value: T | undefined; source: ValueSource | 'none'} {
	if (flag !== undefined) return {value: flag, source: 'flag'};
	if (fromEnv !== undefined) return {value: fromEnv, source: 'env'};
	if (fromProfile !== undefined) return {value: fromProfile, source: 'profile'};
	return {value: undefined, source: 'none'};
}
