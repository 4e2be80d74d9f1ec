// Input checks for the backup operations (cluster name, snapshot and export job ids, frequency), pure
// and run before anything is sent, like validation.ts for the export bucket fields.
import type {CheckResult} from './validation.js';
import type {AutoExportFrequency} from './backup-types.js';

const OBJECT_ID = /^[a-f\d]{24}$/;
const CLUSTER_NAME = /^[a-zA-Z\d][a-zA-Z\d-]*$/;

function fail(message: string, suggestion?: string): CheckResult {
	return suggestion === undefined ? {ok: false, message} : {ok: false, message, suggestion};
}

function checkObjectId(input: string, what: string, where: string): CheckResult {
	const value = typeof input === 'string' ? input.trim() : '';
	if (value === '') return fail(`Enter the ${what} (24 hexadecimal characters, ${where}).`);
	if (OBJECT_ID.test(value)) return {ok: true, value};
	if (/^[a-f\d]{24}$/i.test(value)) return fail(`A ${what} is written in lower case.`, value.toLowerCase());
	return fail(`A ${what} is 24 hexadecimal characters (0-9, a-f); this one has ${value.length} characters.`);
}

/** An Atlas cluster name: letters, digits and hyphens, starting with a letter or digit. */
export function checkClusterName(input: string): CheckResult {
	const value = typeof input === 'string' ? input.trim() : '';
	if (value === '') return fail('Enter the cluster name (as the clusters command lists it).');
	if (CLUSTER_NAME.test(value)) return {ok: true, value};
	return fail('A cluster name has only letters, digits and hyphens, and starts with a letter or digit.');
}

export function checkSnapshotId(input: string): CheckResult {
	return checkObjectId(input, 'snapshot id', 'as the snapshots command lists it');
}

export function checkExportJobId(input: string): CheckResult {
	return checkObjectId(input, 'export job id', 'as the export or exports command prints it');
}

export const AUTO_EXPORT_FREQUENCIES: readonly AutoExportFrequency[] = ['monthly', 'yearly'];

export function checkFrequency(input: string): CheckResult {
	const value = typeof input === 'string' ? input.trim().toLowerCase() : '';
	if ((AUTO_EXPORT_FREQUENCIES as readonly string[]).includes(value)) return {ok: true, value};
	return fail(`Automatic export runs monthly or yearly (got ${JSON.stringify(input)}).`);
}
