// `logout`: remove a profile from profiles.json and its private key from the keychain.
import {openKeychain} from '../credentials/keychain.js';
import {profileStoreFor} from './connect.js';
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

		const privateKeyRemoved = await access.keychain.deletePrivateKey(name);
		const profileRemoved = await store.remove(name);

		if (!profileRemoved && !privateKeyRemoved) {
			throw new UsageError(`No profile named '${name}'.`, '`atlas-export-bucket profiles` lists the stored profiles.');
		}

		if (options.json) printJson(io, {profile: name, profileRemoved, privateKeyRemoved});
		else writeLine(io.stdout, `Logged out: profile '${name}' removed${privateKeyRemoved ? ', and its private key deleted from the OS keychain' : ''}.`);
		return ExitCode.ok;
	} catch (error) {
		return reportError(error, io);
	}
}
