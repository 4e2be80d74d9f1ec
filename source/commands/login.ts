// `login`: take a key pair (asked for in a terminal; otherwise from the environment or
// --private-key-stdin) or, with --service-account, a service account (MONGODB_ATLAS_CLIENT_ID /
// MONGODB_ATLAS_CLIENT_SECRET, --client-secret-stdin, or asked for), verify it against Atlas, then
// store the secret in the OS keychain and the non-secret fields (public key or client id) in a
// profile. No keychain, no login: there is no plaintext fallback.
// Every setting (keys, base URL, project, API version, timeout) is decided by precedence.ts, with the
// profile being replaced as the profile layer; only a key pair the decision does not supply is asked for.
import {identityOf, isServiceAccount, secretOf, type AtlasCredentials} from '../atlas/types.js';
import {checkProjectId, ensureValid} from '../atlas/validation.js';
import {openKeychain, storeSecretWithUndo} from '../credentials/keychain.js';
import {isValidProfileName, type Profile} from '../credentials/profiles.js';
import {CREDENTIAL_KINDS} from '../credentials/environment.js';
import {decideSettings} from '../credentials/precedence.js';
import {AtlasError} from '../atlas/errors.js';
import type {VerifyResult} from './login-prompt.js';
import {clientFor, profileStoreFor, settingsFlags} from './connect.js';
import {ExitCode} from './exit-codes.js';
import {isInteractive, writeLine, type CommandIo} from './io.js';
import type {GlobalOptions} from './options.js';
import {note, printJson} from './output.js';
import {reportError} from './report.js';
import {UsageError} from './usage-error.js';

type LoginOptions = GlobalOptions & {projectId?: string; serviceAccount?: boolean};

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
		const client = (keys: AtlasCredentials) => clientFor(target, keys, options, io);

		const {credential} = decided;
		const kind = options.serviceAccount ? 'serviceAccount' : 'apiKey';
		const given: AtlasCredentials | undefined = credential.id === undefined || credential.secret === undefined
			? undefined
			: credential.kind === 'serviceAccount' ? {clientId: credential.id, clientSecret: credential.secret} : {publicKey: credential.id, privateKey: credential.secret};
		if (given && credential.kind !== kind) {
			const {idVariable, secretVariable} = CREDENTIAL_KINDS[credential.kind];
			throw new UsageError(
				kind === 'serviceAccount'
					? `login --service-account stores a service account, but ${idVariable} / ${secretVariable} hold an API key.`
					: `login stores an API key unless --service-account is given, and ${idVariable} / ${secretVariable} hold a service account.`,
				kind === 'serviceAccount' ? 'Unset the API key variables, or drop --service-account.' : 'Run `atlas-export-bucket login --service-account`.',
			);
		}

		if (!given && !isInteractive(io)) {
			const {idVariable, secretVariable, stdinFlag, secretName} = CREDENTIAL_KINDS[kind];
			throw new UsageError(
				`login asks for the ${kind === 'serviceAccount' ? 'service account' : 'keys'} in a terminal, and this is not one.`,
				`Give ${kind === 'serviceAccount' ? 'it' : 'them'} without a prompt: ${idVariable} and ${secretVariable}, or ${idVariable} with the ${secretName} piped into ${stdinFlag}.`,
			);
		}

		// Never ask for (or check) keys that cannot be stored.
		const access = await openKeychain({env: io.env});
		if (!access.available) {
			writeLine(io.stderr, access.reason);
			return ExitCode.failure;
		}

		// What a prompt shows for the credentials typed in: accepted, or Atlas's reason and hint.
		const check = async (candidate: AtlasCredentials): Promise<VerifyResult> => {
			try {
				await client(candidate).checkKey({signal: io.signal});
				return {ok: true};
			} catch (error) {
				if (error instanceof AtlasError) return {ok: false, message: error.message, hint: error.hint};
				return {ok: false, message: error instanceof Error ? error.message : String(error)};
			}
		};

		let keys: AtlasCredentials;
		if (given) {
			keys = given;
			await client(keys).checkKey({signal: io.signal});
		} else {
			const {promptForCredentials} = await import('./login-prompt.js');
			const entered = await promptForCredentials(io, kind, check, kind === 'serviceAccount' ? existing?.clientId : existing?.publicKey);
			if (!entered) {
				note(io, 'Cancelled: nothing was stored.');
				return ExitCode.cancelled;
			}

			keys = entered;
		}

		// The keys work: the secret goes to the keychain, the rest to the profile, in one locked update
		// of the profile file: the secret is stored once the file has been read and checked, and put back
		// as it was if the file cannot be written (no secret is left without the profile that points to it).
		// The first profile (or one replacing a default that no longer exists) becomes the default.
		const profile: Profile = {
			name,
			...(isServiceAccount(keys) ? {clientId: keys.clientId} : {publicKey: keys.publicKey}),
			...(projectId === undefined ? {} : {projectId}),
			...(decided.baseUrl.source === 'default' ? {} : {baseUrl: target.baseUrl}),
			...(decided.apiVersion.source === 'default' ? {} : {apiVersion: target.apiVersion}),
		};
		await store.save(profile, {defaultIfUnset: true, beforeWrite: async () => storeSecretWithUndo(access.keychain, name, secretOf(keys))});

		if (options.json) printJson(io, profile);
		else if (isServiceAccount(keys)) writeLine(io.stdout, `Logged in with service account ${keys.clientId}: profile '${name}' saved, client secret stored in the OS keychain.`);
		else writeLine(io.stdout, `Logged in with public key ${identityOf(keys)}: profile '${name}' saved, private key stored in the OS keychain.`);
		return ExitCode.ok;
	} catch (error) {
		return reportError(error, io);
	}
}
