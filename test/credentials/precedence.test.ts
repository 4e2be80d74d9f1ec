// decideSettings: the one precedence table (flag > environment > profile > default) that the
// commands, `login` and the wizard share, and the policy that is their only difference.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS} from '../../source/atlas/types.js';
import {CredentialsError} from '../../source/credentials/errors.js';
import {decideSettings, type ProfileSettings, type SettingsFlags} from '../../source/credentials/precedence.js';

const flags: SettingsFlags = {projectId: 'p-flag', baseUrl: 'https://flag.example/', apiVersion: 'v1.0', timeout: 2.5};
const env = {MONGODB_ATLAS_PROJECT_ID: 'p-env', MONGODB_ATLAS_OPS_MANAGER_URL: 'https://env.example'};
const profile: ProfileSettings = {name: 'work', publicKey: 'pub-profile', projectId: 'p-profile', baseUrl: 'https://profile.example', apiVersion: 'v1.0'};
const keyPair = {MONGODB_ATLAS_PUBLIC_API_KEY: 'pub-env', MONGODB_ATLAS_PRIVATE_API_KEY: 'priv-env'};

function values(input: Parameters<typeof decideSettings>[0]) {
	const {projectId, baseUrl, apiVersion, timeoutMs} = decideSettings(input);
	return {projectId, baseUrl, apiVersion, timeoutMs};
}

describe('values: flag > environment > profile > default', () => {
	const rows: Array<{name: string; input: Parameters<typeof decideSettings>[0]; expected: ReturnType<typeof values>}> = [
		{
			name: 'nothing anywhere: the defaults',
			input: {flags: {}, env: {}},
			expected: {projectId: {value: undefined, source: 'default'}, baseUrl: {value: DEFAULT_BASE_URL, source: 'default'}, apiVersion: {value: 'v2', source: 'default'}, timeoutMs: {value: DEFAULT_TIMEOUT_MS, source: 'default'}},
		},
		{
			name: 'the profile beats the defaults',
			input: {flags: {}, env: {}, profile},
			expected: {projectId: {value: 'p-profile', source: 'profile'}, baseUrl: {value: 'https://profile.example', source: 'profile'}, apiVersion: {value: 'v1.0', source: 'profile'}, timeoutMs: {value: DEFAULT_TIMEOUT_MS, source: 'default'}},
		},
		{
			name: 'the environment beats the profile (no variable for the API version or the timeout)',
			input: {flags: {}, env, profile},
			expected: {projectId: {value: 'p-env', source: 'env'}, baseUrl: {value: 'https://env.example', source: 'env'}, apiVersion: {value: 'v1.0', source: 'profile'}, timeoutMs: {value: DEFAULT_TIMEOUT_MS, source: 'default'}},
		},
		{
			name: 'flags beat everything (trailing slash dropped, seconds to milliseconds)',
			input: {flags, env, profile},
			expected: {projectId: {value: 'p-flag', source: 'flag'}, baseUrl: {value: 'https://flag.example', source: 'flag'}, apiVersion: {value: 'v1.0', source: 'flag'}, timeoutMs: {value: 2500, source: 'flag'}},
		},
		{
			name: 'blank flags and variables count as absent',
			input: {flags: {projectId: ' ', baseUrl: ''}, env: {MONGODB_ATLAS_PROJECT_ID: '', MONGODB_ATLAS_OPS_MANAGER_URL: ' '}, profile},
			expected: {projectId: {value: 'p-profile', source: 'profile'}, baseUrl: {value: 'https://profile.example', source: 'profile'}, apiVersion: {value: 'v1.0', source: 'profile'}, timeoutMs: {value: DEFAULT_TIMEOUT_MS, source: 'default'}},
		},
	];
	for (const row of rows) {
		test(row.name, () => {
			assert.deepEqual(values(row.input), row.expected);
		});
	}

	test('invalid values name where they came from', () => {
		const message = (input: Parameters<typeof decideSettings>[0]) => {
			try {
				decideSettings(input);
			} catch (error) {
				assert.ok(error instanceof CredentialsError);
				return error.message;
			}

			assert.fail('expected a CredentialsError');
		};

		assert.match(message({flags: {baseUrl: 'cloud.mongodb.com'}, env: {}}), /base URL from --base-url is not a URL/);
		assert.match(message({flags: {}, env: {MONGODB_ATLAS_OPS_MANAGER_URL: 'ftp://x'}}), /base URL from MONGODB_ATLAS_OPS_MANAGER_URL must be http\(s\)/);
		assert.match(message({flags: {}, env: {}, profile: {name: 'old', baseUrl: 'nope'}}), /base URL from profile 'old' is not a URL/);
		assert.match(message({flags: {apiVersion: 'v3'}, env: {}}), /Unknown API version 'v3'/);
	});
});

describe('credential: --private-key-stdin > environment pair > profile', () => {
	const rows: Array<{name: string; input: Parameters<typeof decideSettings>[0]; expected: ReturnType<typeof decideSettings>['credential']}> = [
		{name: 'nothing: none', input: {flags: {}, env: {}}, expected: {kind: 'apiKey', source: 'none', idSource: 'none'}},
		{name: 'a profile: its public key, the secret left to the keychain', input: {flags: {}, env: {}, profile}, expected: {kind: 'apiKey', source: 'profile', id: 'pub-profile', idSource: 'profile'}},
		{name: 'the environment pair beats the profile', input: {flags: {}, env: keyPair, profile}, expected: {kind: 'apiKey', source: 'env', id: 'pub-env', idSource: 'env', secret: 'priv-env'}},
		{name: 'stdin beats the environment private key', input: {flags: {privateKeyFromStdin: 'priv-stdin\n'}, env: keyPair, profile}, expected: {kind: 'apiKey', source: 'stdin', id: 'pub-env', idSource: 'env', secret: 'priv-stdin'}},
		{name: 'stdin with the profile public key', input: {flags: {privateKeyFromStdin: 'priv-stdin'}, env: {}, profile}, expected: {kind: 'apiKey', source: 'stdin', id: 'pub-profile', idSource: 'profile', secret: 'priv-stdin'}},
		{
			name: 'wizard policy: half a pair is ignored (the wizard asks), the profile still counts',
			input: {flags: {}, env: {MONGODB_ATLAS_PUBLIC_API_KEY: 'pub-env'}, profile, policy: {halfPairInEnvironment: 'ignore'}},
			expected: {kind: 'apiKey', source: 'profile', id: 'pub-profile', idSource: 'profile'},
		},
		{
			name: 'wizard policy: half a pair and no profile is none',
			input: {flags: {}, env: {MONGODB_ATLAS_PRIVATE_API_KEY: 'priv-env'}, policy: {halfPairInEnvironment: 'ignore'}},
			expected: {kind: 'apiKey', source: 'none', idSource: 'none'},
		},
	];
	for (const row of rows) {
		test(row.name, () => {
			assert.deepEqual(decideSettings(row.input).credential, row.expected);
		});
	}

	test('commands policy (the default): half a pair stops, naming the missing variable', () => {
		for (const [only, missing] of [['MONGODB_ATLAS_PUBLIC_API_KEY', 'MONGODB_ATLAS_PRIVATE_API_KEY'], ['MONGODB_ATLAS_PRIVATE_API_KEY', 'MONGODB_ATLAS_PUBLIC_API_KEY']] as const) {
			for (const policy of [undefined, {halfPairInEnvironment: 'error' as const}]) {
				assert.throws(
					() => decideSettings({flags: {}, env: {[only]: 'x'}, profile, ...(policy ? {policy} : {})}),
					(error: unknown) => error instanceof CredentialsError && error.message === `${only} is set but ${missing} is not: API keys from the environment come as a pair.`,
				);
			}
		}
	});

	test('warnings: an ignored private key variable; environment keys over an explicit --profile only', () => {
		assert.deepEqual(decideSettings({flags: {privateKeyFromStdin: 'k'}, env: keyPair}).warnings, ['MONGODB_ATLAS_PRIVATE_API_KEY is ignored: --private-key-stdin supplies the private key.']);
		assert.match(decideSettings({flags: {}, env: keyPair, profile, profileExplicit: true}).warnings.join('\n'), /take precedence over the keys of profile 'work'/);
		assert.deepEqual(decideSettings({flags: {}, env: keyPair, profile}).warnings, []);
	});
});
