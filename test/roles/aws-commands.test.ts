import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {awsCommandLine, createRoleArgv, defaultIamRoleName, exportPolicyName, putRolePolicyArgv, shellQuote} from '../../source/roles/aws-commands.js';

describe('shellQuote', () => {
	test('safe words stay as they are', () => {
		for (const word of ['iam', '--role-name', 'file://atlas-role-1-trust-policy.json', 'a.b_c@d+e=f,g:h%/i']) assert.equal(shellQuote(word), word);
	});

	test('everything else is single-quoted, and a shell reads back the same word', () => {
		const words = ['', 'my dir/x.json', "it's", 'a$b`c`"d"\\e', 'line\nbreak', '*', '~/x', 'x;rm -rf'];
		for (const word of words) {
			assert.match(shellQuote(word), /^'/);
			const echoed = execFileSync('/bin/sh', ['-c', `printf %s ${shellQuote(word)}`], {encoding: 'utf8'});
			assert.equal(echoed, word);
		}
	});
});

describe('the aws commands', () => {
	const setup = {
		iamRoleName: 'atlas-export-acme-atlas-snapshots',
		trustPolicyPath: 'atlas-role-6650b2e3d4f5a6b7c8d9e0f3-trust-policy.json',
		permission: {policyName: 'atlas-export-acme-atlas-snapshots', policyPath: 'atlas-export-acme-atlas-snapshots-policy.json'},
	};

	test('create-role with the trust policy file', () => {
		assert.equal(
			awsCommandLine(createRoleArgv(setup)),
			'aws iam create-role --role-name atlas-export-acme-atlas-snapshots --assume-role-policy-document file://atlas-role-6650b2e3d4f5a6b7c8d9e0f3-trust-policy.json',
		);
	});

	test('put-role-policy with the permission policy file', () => {
		assert.equal(
			awsCommandLine(putRolePolicyArgv(setup)),
			'aws iam put-role-policy --role-name atlas-export-acme-atlas-snapshots --policy-name atlas-export-acme-atlas-snapshots --policy-document file://atlas-export-acme-atlas-snapshots-policy.json',
		);
	});

	test('a path with a space is one quoted word, file:// inside the quotes', () => {
		const line = awsCommandLine(createRoleArgv({...setup, trustPolicyPath: "/tmp/my policies/o'brien.json"}));
		assert.ok(line.endsWith(` 'file:///tmp/my policies/o'\\''brien.json'`), line);
		assert.ok(!line.includes('\n'));
	});
});

describe('names', () => {
	test('the IAM role name comes from the bucket, else the Atlas role id', () => {
		assert.equal(defaultIamRoleName({roleId: '6650b2e3d4f5a6b7c8d9e0f3', bucketName: 'acme-atlas-snapshots'}), 'atlas-export-acme-atlas-snapshots');
		assert.equal(defaultIamRoleName({roleId: '6650b2e3d4f5a6b7c8d9e0f3'}), 'atlas-export-6650b2e3d4f5a6b7c8d9e0f3');
	});

	test('IAM\'s 64-character limit, without a trailing dot or hyphen', () => {
		const name = defaultIamRoleName({roleId: 'r', bucketName: `${'a'.repeat(50)}-b.${'c'.repeat(10)}`});
		assert.ok(name.length <= 64);
		assert.equal(name, `atlas-export-${'a'.repeat(50)}`);
	});

	test('the inline policy is named after the bucket', () => {
		assert.equal(exportPolicyName('acme-atlas-snapshots'), 'atlas-export-acme-atlas-snapshots');
	});
});
