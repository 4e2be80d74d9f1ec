// Where the policy documents go on disk: names derived from the Atlas role and the bucket, written
// only where nothing is (an existing file is reported so the caller can ask, then overwrite).
import {lstat, writeFile} from 'node:fs/promises';
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

/**
 * Writes every document, or none when one of the paths exists and `overwrite` is not true: then
 * the conflicting paths come back for the caller to ask about (and call again with overwrite).
 * Without overwrite, a file that appears between the check and the write is not replaced either.
 */
export async function writePolicyFiles(files: readonly PolicyFile[], options: {overwrite?: boolean} = {}): Promise<WriteOutcome> {
	const overwrite = options.overwrite === true;
	if (!overwrite) {
		const conflicts = await existingPolicyFiles(files);
		if (conflicts.length > 0) return {conflicts};
	}
	const written: string[] = [];
	for (const file of files) {
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
