// The non-interactive command that does what the wizard just did, shown after success.
import type {Target} from './services.js';
import {DEFAULT_API_VERSION, DEFAULT_BASE_URL} from '../atlas/types.js';

export type CommandLineInput = {
	projectId: string;
	roleId: string;
	bucket: string;
	profileName?: string;
	target: Target;
};

/** Quotes a shell word only when it needs it (bucket names and ids never do; URLs may). */
function shellWord(word: string): string {
	return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

export function equivalentCommand({projectId, roleId, bucket, profileName, target}: CommandLineInput): string {
	const words = ['atlas-export-bucket', 'create', '--project-id', projectId, '--iam-role-id', roleId, '--bucket', bucket];
	if (profileName) words.push('--profile', profileName);
	if (target.baseUrl !== DEFAULT_BASE_URL) words.push('--base-url', target.baseUrl);
	if (target.apiVersion !== DEFAULT_API_VERSION) words.push('--api-version', target.apiVersion);
	words.push('--yes');
	return words.map(word => shellWord(word)).join(' ');
}
