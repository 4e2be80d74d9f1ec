// resolveSettings: flag > env > stored profile, key pairs never mixed, the keychain opened only
// when the profile's private key is needed, and clear errors.
import {secretOf} from '../../source/atlas/types.js';
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {DEFAULT_BASE_URL} from '../../source/atlas/types.js';
import {openKeychain} from '../../source/credentials/keychain.js';
import type {KeychainAccess} from '../../source/credentials/keychain.js';
import {createProfileStore} from '../../source/credentials/profiles.js';
import type {ProfileStore} from '../../source/credentials/profiles.js';
import {CredentialsError, KeychainError, requireKeys, resolveSettings} from '../../source/credentials/resolve.js';
import type {ResolveInput, ResolvedSettings} from '../../source/credentials/resolve.js';
import {memoryKeytar, withTempDir} from './helpers.js';

const PROJECT_FLAG = '111111111111111111111111';
const PROJECT_ENV = '222222222222222222222222';
const PROJECT_PROFILE = '333333333333333333333333';

type Setup = {
	profiles: ProfileStore;
	keychainOpens: () => number;
	openKeychain: () => Promise<KeychainAccess>;
};

/** A profile store with 'default' and 'work', their private keys in an in-memory keychain. */
async function withSetup(run: (setup: Setup) => Promise<void>): Promise<void> {
	await withTempDir(async dir => {
		const profiles = createProfileStore({dir});
		await profiles.save({name: 'default', publicKey: 'pub-default', projectId: PROJECT_PROFILE, baseUrl: 'https://profile.example/', apiVersion: 'v1.0'});
		await profiles.save({name: 'work', publicKey: 'pub-work'});
		const keytar = memoryKeytar();
		keytar.store.set('atlas-export-bucket/default', 'priv-default');
		keytar.store.set('atlas-export-bucket/work', 'priv-work');
		let opens = 0;
		await run({
			profiles,
			keychainOpens: () => opens,
			async openKeychain() {
				opens++;
				return openKeychain({load: async () => keytar});
			},
		});
	});
}

async function resolve(setup: Setup, flags: ResolveInput['flags'], env: NodeJS.ProcessEnv = {}, extra: Partial<ResolveInput> = {}): Promise<ResolvedSettings> {
	return resolveSettings({flags, env, profiles: setup.profiles, openKeychain: setup.openKeychain, ...extra});
}

async function rejection(promise: Promise<unknown>): Promise<CredentialsError> {
	const error = await promise.then(() => undefined, (error_: unknown) => error_);
	assert.ok(error instanceof CredentialsError, `expected a CredentialsError, got ${String(error)}`);
	return error;
}

const envPair = {MONGODB_ATLAS_PUBLIC_API_KEY: 'pub-env', MONGODB_ATLAS_PRIVATE_API_KEY: 'priv-env'};

describe('keys: precedence table', () => {
	const rows: Array<{
		name: string;
		flags: ResolveInput['flags'];
		env: NodeJS.ProcessEnv;
		keys: {publicKey: string; privateKey: string} | undefined;
		keySource: ResolvedSettings['keySource'];
		publicKeySource: ResolvedSettings['publicKeySource'];
		profileName: string;
		opensKeychain: boolean;
	}> = [
		{name: 'nothing set: default profile, key from the keychain', flags: {}, env: {}, keys: {publicKey: 'pub-default', privateKey: 'priv-default'}, keySource: 'profile', publicKeySource: 'profile', profileName: 'default', opensKeychain: true},
		{name: '--profile work', flags: {profile: 'work'}, env: {}, keys: {publicKey: 'pub-work', privateKey: 'priv-work'}, keySource: 'profile', publicKeySource: 'profile', profileName: 'work', opensKeychain: true},
		{name: 'env pair beats the default profile', flags: {}, env: envPair, keys: {publicKey: 'pub-env', privateKey: 'priv-env'}, keySource: 'env', publicKeySource: 'env', profileName: 'default', opensKeychain: false},
		{name: 'env pair beats --profile', flags: {profile: 'work'}, env: envPair, keys: {publicKey: 'pub-env', privateKey: 'priv-env'}, keySource: 'env', publicKeySource: 'env', profileName: 'work', opensKeychain: false},
		{name: 'stdin private key + env public key', flags: {privateKeyFromStdin: 'priv-stdin'}, env: {MONGODB_ATLAS_PUBLIC_API_KEY: 'pub-env'}, keys: {publicKey: 'pub-env', privateKey: 'priv-stdin'}, keySource: 'stdin', publicKeySource: 'env', profileName: 'default', opensKeychain: false},
		{name: 'stdin private key + profile public key', flags: {profile: 'work', privateKeyFromStdin: 'priv-stdin'}, env: {}, keys: {publicKey: 'pub-work', privateKey: 'priv-stdin'}, keySource: 'stdin', publicKeySource: 'profile', profileName: 'work', opensKeychain: false},
		{name: 'stdin beats the env private key', flags: {privateKeyFromStdin: 'priv-stdin'}, env: envPair, keys: {publicKey: 'pub-env', privateKey: 'priv-stdin'}, keySource: 'stdin', publicKeySource: 'env', profileName: 'default', opensKeychain: false},
		{name: 'blank env variables count as unset', flags: {profile: 'work'}, env: {MONGODB_ATLAS_PUBLIC_API_KEY: '', MONGODB_ATLAS_PRIVATE_API_KEY: '  '}, keys: {publicKey: 'pub-work', privateKey: 'priv-work'}, keySource: 'profile', publicKeySource: 'profile', profileName: 'work', opensKeychain: true},
	];
	for (const row of rows) {
		test(row.name, async () => {
			await withSetup(async setup => {
				const settings = await resolve(setup, row.flags, row.env);
				assert.deepEqual(settings.keys, row.keys);
				assert.equal(settings.keySource, row.keySource);
				assert.equal(settings.publicKeySource, row.publicKeySource);
				assert.equal(settings.profileName, row.profileName);
				assert.equal(setup.keychainOpens(), row.opensKeychain ? 1 : 0);
			});
		});
	}

	test('no profile and no env: keySource none, keychain not opened; requireKeys explains', async () => {
		await withTempDir(async dir => {
			let opens = 0;
			const settings = await resolveSettings({
				flags: {},
				env: {},
				profiles: createProfileStore({dir}),
				async openKeychain() {
					opens++;
					throw new Error('must not be opened');
				},
			});
			assert.equal(settings.keySource, 'none');
			assert.equal(settings.keys, undefined);
			assert.equal(opens, 0);
			const error = (() => {
				try {
					requireKeys(settings);
				} catch (error_) {
					return error_;
				}
			})();
			assert.ok(error instanceof CredentialsError);
			assert.match(error.message, /No credentials: .*MONGODB_ATLAS_PUBLIC_API_KEY .*MONGODB_ATLAS_CLIENT_ID/);
			assert.match(error.hint ?? '', /login/);
		});
	});

	test('needKeys false: the keychain is never opened, the profile is still reported', async () => {
		await withSetup(async setup => {
			const settings = await resolve(setup, {profile: 'work'}, {}, {needKeys: false});
			assert.equal(settings.keys, undefined);
			assert.equal(settings.keySource, 'none');
			assert.equal(settings.publicKeySource, 'profile');
			assert.equal(settings.profile?.publicKey, 'pub-work');
			assert.equal(setup.keychainOpens(), 0);
		});
	});

	test('the stored default profile is used when --profile is absent', async () => {
		await withSetup(async setup => {
			await setup.profiles.setDefault('work');
			const settings = await resolve(setup, {});
			assert.equal(settings.profileName, 'work');
			assert.equal(settings.keys && secretOf(settings.keys), 'priv-work');
		});
	});
});

describe('keys: errors and warnings', () => {
	for (const [only, missing] of [['MONGODB_ATLAS_PUBLIC_API_KEY', 'MONGODB_ATLAS_PRIVATE_API_KEY'], ['MONGODB_ATLAS_PRIVATE_API_KEY', 'MONGODB_ATLAS_PUBLIC_API_KEY']] as const) {
		test(`half an env pair (${only} only) is an error, even with a profile`, async () => {
			await withSetup(async setup => {
				const error = await rejection(resolve(setup, {}, {[only]: 'x'}));
				assert.equal(error.message, `${only} is set but ${missing} is not: API keys from the environment come as a pair.`);
				assert.match(error.hint ?? '', /Set both variables/);
				assert.equal(setup.keychainOpens(), 0);
			});
		});
	}

	test('--profile naming no stored profile is an error', async () => {
		await withSetup(async setup => {
			const error = await rejection(resolve(setup, {profile: 'ghost'}));
			assert.match(error.message, /No profile named 'ghost'/);
			assert.match(error.hint ?? '', /login --profile ghost/);
		});
	});

	test('stdin key without any public key is an error', async () => {
		await withTempDir(async dir => {
			const error = await rejection(resolveSettings({flags: {privateKeyFromStdin: 'k'}, env: {}, profiles: createProfileStore({dir}), openKeychain: async () => openKeychain({load: async () => memoryKeytar()})}));
			assert.match(error.message, /--private-key-stdin needs a public key/);
			assert.match(error.hint ?? '', /MONGODB_ATLAS_PUBLIC_API_KEY/);
		});
	});

	test('an empty stdin key is an error', async () => {
		await withSetup(async setup => {
			const error = await rejection(resolve(setup, {privateKeyFromStdin: ' \n'}));
			assert.match(error.message, /empty private key/);
		});
	});

	test('warnings: env private key ignored with stdin; env keys override an explicit --profile', async () => {
		await withSetup(async setup => {
			const stdin = await resolve(setup, {privateKeyFromStdin: 'priv-stdin'}, envPair);
			assert.deepEqual(stdin.warnings, ['MONGODB_ATLAS_PRIVATE_API_KEY is ignored: --private-key-stdin supplies the private key.']);
			const env = await resolve(setup, {profile: 'work'}, envPair);
			assert.equal(env.warnings.length, 1);
			assert.match(env.warnings[0] ?? '', /take precedence over the keys of profile 'work'/);
			const quiet = await resolve(setup, {}, envPair);
			assert.deepEqual(quiet.warnings, []);
		});
	});

	test('a null from the keychain while the profile exists is "locked", never "no such profile"', async () => {
		await withSetup(async setup => {
			const locked = memoryKeytar(); // knows no secret at all, as a locked keyring answers
			const error = await rejection(resolve(setup, {profile: 'work'}, {}, {openKeychain: async () => openKeychain({load: async () => locked})}));
			assert.ok(error instanceof KeychainError);
			assert.equal(error.kind, 'locked');
			assert.match(error.message, /profile 'work': the keyring is locked or the entry is missing/);
			assert.match(error.hint ?? '', /Unlock your keyring/);
			assert.match(error.hint ?? '', /login --profile work/);
		});
	});

	test('an unavailable keychain, when the profile key is needed, is an error carrying the reason', async () => {
		await withSetup(async setup => {
			const error = await rejection(resolve(setup, {}, {}, {openKeychain: async () => ({available: false, cause: 'missing', reason: 'OS keychain unavailable: keytar is not installed. Pass keys via ...'})}));
			assert.match(error.message, /^Cannot read the private key of profile 'default': OS keychain unavailable: keytar is not installed/);
		});
	});

	test('a keychain timeout propagates as KeychainError timeout', async () => {
		await withSetup(async setup => {
			const hanging = memoryKeytar();
			const access = await openKeychain({load: async () => hanging, timeoutMs: 50});
			hanging.getPassword = async () => new Promise<never>(() => undefined);
			const hold = setTimeout(() => undefined, 10_000);
			try {
				const error = await rejection(resolve(setup, {}, {}, {openKeychain: async () => access}));
				assert.ok(error instanceof KeychainError);
				assert.equal(error.kind, 'timeout');
			} finally {
				clearTimeout(hold);
			}
		});
	});
});

describe('project, base URL, API version: flag > env > profile > default', () => {
	type Row = {
		name: string;
		flags: ResolveInput['flags'];
		env: NodeJS.ProcessEnv;
		expected: Pick<ResolvedSettings, 'projectId' | 'projectIdSource' | 'baseUrl' | 'baseUrlSource' | 'apiVersion' | 'apiVersionSource'>;
	};
	const rows: Row[] = [
		{
			name: 'all from the profile (trailing slash dropped)',
			flags: {},
			env: {},
			expected: {projectId: PROJECT_PROFILE, projectIdSource: 'profile', baseUrl: 'https://profile.example', baseUrlSource: 'profile', apiVersion: 'v1.0', apiVersionSource: 'profile'},
		},
		{
			name: 'env beats the profile',
			flags: {},
			env: {MONGODB_ATLAS_PROJECT_ID: PROJECT_ENV, MONGODB_ATLAS_OPS_MANAGER_URL: 'https://cloud.mongodbgov.com/'},
			expected: {projectId: PROJECT_ENV, projectIdSource: 'env', baseUrl: 'https://cloud.mongodbgov.com', baseUrlSource: 'env', apiVersion: 'v1.0', apiVersionSource: 'profile'},
		},
		{
			name: 'flags beat env and profile',
			flags: {projectId: PROJECT_FLAG, baseUrl: 'http://127.0.0.1:4000', apiVersion: 'v2'},
			env: {MONGODB_ATLAS_PROJECT_ID: PROJECT_ENV, MONGODB_ATLAS_OPS_MANAGER_URL: 'https://env.example'},
			expected: {projectId: PROJECT_FLAG, projectIdSource: 'flag', baseUrl: 'http://127.0.0.1:4000', baseUrlSource: 'flag', apiVersion: 'v2', apiVersionSource: 'flag'},
		},
	];
	for (const row of rows) {
		test(row.name, async () => {
			await withSetup(async setup => {
				const settings = await resolve(setup, row.flags, {...row.env, ...envPair});
				const {projectId, projectIdSource, baseUrl, baseUrlSource, apiVersion, apiVersionSource} = settings;
				assert.deepEqual({projectId, projectIdSource, baseUrl, baseUrlSource, apiVersion, apiVersionSource}, row.expected);
			});
		});
	}

	test('defaults when nothing is set anywhere', async () => {
		await withSetup(async setup => {
			const settings = await resolve(setup, {profile: 'work'}, envPair);
			assert.equal(settings.projectId, undefined);
			assert.equal(settings.projectIdSource, 'none');
			assert.equal(settings.baseUrl, DEFAULT_BASE_URL);
			assert.equal(settings.baseUrlSource, 'default');
			assert.equal(settings.apiVersion, 'v2');
			assert.equal(settings.apiVersionSource, 'default');
		});
	});

	test('invalid values are clear errors naming where they came from', async () => {
		await withSetup(async setup => {
			assert.match((await rejection(resolve(setup, {apiVersion: 'v3'}, envPair))).message, /Unknown API version 'v3'/);
			assert.match((await rejection(resolve(setup, {baseUrl: 'cloud.mongodb.com'}, envPair))).message, /base URL from --base-url is not a URL/);
			assert.match((await rejection(resolve(setup, {}, {...envPair, MONGODB_ATLAS_OPS_MANAGER_URL: 'ftp://x'}))).message, /base URL from MONGODB_ATLAS_OPS_MANAGER_URL must be http\(s\)/);
		});
	});
});
