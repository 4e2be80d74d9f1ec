// Where the policy documents go on disk: names derived from the Atlas role and the bucket, written
// only where nothing is (an existing file is reported so the caller can ask, then overwrite; one
// that already holds exactly this document, as after a set-up resumed, is left as it is).
import {lstat, readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {policyJson, type PolicyDocument} from './policies.js';

export type PolicyFile = {path: string; document: PolicyDocument};

/** File names for a role's trust policy and a bucket's permission policy (no directory). */
export function policyFileNames(input: {roleId: string; bucketName?: string}): {trust: string; permission?: string} {
	const trust = `atlas-role-${input.roleId}-trust-policy.json`;
	return input.bucketName === undefined ? {trust} : {trust, permission: `atlas-export-${input.bucketName}-policy.json`};
}

/** The paths among `files` that already exist (anything there: file, directory, link). */
export async function existingPolicyFiles(files: ReadonlyArray<Pick<PolicyFile, 'path'>>): Promise<string[]> {
	const existing: string[] = [];
	for (const file of files) {
		try {
			await lstat(file.path);
			existing.push(file.path);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
		}
	}
	return existing;
}

export type WriteOutcome = {written: string[]} | {conflicts: string[]};

/** Whether `file` is a regular file (not a link) holding exactly the document's JSON already. */
async function holdsDocument(file: PolicyFile): Promise<boolean> {
	const text = policyJson(file.document);
	try {
		const stat = await lstat(file.path);
		return stat.isFile() && stat.size === Buffer.byteLength(text) && await readFile(file.path, 'utf8') === text;
	} catch {
		return false;
	}
}

/**
 * Writes every document, or none when one of the paths exists and `overwrite` is not true: then
 * the conflicting paths come back for the caller to ask about (and call again with overwrite).
 * A file that holds exactly its document already is no conflict and is not written again.
 * Without overwrite, a file that appears between the check and the write is not replaced either.
 */
export async function writePolicyFiles(files: readonly PolicyFile[], options: {overwrite?: boolean} = {}): Promise<WriteOutcome> {
	const overwrite = options.overwrite === true;
	const unchanged = new Set<string>();
	if (!overwrite) {
		const existing = await existingPolicyFiles(files);
		for (const file of files) if (existing.includes(file.path) && await holdsDocument(file)) unchanged.add(file.path);
		const conflicts = existing.filter(existingPath => !unchanged.has(existingPath));
		if (conflicts.length > 0) return {conflicts};
	}
	const written: string[] = [];
	for (const file of files) {
		if (unchanged.has(file.path)) {
			written.push(file.path);
			continue;
		}
		try {
			await writeFile(file.path, policyJson(file.document), {flag: overwrite ? 'w' : 'wx'});
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'EEXIST') return {conflicts: [file.path]};
			throw error;
		}
		written.push(file.path);
	}
	return {written};
}

/** A file path under `dir` (default: the current directory, written as a bare relative name). */
export function inDirectory(dir: string | undefined, name: string): string {
	return dir === undefined || dir === '' || dir === '.' ? name : path.join(dir, name);
}
