import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdir, mkdtemp, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {exportPermissionPolicy, trustPolicy} from '../../source/roles/policies.js';
import {existingPolicyFiles, inDirectory, policyFileNames, writePolicyFiles, type PolicyFile} from '../../source/roles/policy-files.js';

const roleId = '6650b2e3d4f5a6b7c8d9e0f3';
const trust = trustPolicy({atlasAWSAccountArn: 'arn:aws:iam::536727724300:root', externalId: 'c4d5e6f7-a8b9-4c0d-8e1f-2a3b4c5d6e7f'});
const permission = exportPermissionPolicy('acme-atlas-snapshots');

let dir: string;
before(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'policy-files-'));
});
after(async () => {
	await rm(dir, {recursive: true, force: true});
});

function files(sub: string): PolicyFile[] {
	const names = policyFileNames({roleId, bucketName: 'acme-atlas-snapshots'});
	return [{path: path.join(dir, sub, names.trust), document: trust}, {path: path.join(dir, sub, names.permission!), document: permission}];
}

describe('file names', () => {
	test('derived from the role id and the bucket', () => {
		assert.deepEqual(policyFileNames({roleId, bucketName: 'acme-atlas-snapshots'}), {
			trust: 'atlas-role-6650b2e3d4f5a6b7c8d9e0f3-trust-policy.json',
			permission: 'atlas-export-acme-atlas-snapshots-policy.json',
		});
		assert.deepEqual(policyFileNames({roleId}), {trust: 'atlas-role-6650b2e3d4f5a6b7c8d9e0f3-trust-policy.json'});
	});

	test('in the current directory a bare name, elsewhere joined', () => {
		assert.equal(inDirectory(undefined, 'a.json'), 'a.json');
		assert.equal(inDirectory('.', 'a.json'), 'a.json');
		assert.equal(inDirectory('', 'a.json'), 'a.json');
		assert.equal(inDirectory('out/policies', 'a.json'), path.join('out/policies', 'a.json'));
	});
});

describe('writePolicyFiles', () => {
	test('writes both documents as JSON', async () => {
		await mkdir(path.join(dir, 'fresh'));
		const outcome = await writePolicyFiles(files('fresh'));
		assert.deepEqual(outcome, {written: files('fresh').map(file => file.path)});
		assert.deepEqual(JSON.parse(await readFile(files('fresh')[0]!.path, 'utf8')), trust);
		assert.deepEqual(JSON.parse(await readFile(files('fresh')[1]!.path, 'utf8')), permission);
	});

	test('an existing file is reported, and nothing is written or replaced', async () => {
		await mkdir(path.join(dir, 'taken'));
		const [trustFile, permissionFile] = files('taken');
		await writeFile(permissionFile!.path, 'mine');
		assert.deepEqual(await existingPolicyFiles(files('taken')), [permissionFile!.path]);
		assert.deepEqual(await writePolicyFiles(files('taken')), {conflicts: [permissionFile!.path]});
		assert.equal(await readFile(permissionFile!.path, 'utf8'), 'mine');
		assert.deepEqual(await existingPolicyFiles([trustFile!]), [], 'the other file was not written either');
	});

	test('with overwrite (the user said yes) it replaces them', async () => {
		await mkdir(path.join(dir, 'yes'));
		const [, permissionFile] = files('yes');
		await writeFile(permissionFile!.path, 'mine');
		assert.deepEqual(await writePolicyFiles(files('yes'), {overwrite: true}), {written: files('yes').map(file => file.path)});
		assert.deepEqual(JSON.parse(await readFile(permissionFile!.path, 'utf8')), permission);
	});

	test('a file that already holds exactly its document is no conflict (a resumed set-up); a different one still is', async () => {
		await mkdir(path.join(dir, 'again'));
		const [trustFile, permissionFile] = files('again');
		assert.ok('written' in await writePolicyFiles(files('again')));
		const {mtimeMs} = await stat(trustFile!.path);
		assert.deepEqual(await writePolicyFiles(files('again')), {written: [trustFile!.path, permissionFile!.path]});
		assert.equal((await stat(trustFile!.path)).mtimeMs, mtimeMs, 'not written again');
		await writeFile(permissionFile!.path, `${await readFile(permissionFile!.path, 'utf8')} `);
		assert.deepEqual(await writePolicyFiles(files('again')), {conflicts: [permissionFile!.path]});
	});

	test('a missing directory is an error, not a silent success', async () => {
		await assert.rejects(writePolicyFiles(files('missing')), {code: 'ENOENT'});
	});
});
