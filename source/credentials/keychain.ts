// The OS keychain behind a three-call interface. keytar is an optional native addon: it is imported
// lazily, in a helper process, and every way it can be missing or broken ends as
// `{available: false, reason}`, never a crash.
// Every call is timeboxed: on Linux a locked keyring whose unlock prompt nobody answers never returns.
// `findCredentials` is never called: it segfaults the process on a locked Linux keyring.
import {CredentialsError, KeychainError, KEYS_WITHOUT_KEYCHAIN_HINT} from './errors.js';
import {startKeytarProcess} from './keytar-process.js';

export {KeychainError, type KeychainErrorKind} from './errors.js';

export const KEYCHAIN_SERVICE = 'atlas-export-bucket';
export const DEFAULT_KEYCHAIN_TIMEOUT_MS = 3000;
/** What to do about a locked keyring. */
const UNLOCK_HINT = 'Unlock your keyring (e.g. log in to the desktop session or open "Passwords and Keys") and retry.';
/** Account name used to check the Secret Service answers; it cannot collide with a profile name. */
const PROBE_ACCOUNT = 'atlas-export-bucket:probe';

/** The part of keytar this tool uses (deliberately without findCredentials). */
export type KeytarLike = {
	getPassword(service: string, account: string): Promise<string | null>;
	setPassword(service: string, account: string, password: string): Promise<void>;
	deletePassword(service: string, account: string): Promise<boolean>;
	/** Abandons a call that timed out (the real one kills its helper process). */
	dispose?(): void;
};

export type Keychain = {
	/** The stored secret of a profile (an API private key or a service account's client secret), or null when the keychain has none (or is locked: it cannot tell). */
	getPrivateKey(profile: string): Promise<string | null>;
	setPrivateKey(profile: string, privateKey: string): Promise<void>;
	/**
	 * True when an entry was deleted, false when there was none. A keyring that is locked (or does
	 * not answer) is a KeychainError, never a false: the secret may still be there.
	 */
	deletePrivateKey(profile: string): Promise<boolean>;
	/** A service account's access token (JSON, see token-cache.ts) under its own account name, beside the secrets. */
	getToken(key: string): Promise<string | null>;
	setToken(key: string, value: string): Promise<void>;
	deleteToken(key: string): Promise<boolean>;
};

/** Account names of access tokens: the colon keeps them apart from profile names (letters, digits, . _ -). */
export function tokenAccount(key: string): string {
	return `token:${key}`;
}

export type KeychainUnavailableCause = 'missing' | 'load-failed' | 'no-dbus' | 'timeout' | 'error';

export type KeychainAccess =
	| {available: true; keychain: Keychain}
	| {
			available: false;
			/** One line: why, and how to pass keys without the keychain. */
			reason: string;
			cause: KeychainUnavailableCause;
	  };

export type OpenKeychainOptions = {
	/** Timebox for every keychain call, in milliseconds. */
	timeoutMs?: number;
	/** Loads keytar; by default in a helper process (see keytar-process.ts). Tests inject a fake. */
	load?: () => Promise<KeytarLike>;
	/** Environment used to explain a failure (DBUS_SESSION_BUS_ADDRESS). */
	env?: NodeJS.ProcessEnv;
};

export async function openKeychain(options: OpenKeychainOptions = {}): Promise<KeychainAccess> {
	const timeoutMs = options.timeoutMs ?? DEFAULT_KEYCHAIN_TIMEOUT_MS;
	const env = options.env ?? process.env;

	let keytar: KeytarLike;
	try {
		keytar = await (options.load ?? startKeytarProcess)();
	} catch (error) {
		return describeLoadFailure(error);
	}

	// One harmless read tells whether the Secret Service answers at all (no D-Bus rejects at once).
	try {
		await timebox(keytar, keytar.getPassword(KEYCHAIN_SERVICE, PROBE_ACCOUNT), timeoutMs, 'open the keychain');
	} catch (error) {
		if (error instanceof KeychainError && error.kind === 'timeout') {
			return unavailable('timeout', `the keychain did not answer within ${formatSeconds(timeoutMs)} (a locked keyring waiting for an unlock prompt?)`);
		}

		const dbusAddress = env.DBUS_SESSION_BUS_ADDRESS?.trim();
		if (!dbusAddress) {
			return unavailable('no-dbus', `no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set), so the Secret Service cannot be reached (${firstLine(error)})`);
		}

		if (/could not connect|failed to connect|connection refused/i.test(firstLine(error))) {
			return unavailable('no-dbus', `the D-Bus session bus at ${dbusAddress} cannot be reached (${firstLine(error)})`);
		}

		return unavailable('error', `the Secret Service did not work (${firstLine(error)})`);
	}

	return {available: true, keychain: createKeychain(keytar, timeoutMs)};
}

/** Wraps keytar: fixed service name, account = profile name, every call timeboxed. */
export function createKeychain(keytar: KeytarLike, timeoutMs = DEFAULT_KEYCHAIN_TIMEOUT_MS): Keychain {
	const call = async <T>(promise: () => Promise<T>, action: string): Promise<T> => {
		try {
			return await timebox(keytar, promise(), timeoutMs, action);
		} catch (error) {
			if (error instanceof CredentialsError) throw error;
			throw new KeychainError('failed', `The keychain could not ${action}: ${firstLine(error)}.`, KEYS_WITHOUT_KEYCHAIN_HINT);
		}
	};

	return {
		async getPrivateKey(profile) {
			assertAccount(profile);
			return call(async () => keytar.getPassword(KEYCHAIN_SERVICE, profile), `read the private key of profile '${profile}'`);
		},
		async setPrivateKey(profile, privateKey) {
			assertAccount(profile);
			if (privateKey.length === 0) throw new CredentialsError('Refusing to store an empty private key.');
			await call(async () => keytar.setPassword(KEYCHAIN_SERVICE, profile, privateKey), `store the private key of profile '${profile}'`);
		},
		async deletePrivateKey(profile) {
			assertAccount(profile);
			const action = `delete the private key of profile '${profile}'`;
			if (await call(async () => keytar.deletePassword(KEYCHAIN_SERVICE, profile), action)) return true;
			// keytar answers false both for "no such entry" and for a locked keyring (measured with
			// gnome-keyring: libsecret cannot see into a locked collection, nor delete from it). A locked
			// collection refuses a new item, so one probe write tells the two apart.
			try {
				await timebox(keytar, keytar.setPassword(KEYCHAIN_SERVICE, PROBE_ACCOUNT, 'probe'), timeoutMs, action);
			} catch (error) {
				if (error instanceof KeychainError) throw error;
				const why = firstLine(error);
				throw /locked/i.test(why)
					? new KeychainError('locked', `The keychain could not ${action}: the keyring is locked (${why}).`, UNLOCK_HINT)
					: new KeychainError('failed', `The keychain could not ${action}: it cannot be written to (${why}).`, KEYS_WITHOUT_KEYCHAIN_HINT);
			}

			await call(async () => keytar.deletePassword(KEYCHAIN_SERVICE, PROBE_ACCOUNT), action);
			return false;
		},
		async getToken(key) {
			return call(async () => keytar.getPassword(KEYCHAIN_SERVICE, tokenAccount(key)), 'read the access token');
		},
		async setToken(key, value) {
			await call(async () => keytar.setPassword(KEYCHAIN_SERVICE, tokenAccount(key), value), 'store the access token');
		},
		async deleteToken(key) {
			return call(async () => keytar.deletePassword(KEYCHAIN_SERVICE, tokenAccount(key)), 'delete the access token');
		},
	};
}

/**
 * Stores a profile's secret and returns the undo: put back the secret that was there before, or
 * delete the entry when there was none. Login runs it inside the profile file's update, and the undo
 * when the file cannot be written, so that no secret is left without its profile.
 */
export async function storeSecretWithUndo(
	keychain: Pick<Keychain, 'getPrivateKey' | 'setPrivateKey' | 'deletePrivateKey'>,
	profile: string,
	secret: string,
): Promise<() => Promise<unknown>> {
	const previous = await keychain.getPrivateKey(profile);
	await keychain.setPrivateKey(profile, secret);
	return async () => previous === null ? keychain.deletePrivateKey(profile) : keychain.setPrivateKey(profile, previous);
}

/** The error for a `null` private key while the profile exists: locked keyring or missing entry, never "no such profile". */
export function lockedKeychainError(profile: string): KeychainError {
	return new KeychainError(
		'locked',
		`The keychain returned no private key for profile '${profile}': the keyring is locked or the entry is missing.`,
		`Unlock your keyring (e.g. log in to the desktop session or open "Passwords and Keys"), or run \`atlas-export-bucket login --profile ${profile}\` again. ${KEYS_WITHOUT_KEYCHAIN_HINT}`,
	);
}

/**
 * Rejects with KeychainError 'timeout' when `promise` has not settled after `ms`, and abandons the
 * hung call (keytar.dispose). The timer is unref'd: it never keeps the process alive by itself.
 */
async function timebox<T>(keytar: KeytarLike, promise: Promise<T>, ms: number, action: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_resolve, reject) => {
		timer = setTimeout(() => {
			keytar.dispose?.();
			reject(new KeychainError(
				'timeout',
				`The keychain did not answer within ${formatSeconds(ms)} when trying to ${action}.`,
				`The keyring is probably locked and waiting for an unlock prompt: unlock it and retry. ${KEYS_WITHOUT_KEYCHAIN_HINT}`,
			));
		}, ms);
		timer.unref();
	});
	try {
		return await Promise.race([promise, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

function describeLoadFailure(error: unknown): KeychainAccess {
	const code = (error as {code?: unknown} | undefined)?.code;
	const message = firstLine(error);
	if ((code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && /keytar/.test(message) && !/\.node\b/.test(message)) {
		return unavailable('missing', 'keytar (the optional keychain module) is not installed');
	}

	if (/libsecret/i.test(message)) {
		return unavailable('load-failed', `keytar could not load libsecret (install libsecret-1-0): ${message}`);
	}

	return unavailable('load-failed', `keytar is installed but failed to load (${message})`);
}

function unavailable(cause: KeychainUnavailableCause, why: string): KeychainAccess {
	return {available: false, cause, reason: `OS keychain unavailable: ${why}. ${KEYS_WITHOUT_KEYCHAIN_HINT}`};
}

function assertAccount(profile: string): void {
	if (profile.length === 0) throw new CredentialsError('A profile name is required to use the keychain.');
}

function firstLine(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	return (text.split('\n')[0] ?? '').trim() || 'unknown error';
}

function formatSeconds(ms: number): string {
	return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
