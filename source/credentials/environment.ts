// The Atlas CLI's environment variables, read in one place: trimmed, an empty one is absent. Kept
// free of imports so the wizard can read them before its first frame without loading the keychain.
export const ENV_PUBLIC_KEY = 'MONGODB_ATLAS_PUBLIC_API_KEY';
export const ENV_PRIVATE_KEY = 'MONGODB_ATLAS_PRIVATE_API_KEY';
export const ENV_PROJECT_ID = 'MONGODB_ATLAS_PROJECT_ID';
export const ENV_BASE_URL = 'MONGODB_ATLAS_OPS_MANAGER_URL';

export type AtlasEnvironment = {publicKey?: string; privateKey?: string; projectId?: string; baseUrl?: string};

export function nonEmpty(value: string | undefined): string | undefined {
	const trimmed = value?.trim();
	return trimmed ? trimmed : undefined;
}

export function readAtlasEnvironment(env: NodeJS.ProcessEnv): AtlasEnvironment {
	const entries = {
		publicKey: nonEmpty(env[ENV_PUBLIC_KEY]),
		privateKey: nonEmpty(env[ENV_PRIVATE_KEY]),
		projectId: nonEmpty(env[ENV_PROJECT_ID]),
		baseUrl: nonEmpty(env[ENV_BASE_URL]),
	};
	return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined)) as AtlasEnvironment;
}
