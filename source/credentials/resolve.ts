// The commands' settings: the profile loaded (--profile, else the stored default), every value
// decided by precedence.ts (flag > environment > profile > default), and the profile's secret (a
// private key or a client secret) read from the keychain only when the decision points there and the
// command sends requests.
import type {ApiVersion, AtlasCredentials, CredentialKind} from '../atlas/types.js';
import {CREDENTIAL_KINDS, nonEmpty} from './environment.js';
import {CredentialsError, KEYS_WITHOUT_KEYCHAIN_HINT} from './errors.js';
import {lockedKeychainError} from './keychain.js';
import type {KeychainAccess} from './keychain.js';
import {decideSettings, type SettingsFlags, type SettingsPolicy, type ValueSource} from './precedence.js';
import {ConfigDirError, DEFAULT_PROFILE_NAME, type Profile, type ProfileStore} from './profiles.js';

export {CredentialsError, KeychainError} from './errors.js';

export type ResolveInput = {
	flags: SettingsFlags;
	env: NodeJS.ProcessEnv;
	profiles: ProfileStore;
	openKeychain: () => Promise<KeychainAccess>;
	/** False for commands that never send a request (logout, profiles): the keychain is then never opened. Default true. */
	needKeys?: boolean;
	policy?: SettingsPolicy;
};

export type KeySource = 'env' | 'stdin' | 'profile' | 'none';

export type ResolvedSettings = {
	/** The profile consulted: --profile, else the stored default, else 'default'. */
	profileName: string;
	/** The stored profile when it exists. */
	profile?: Profile;
	/** An API key pair or a service account. */
	keys?: AtlasCredentials;
	/** Which kind the decision chose (also when the secret was not read). */
	credentialKind: CredentialKind;
	/** Where the secret came from ('none': no keys found, or not read because needKeys is false). */
	keySource: KeySource;
	publicKeySource: 'env' | 'profile' | 'none';
	projectId?: string;
	projectIdSource: ValueSource | 'none';
	/** Without trailing slash. */
	baseUrl: string;
	baseUrlSource: ValueSource | 'default';
	apiVersion: ApiVersion;
	apiVersionSource: ValueSource | 'default';
	timeoutMs: number;
	/** Things the user should know (e.g. an ignored variable), printed on stderr. */
	warnings: string[];
};

export async function resolveSettings(input: ResolveInput): Promise<ResolvedSettings> {
	const {flags, profiles} = input;
	const explicitProfile = nonEmpty(flags.profile);
	let profileName: string;
	let profile: Profile | undefined;
	try {
		profileName = explicitProfile ?? await profiles.getDefaultName();
		profile = await profiles.get(profileName);
	} catch (error) {
		// No home directory and no ATLAS_EXPORT_BUCKET_CONFIG_DIR: keys from the environment still work.
		if (!(error instanceof ConfigDirError) || explicitProfile) throw error;
		const fromEnv = decideSettings({flags, env: input.env, profile: {name: DEFAULT_PROFILE_NAME}, ...(input.policy ? {policy: input.policy} : {})});
		if (fromEnv.credential.secret === undefined && (input.needKeys ?? true)) throw error;
		profileName = DEFAULT_PROFILE_NAME;
	}

	if (explicitProfile && !profile) {
		throw new CredentialsError(
			`No profile named '${explicitProfile}' in ${await profiles.location()}.`,
			`Run \`atlas-export-bucket login --profile ${explicitProfile}\` to create it, or \`atlas-export-bucket profiles\` to list the stored ones.`,
		);
	}

	const decided = decideSettings({
		flags,
		env: input.env,
		profile: {...profile, name: profileName},
		profileExplicit: explicitProfile !== undefined,
		...(input.policy ? {policy: input.policy} : {}),
	});
	const {credential} = decided;

	const pairOf = (id: string, secret: string): AtlasCredentials =>
		credential.kind === 'serviceAccount' ? {clientId: id, clientSecret: secret} : {publicKey: id, privateKey: secret};
	let keys: AtlasCredentials | undefined;
	if (credential.id !== undefined && credential.secret !== undefined) {
		keys = pairOf(credential.id, credential.secret);
	} else if (credential.source === 'profile' && (input.needKeys ?? true)) {
		const access = await input.openKeychain();
		if (!access.available) {
			throw new CredentialsError(`Cannot read the ${CREDENTIAL_KINDS[credential.kind].secretName} of profile '${profileName}': ${access.reason}`);
		}

		const secret = await access.keychain.getPrivateKey(profileName);
		if (secret === null || secret === '') throw lockedKeychainError(profileName);
		keys = pairOf(credential.id!, secret);
	}

	return {
		profileName,
		...(profile ? {profile} : {}),
		...(keys ? {keys} : {}),
		credentialKind: credential.kind,
		keySource: keys ? credential.source : 'none',
		publicKeySource: credential.idSource,
		...(decided.projectId.value === undefined ? {} : {projectId: decided.projectId.value}),
		projectIdSource: decided.projectId.value === undefined ? 'none' : decided.projectId.source as ValueSource,
		baseUrl: decided.baseUrl.value,
		baseUrlSource: decided.baseUrl.source,
		apiVersion: decided.apiVersion.value,
		apiVersionSource: decided.apiVersion.source,
		timeoutMs: decided.timeoutMs.value,
		warnings: decided.warnings,
	};
}

/** The credentials, or the one error every command shows when there are none. */
export function requireKeys(settings: ResolvedSettings): AtlasCredentials {
	if (settings.keys) return settings.keys;
	const {apiKey, serviceAccount} = CREDENTIAL_KINDS;
	throw new CredentialsError(
		`No credentials: profile '${settings.profileName}' does not exist, and neither ${apiKey.idVariable} / ${apiKey.secretVariable} nor ${serviceAccount.idVariable} / ${serviceAccount.secretVariable} are set.`,
		`Run \`atlas-export-bucket login\` to store a profile. ${KEYS_WITHOUT_KEYCHAIN_HINT}`,
	);
}
