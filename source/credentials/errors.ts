// User-facing credential failures: a one-line message plus a hint saying what to do about it.
// The CLI and the wizard print `message` and `hint` as they are; no stack trace is ever needed.

export class CredentialsError extends Error {
	override readonly name: string = 'CredentialsError';
	readonly hint: string | undefined;

	constructor(message: string, hint?: string) {
		super(message);
		this.hint = hint;
	}
}

export type KeychainErrorKind =
	/** A keychain call did not return within the timebox (a locked keyring waiting for an unlock prompt nobody answers). */
	| 'timeout'
	/** The profile exists but the keychain returned no secret (the keyring is locked or the entry is gone), or a delete met a locked keyring. */
	| 'locked'
	/** The keychain cannot be used at all (keytar missing, no libsecret, no D-Bus). */
	| 'unavailable'
	/** The keychain answered with an error. */
	| 'failed';

export class KeychainError extends CredentialsError {
	override readonly name: string = 'KeychainError';
	readonly kind: KeychainErrorKind;

	constructor(kind: KeychainErrorKind, message: string, hint?: string) {
		super(message, hint);
		this.kind = kind;
	}
}

/** The sentence every "no keychain" message ends with. */
export const KEYS_WITHOUT_KEYCHAIN_HINT =
	'Pass keys via MONGODB_ATLAS_PUBLIC_API_KEY / MONGODB_ATLAS_PRIVATE_API_KEY or --private-key-stdin instead.';
