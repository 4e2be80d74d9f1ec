// The Atlas CLI's environment variables, read in one place: trimmed, an empty one is absent. Kept
// free of imports so the wizard can read them before its first frame without loading the keychain.
export const ENV_PUBLIC_KEY = 'MONGODB_ATLAS_PUBLIC_API_KEY';
export const ENV_PRIVATE_KEY = 'MONGODB_ATLAS_PRIVATE_API_KEY';
export const ENV_CLIENT_ID = 'MONGODB_ATLAS_CLIENT_ID';
export const ENV_CLIENT_SECRET = 'MONGODB_ATLAS_CLIENT_SECRET';
export const ENV_PROJECT_ID = 'MONGODB_ATLAS_PROJECT_ID';
export const ENV_BASE_URL = 'MONGODB_ATLAS_OPS_MANAGER_URL';

/**
 * The kinds of credential, each an id and a secret that the environment gives as a pair (an API key
 * pair, or a service account's client id and secret). Settings precedence (precedence.ts) walks
 * this table; `profileField` is where a profile keeps the id, `stdinFlag` hands over the secret.
 */
export const CREDENTIAL_KINDS = {
	apiKey: {
		idVariable: ENV_PUBLIC_KEY,
		secretVariable: ENV_PRIVATE_KEY,
		label: 'API keys',
		idName: 'public key',
		secretName: 'private key',
		profileField: 'publicKey',
		stdinFlag: '--private-key-stdin',
	},
	serviceAccount: {
		idVariable: ENV_CLIENT_ID,
		secretVariable: ENV_CLIENT_SECRET,
		label: 'service account credentials',
		idName: 'client id',
		secretName: 'client secret',
		profileField: 'clientId',
		stdinFlag: '--client-secret-stdin',
	},
} as const;

export type CredentialKind = keyof typeof CREDENTIAL_KINDS;

/** Half of a pair may be set (an error for commands, ignored by the wizard): both are optional. */
export type EnvironmentCredential = {id?: string; secret?: string};

export type AtlasEnvironment = {
	/** Only the kinds with at least one of their two variables set. */
	credentials: Partial<Record<CredentialKind, EnvironmentCredential>>;
	projectId?: string;
	baseUrl?: string;
};

export function nonEmpty(value: string | undefined): string | undefined {
	const trimmed = value?.trim();
	return trimmed ? trimmed : undefined;
}

export function readAtlasEnvironment(env: NodeJS.ProcessEnv): AtlasEnvironment {
	const credentials: AtlasEnvironment['credentials'] = {};
	for (const [kind, {idVariable, secretVariable}] of Object.entries(CREDENTIAL_KINDS) as Array<[CredentialKind, typeof CREDENTIAL_KINDS[CredentialKind]]>) {
		const pair = present({id: nonEmpty(env[idVariable]), secret: nonEmpty(env[secretVariable])});
		if (pair.id !== undefined || pair.secret !== undefined) credentials[kind] = pair;
	}

	return {credentials, ...present({projectId: nonEmpty(env[ENV_PROJECT_ID]), baseUrl: nonEmpty(env[ENV_BASE_URL])})};
}

/** The entries whose value is defined: an unset variable is an absent key, not a key holding `undefined`. */
function present<T extends Record<string, string | undefined>>(entries: T): {[K in keyof T]?: string} {
	return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined)) as {[K in keyof T]?: string};
}
