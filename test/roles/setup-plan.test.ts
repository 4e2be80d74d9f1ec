import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {exportPermissionPolicy, trustPolicy} from '../../source/roles/policies.js';
import {IncompleteRoleError, planRoleSetup} from '../../source/roles/setup-plan.js';

const role = {roleId: '6650b2e3d4f5a6b7c8d9e0f3', atlasAWSAccountArn: 'arn:aws:iam::536727724300:root', atlasAssumedRoleExternalId: 'c4d5e6f7-a8b9-4c0d-8e1f-2a3b4c5d6e7f'};
const trust = {atlasAWSAccountArn: role.atlasAWSAccountArn, externalId: role.atlasAssumedRoleExternalId};

describe('planRoleSetup', () => {
	test('with a bucket: both documents, both files, both commands', () => {
		const plan = planRoleSetup(role, {bucketName: 'acme-atlas-snapshots'});
		assert.deepEqual(plan.trustPolicy, trustPolicy(trust));
		assert.deepEqual(plan.permissionPolicy, exportPermissionPolicy('acme-atlas-snapshots'));
		assert.deepEqual(plan.files.map(file => file.path), ['atlas-role-6650b2e3d4f5a6b7c8d9e0f3-trust-policy.json', 'atlas-export-acme-atlas-snapshots-policy.json']);
		assert.deepEqual(plan.lines, [
			'aws iam create-role --role-name atlas-export-acme-atlas-snapshots --assume-role-policy-document file://atlas-role-6650b2e3d4f5a6b7c8d9e0f3-trust-policy.json',
			'aws iam put-role-policy --role-name atlas-export-acme-atlas-snapshots --policy-name atlas-export-acme-atlas-snapshots --policy-document file://atlas-export-acme-atlas-snapshots-policy.json',
		]);
		assert.deepEqual(plan.commands[0]?.slice(0, 2), ['iam', 'create-role']);
		assert.match(plan.kmsNote ?? '', /kms:GenerateDataKey/);
	});

	test('without a bucket: the trust policy and create-role only', () => {
		const plan = planRoleSetup(role);
		assert.equal(plan.permissionPolicy, undefined);
		assert.equal(plan.kmsNote, undefined);
		assert.equal(plan.files.length, 1);
		assert.deepEqual(plan.lines, ['aws iam create-role --role-name atlas-export-6650b2e3d4f5a6b7c8d9e0f3 --assume-role-policy-document file://atlas-role-6650b2e3d4f5a6b7c8d9e0f3-trust-policy.json']);
	});

	test('a directory and a role name of the caller\'s choosing', () => {
		const plan = planRoleSetup(role, {bucketName: 'b-one', dir: 'my policies', iamRoleName: 'exporter'});
		assert.equal(plan.files[1]?.path, path.join('my policies', 'atlas-export-b-one-policy.json'));
		assert.equal(plan.lines[1], `aws iam put-role-policy --role-name exporter --policy-name atlas-export-b-one --policy-document 'file://${path.join('my policies', 'atlas-export-b-one-policy.json')}'`);
	});

	test('the permission policy is in the partition of Atlas\'s account', () => {
		const plan = planRoleSetup({...role, atlasAWSAccountArn: 'arn:aws-us-gov:iam::123456789012:root'}, {bucketName: 'b-gov'});
		assert.equal(plan.permissionPolicy?.Statement[0]?.Resource, 'arn:aws-us-gov:s3:::b-gov');
	});

	test('a role without its account ARN or external id cannot be planned', () => {
		assert.throws(() => planRoleSetup({roleId: role.roleId, atlasAWSAccountArn: role.atlasAWSAccountArn}), IncompleteRoleError);
	});
});
