// `profiles`: what `login` stored. Reads only profiles.json: never the keychain, never a secret.
// Each row says which kind of credential the profile holds (API key or service account).
import {ExitCode} from './exit-codes.js';
import {profileStoreFor} from './connect.js';
import {writeLine, type CommandIo} from './io.js';
import type {GlobalOptions} from './options.js';
import {printJson} from './output.js';
import {reportError} from './report.js';
import {formatTable, outputWidth} from './table.js';
import {profileKind, type Profile} from '../credentials/profiles.js';

type ListedProfile = Profile & {isDefault: boolean; kind: 'apiKey' | 'serviceAccount'};

export function formatProfiles(profiles: ListedProfile[], maxWidth?: number): string {
	return formatTable<ListedProfile>([
		{header: 'NAME', value: profile => profile.isDefault ? `${profile.name} (default)` : profile.name},
		{header: 'KIND', value: profile => profile.kind === 'serviceAccount' ? 'service account' : 'API key'},
		{header: 'PUBLIC KEY / CLIENT ID', value: profile => profile.clientId ?? profile.publicKey},
		{header: 'DEFAULT PROJECT', value: profile => profile.projectId},
		{header: 'BASE URL', value: profile => profile.baseUrl},
		{header: 'API VERSION', value: profile => profile.apiVersion},
	], profiles, maxWidth);
}

export async function runProfiles(options: GlobalOptions, io: CommandIo): Promise<number> {
	try {
		const store = profileStoreFor(io);
		const defaultName = await store.getDefaultName();
		const profiles = (await store.list()).map(profile => ({...profile, kind: profileKind(profile), isDefault: profile.name === defaultName}));
		if (options.json) printJson(io, profiles);
		else if (profiles.length === 0) writeLine(io.stdout, 'No profiles yet: `atlas-export-bucket login` creates one.');
		else writeLine(io.stdout, formatProfiles(profiles, outputWidth(io.stdout)));
		return ExitCode.ok;
	} catch (error) {
		return reportError(error, io);
	}
}
