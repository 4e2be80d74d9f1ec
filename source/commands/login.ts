// `login`: take a key pair (asked for in a terminal; otherwise from the environment or
// --private-key-stdin), verify it against Atlas, then store the private key in the OS keychain and
// the non-secret fields in a profile. No keychain, no login: there is no plaintext fallback.
// Every setting (keys, base URL, project, API version, timeout) is decided by precedence.ts, with the
// profile being replaced as the profile layer; only a key pair the decision does not supply is asked for.
import type {ApiKeyPair} from '../atlas/types.js';
import {checkProjectId, ensureValid} from '../atlas/validation.js';
import {openKeychain} from '../credentials/keychain.js';
import {isValidProfileName, type Profile} from '../credentials/profiles.js';
import {ENV_PRIVATE_KEY, ENV_PUBLIC_KEY} from '../credentials/environment.js';
import {decideSettings} from '../credentials/precedence.js';
import {AtlasError} from '../atlas/errors.js';
import {clientFor, profileStoreFor, settingsFlags} from './connect.js';
import {ExitCode} from './exit-codes.js';
import {isInteractive, writeLine, type CommandIo} from './io.js';
import type {GlobalOptions} from './options.js';
import {note, printJson} from './output.js';
import {reportError} from './report.js';
import {UsageError} from './usage-error.js';

type LoginOptions = GlobalOptions & {projectId?: string};

export async function runLogin(options: LoginOptions, io: CommandIo): Promise<number> {
	try {
		const store = profileStoreFor(io);
		const name = options.profile ?? await store.getDefaultName();
		if (!isValidProfileName(name)) throw new UsageError(`Invalid profile name '${name}'.`, 'Use 1-64 letters, digits, ".", "_" or "-".');
		const existing = await store.get(name);

		// Where the keys are checked, and what the profile will remember: flag > env > existing profile.
		const decided = decideSettings({flags: await settingsFlags(options, io), env: io.env, profile: {...existing, name}});
		for (const warning of decided.warnings) note(io, `Warning: ${warning}`);
		const projectId = decided.projectId.value === undefined ? undefined : ensureValid('projectId', checkProjectId(decided.projectId.value));
		const target = {baseUrl: decided.baseUrl.value, apiVersion: decided.apiVersion.value, timeoutMs: decided.timeoutMs.value};
		const client = (keys: ApiKeyPair) => clientFor(target, keys, options, io);

		const {credential} = decided;
		const given = credential.id !== undefined && credential.secret !== undefined ? {publicKey: credential.id, privateKey: credential.secret} : undefined;
		if (!given && !isInteractive(io)) {
			throw new UsageError(
				'login asks for the keys in a terminal, and this is not one.',
				`Give them without a prompt: ${ENV_PUBLIC_KEY} and ${ENV_PRIVATE_KEY}, or ${ENV_PUBLIC_KEY} with the private key piped into --private-key-stdin.`,
			);
		}

		// Never ask for (or check) keys that cannot be stored.
		const access = await openKeychain({env: io.env});
		if (!access.available) {
			writeLine(io.stderr, access.reason);
			return ExitCode.failure;
		}

		let keys: ApiKeyPair;
		if (given) {
			keys = given;
			await client(keys).checkKey({signal: io.signal});
		} else {
			const {promptForKeys} = await import('./login-prompt.js');
			const entered = await promptForKeys(io, async candidate => {
				try {
					await client(candidate).checkKey({signal: io.signal});
					return {ok: true};
				} catch (error) {
					if (error instanceof AtlasError) return {ok: false, message: error.message, hint: error.hint};
					return {ok: false, message: error instanceof Error ? error.message : String(error)};
				}
			}, existing?.publicKey);
			if (!entered) {
				note(io, 'Cancelled: nothing was stored.');
				return ExitCode.cancelled;
			}

			keys = entered;
		}

		// The keys work: the secret goes to the keychain, the rest to the profile.
		await access.keychain.setPrivateKey(name, keys.privateKey);
		const profile: Profile = {
			name,
			publicKey: keys.publicKey,
			...(projectId === undefined ? {} : {projectId}),
			...(decided.baseUrl.source === 'default' ? {} : {baseUrl: target.baseUrl}),
			...(decided.apiVersion.source === 'default' ? {} : {apiVersion: target.apiVersion}),
		};
		try {
			await store.save(profile);
		} catch (error) {
			// No secret left behind in the keychain without the profile that points to it.
			await access.keychain.deletePrivateKey(name).catch(() => false);
			throw error;
		}

		// The first profile (or one replacing a default that no longer exists) becomes the default.
		if (!await store.get(await store.getDefaultName())) await store.setDefault(name);

		if (options.json) printJson(io, profile);
		else writeLine(io.stdout, `Logged in with public key ${keys.publicKey}: profile '${name}' saved, private key stored in the OS keychain.`);
		return ExitCode.ok;
	} catch (error) {
		return reportError(error, io);
	}
}
