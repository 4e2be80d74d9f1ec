// The one decision of every setting, for the commands, `login` and the wizard: flag > environment >
// stored profile > default. Pure and synchronous: the callers load the profile (resolve.ts, the
// wizard's profile step) and read the profile's secret from the keychain when the decision says the
// credential comes from the profile. Where callers differ (the wizard asks for keys when the
// environment holds half a pair, commands stop), they pass a policy, never a copy of these rules.
// A new setting is one more `choose` below; a credential kind (API key, service account) is a row
// of CREDENTIAL_KINDS (environment.ts) with its profile field and stdin flag.
import {API_VERSIONS, DEFAULT_API_VERSION, DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS, type ApiVersion} from '../atlas/types.js';
import {CREDENTIAL_KINDS, ENV_BASE_URL, nonEmpty, readAtlasEnvironment, type CredentialKind} from './environment.js';
import {checkBaseUrl, isCleartextRemote} from '../atlas/validation.js';
import {CredentialsError} from './errors.js';

/** What the command line says (each absent when not given). */
export type SettingsFlags = {
	profile?: string;
	projectId?: string;
	baseUrl?: string;
	apiVersion?: string;
	/** Seconds, as --timeout takes it. */
	timeout?: number;
	/** The private key already read from stdin (see readPrivateKeyFromStdin). */
	privateKeyFromStdin?: string;
	/** The service account's client secret already read from stdin (--client-secret-stdin). */
	clientSecretFromStdin?: string;
};

/** The stored profile's part in the decision (the wizard passes the connection it loaded). */
export type ProfileSettings = {
	/** Names the profile in messages. */
	name?: string;
	/** An API key profile. */
	publicKey?: string;
	/** A service account profile. */
	clientId?: string;
	projectId?: string;
	baseUrl?: string;
	apiVersion?: ApiVersion;
};

export type SettingsPolicy = {
	/**
	 * Half a credential pair in the environment: 'error' stops with the missing variable named (the
	 * commands and `login`), 'ignore' leaves the keys to be asked for (the wizard). Default 'error'.
	 */
	halfPairInEnvironment?: 'error' | 'ignore';
};

export type SettingsInput = {
	flags: SettingsFlags;
	env: NodeJS.ProcessEnv;
	profile?: ProfileSettings;
	/** Whether --profile named the profile (a warning says when the environment's keys override it). */
	profileExplicit?: boolean;
	policy?: SettingsPolicy;
};

export type ValueSource = 'flag' | 'env' | 'profile';
export type Chosen<T> = {value: T; source: ValueSource | 'default'};

export type CredentialSource = 'stdin' | 'env' | 'profile' | 'none';

/**
 * Where the credential comes from. `secret` is known for stdin and env; for 'profile' the caller
 * reads it from the keychain (only when it sends a request).
 */
export type CredentialDecision = {
	kind: CredentialKind;
	source: CredentialSource;
	/** The public key (API key) or the client id (service account). */
	id?: string;
	idSource: 'env' | 'profile' | 'none';
	secret?: string;
};

export type DecidedSettings = {
	credential: CredentialDecision;
	projectId: Chosen<string | undefined>;
	/** Without trailing slash. */
	baseUrl: Chosen<string>;
	apiVersion: Chosen<ApiVersion>;
	timeoutMs: Chosen<number>;
	/** Things the user should know (e.g. an ignored variable), printed on stderr. */
	warnings: string[];
};

export function decideSettings(input: SettingsInput): DecidedSettings {
	const {flags, profile} = input;
	const env = readAtlasEnvironment(input.env);
	const warnings: string[] = [];
	const profileLabel = `profile '${profile?.name ?? 'default'}'`;

	const projectId = choose(nonEmpty(flags.projectId), env.projectId, profile?.projectId, undefined);
	const baseUrl = choose(nonEmpty(flags.baseUrl), env.baseUrl, profile?.baseUrl, DEFAULT_BASE_URL);
	baseUrl.value = normalizeBaseUrl(baseUrl.value, {flag: '--base-url', env: ENV_BASE_URL, profile: profileLabel, default: 'the default'}[baseUrl.source]);
	if (isCleartextRemote(baseUrl.value)) {
		warnings.push(`${new URL(baseUrl.value).host} is reached over plain http://: Digest over cleartext exposes every request and a crackable hash of the private key; use https://.`);
	}
	const apiVersion = choose(nonEmpty(flags.apiVersion), undefined, profile?.apiVersion, DEFAULT_API_VERSION);
	const timeoutMs = choose(flags.timeout === undefined ? undefined : Math.round(flags.timeout * 1000), undefined, undefined, DEFAULT_TIMEOUT_MS);

	return {
		credential: decideCredential(input, env.credentials, warnings),
		projectId,
		baseUrl,
		apiVersion: {value: parseApiVersion(apiVersion.value), source: apiVersion.source},
		timeoutMs,
		warnings,
	};
}

const KINDS = Object.keys(CREDENTIAL_KINDS) as CredentialKind[];

function decideCredential(input: SettingsInput, fromEnv: ReturnType<typeof readAtlasEnvironment>['credentials'], warnings: string[]): CredentialDecision {
	const {flags, profile} = input;
	const fromStdin: Partial<Record<CredentialKind, string>> = {
		...(flags.privateKeyFromStdin === undefined ? {} : {apiKey: flags.privateKeyFromStdin}),
		...(flags.clientSecretFromStdin === undefined ? {} : {serviceAccount: flags.clientSecretFromStdin}),
	};
	const stdinKinds = KINDS.filter(kind => fromStdin[kind] !== undefined);
	if (stdinKinds.length > 1) {
		throw new CredentialsError(
			`${CREDENTIAL_KINDS.apiKey.stdinFlag} and ${CREDENTIAL_KINDS.serviceAccount.stdinFlag} were both given: use one kind of credential.`,
			'An API key pair or a service account, not both.',
		);
	}

	const envKinds = KINDS.filter(kind => fromEnv[kind] !== undefined);
	if (envKinds.length > 1 && stdinKinds.length === 0) {
		const names = envKinds.map(kind => `${CREDENTIAL_KINDS[kind].idVariable} / ${CREDENTIAL_KINDS[kind].secretVariable}`);
		throw new CredentialsError(
			`Both an API key and a service account are set in the environment (${names.join(' and ')}): use one kind of credential.`,
			'Unset the variables of the one you do not want.',
		);
	}

	const stdinKind = stdinKinds[0];
	if (stdinKind !== undefined) {
		const {idVariable, secretVariable, idName, secretName, stdinFlag, profileField} = CREDENTIAL_KINDS[stdinKind];
		const pair = fromEnv[stdinKind] ?? {};
		const secret = fromStdin[stdinKind]!.trim();
		if (secret === '') throw new CredentialsError(`${stdinFlag} read an empty ${secretName}.`, `Pipe the ${secretName} into the command, e.g. \`printf %s "$SECRET" | atlas-export-bucket ... ${stdinFlag}\`.`);
		if (pair.secret) warnings.push(`${secretVariable} is ignored: ${stdinFlag} supplies the ${secretName}.`);
		for (const other of envKinds.filter(kind => kind !== stdinKind)) {
			warnings.push(`${CREDENTIAL_KINDS[other].idVariable} / ${CREDENTIAL_KINDS[other].secretVariable} are ignored: ${stdinFlag} chooses the ${CREDENTIAL_KINDS[stdinKind].label}.`);
		}
		const id = pair.id ?? profile?.[profileField];
		if (!id) {
			throw new CredentialsError(
				`${stdinFlag} needs a ${idName} to go with it.`,
				`Set ${idVariable}, or use --profile with a stored profile that has the ${idName}.`,
			);
		}

		return {kind: stdinKind, source: 'stdin', id, idSource: pair.id ? 'env' : 'profile', secret};
	}

	for (const kind of envKinds) {
		const {idVariable, secretVariable, label} = CREDENTIAL_KINDS[kind];
		const pair = fromEnv[kind]!;
		if (pair.id && pair.secret) {
			if (input.profileExplicit && profile?.name) warnings.push(`The ${label} in ${idVariable} / ${secretVariable} take precedence over the keys of profile '${profile.name}'.`);
			return {kind, source: 'env', id: pair.id, idSource: 'env', secret: pair.secret};
		}

		if ((input.policy?.halfPairInEnvironment ?? 'error') === 'error') {
			const [set, missing] = pair.id ? [idVariable, secretVariable] : [secretVariable, idVariable];
			throw new CredentialsError(
				`${set} is set but ${missing} is not: ${label} from the environment come as a pair.`,
				`Set both variables, or unset ${set} to use the stored profile.`,
			);
		}
	}

	if (profile?.clientId) return {kind: 'serviceAccount', source: 'profile', id: profile.clientId, idSource: 'profile'};
	if (profile?.publicKey) return {kind: 'apiKey', source: 'profile', id: profile.publicKey, idSource: 'profile'};
	return {kind: 'apiKey', source: 'none', idSource: 'none'};
}

export function parseApiVersion(value: string): ApiVersion {
	const known = API_VERSIONS.find(version => version === value);
	if (known) return known;
	throw new CredentialsError(`Unknown API version '${value}'.`, `Use --api-version ${DEFAULT_API_VERSION} (default) or --api-version v1.0.`);
}

/**
 * Accepts an http(s) URL without userinfo, query or fragment (checkBaseUrl) and drops trailing slashes
 * ("https://cloud.mongodb.com/" is common in Atlas CLI configs). A refused URL is never echoed with its
 * userinfo, so it is neither printed nor, by `login`, stored.
 */
export function normalizeBaseUrl(value: string, origin: string): string {
	const checked = checkBaseUrl(value);
	if (!checked.ok) throw new CredentialsError(`${checked.message.replace(/^The base URL/, `The base URL from ${origin}`)}`, `Use e.g. ${DEFAULT_BASE_URL}.`);
	return checked.value;
}

/** flag > environment > profile > default: the first one given. */
function choose<T>(flag: T | undefined, fromEnv: T | undefined, fromProfile: T | undefined, fallback: T): Chosen<T> {
	if (flag !== undefined) return {value: flag, source: 'flag'};
	if (fromEnv !== undefined) return {value: fromEnv, source: 'env'};
	if (fromProfile !== undefined) return {value: fromProfile, source: 'profile'};
	return {value: fallback, source: 'default'};
}
