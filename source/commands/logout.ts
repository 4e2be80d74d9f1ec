// `logout`: remove a profile from profiles.json and its secret from the keychain; for a service
// account, revoke the access token kept for it first (revoke-token.ts). When the keychain cannot
// remove the secret (a locked keyring, no answer) nothing is removed and the exit code is 1.
import {KeychainError, openKeychain} from '../credentials/keychain.js';
import {decideSettings} from '../credentials/precedence.js';
import {profileStoreFor, settingsFlags} from './connect.js';
import {ExitCode} from './exit-codes.js';
import {writeLine, type CommandIo} from './io.js';
import type {GlobalOptions} from './options.js';
import {note, printJson} from './output.js';
import {reportError} from './report.js';
import {UsageError} from './usage-error.js';

export async function runLogout(options: GlobalOptions, io: CommandIo): Promise<number> {
	try {
		const store = profileStoreFor(io);
		const name = options.profile ?? await store.getDefaultName();
		const access = await openKeychain({env: io.env});
		if (!access.available) {
			// Keep the profile: removing it alone would orphan its secret in the keychain. Retry once the keychain answers.
			note(io, `${access.reason} Nothing was removed.`);
			return ExitCode.failure;
		}

		const existing = await store.get(name);
		let token: import('./revoke-token.js').TokenRevocation = 'none';
		if (existing?.clientId !== undefined) {
			const decided = decideSettings({flags: await settingsFlags(options, io), env: io.env, profile: {...existing, name}});
			const {revokeStoredToken} = await import('./revoke-token.js');
			token = await revokeStoredToken({...existing, clientId: existing.clientId}, {baseUrl: decided.baseUrl.value, timeoutMs: decided.timeoutMs.value}, access.keychain, options, io);
			if (typeof token === 'object') note(io, `Warning: the access token could not be revoked (${token.failed}); it stops working within the hour. It was removed from the keychain.`);
		}

		const noSuchProfile = () => new UsageError(`No profile named '${name}'.`, '`atlas-export-bucket profiles` lists the stored profiles.');
		const secretName = existing?.clientId === undefined ? 'private key' : 'client secret';
		let privateKeyRemoved: boolean;
		try {
			privateKeyRemoved = await access.keychain.deletePrivateKey(name);
		} catch (error) {
			// A locked keyring (or one that does not answer) may still hold the secret: keep the profile
			// that points to it, say so, and fail, so that logging out can be finished once it is unlocked.
			if (!(error instanceof KeychainError)) throw error;
			if (!existing) throw noSuchProfile();
			writeLine(io.stderr, `Error: ${error.message}`);
			writeLine(io.stderr, `Not logged out: the ${secretName} may still be in the keychain, so profile '${name}' was kept. Unlock your keyring (e.g. log in to the desktop session or open "Passwords and Keys"), then run \`atlas-export-bucket logout --profile ${name}\` again.`);
			return ExitCode.failure;
		}

		const profileRemoved = await store.remove(name);
		if (!profileRemoved && !privateKeyRemoved) throw noSuchProfile();

		const tokenRevoked = token === 'revoked';
		if (options.json) printJson(io, {profile: name, profileRemoved, privateKeyRemoved, ...(existing?.clientId === undefined ? {} : {tokenRevoked})});
		else writeLine(io.stdout, `Logged out: profile '${name}' removed${privateKeyRemoved ? `, and its ${secretName} deleted from the OS keychain` : ''}${tokenRevoked ? '; its access token was revoked' : ''}.`);
		return ExitCode.ok;
	} catch (error) {
		return reportError(error, io);
	}
}
