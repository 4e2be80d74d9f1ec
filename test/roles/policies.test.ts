import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {exportPermissionPolicy, kmsNote, partitionOf, policyJson, trustOf, trustPolicy} from '../../source/roles/policies.js';

const trust = {atlasAWSAccountArn: 'arn:aws:iam::536727724300:root', externalId: 'c4d5e6f7-a8b9-4c0d-8e1f-2a3b4c5d6e7f'};

describe('trust policy', () => {
	test('exactly the document Atlas documents, with this role\'s principal and external id', () => {
		assert.deepEqual(JSON.parse(JSON.stringify(trustPolicy(trust))), {
			Version: '2012-10-17',
			Statement: [{
				Effect: 'Allow',
				Principal: {AWS: 'arn:aws:iam::536727724300:root'},
				Action: 'sts:AssumeRole',
				Condition: {StringEquals: {'sts:ExternalId': 'c4d5e6f7-a8b9-4c0d-8e1f-2a3b4c5d6e7f'}},
			}],
		});
	});

	test('trustOf reads an Atlas role, and is undefined when a value is missing', () => {
		assert.deepEqual(trustOf({atlasAWSAccountArn: trust.atlasAWSAccountArn, atlasAssumedRoleExternalId: trust.externalId}), trust);
		assert.equal(trustOf({atlasAWSAccountArn: trust.atlasAWSAccountArn}), undefined);
		assert.equal(trustOf({atlasAssumedRoleExternalId: trust.externalId}), undefined);
	});
});

describe('export permission policy', () => {
	test('s3:GetBucketLocation on the bucket, s3:PutObject on its objects, nothing else', () => {
		const policy = exportPermissionPolicy('acme-atlas-snapshots');
		assert.deepEqual(JSON.parse(JSON.stringify(policy)), {
			Version: '2012-10-17',
			Statement: [
				{Effect: 'Allow', Action: 's3:GetBucketLocation', Resource: 'arn:aws:s3:::acme-atlas-snapshots'},
				{Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::acme-atlas-snapshots/*'},
			],
		});
		assert.doesNotMatch(JSON.stringify(policy), /ListBucket|kms:/);
	});

	test('in the partition of Atlas\'s account (Atlas for Government)', () => {
		assert.equal(partitionOf('arn:aws-us-gov:iam::123456789012:root'), 'aws-us-gov');
		assert.equal(partitionOf('arn:aws-cn:iam::123456789012:root'), 'aws-cn');
		assert.equal(partitionOf(undefined), 'aws');
		assert.equal(partitionOf('nonsense'), 'aws');
		assert.equal(exportPermissionPolicy('b-gov', 'aws-us-gov').Statement[1]?.Resource, 'arn:aws-us-gov:s3:::b-gov/*');
	});

	test('the KMS note names the bucket and the action, and guesses no key', () => {
		const note = kmsNote('acme-atlas-snapshots');
		assert.match(note, /acme-atlas-snapshots .*customer-managed KMS key.*kms:GenerateDataKey on that key/);
		assert.doesNotMatch(note, /arn:aws:kms/);
	});
});

test('policyJson: two-space JSON with a final newline, parseable back', () => {
	const text = policyJson(exportPermissionPolicy('b-one'));
	assert.ok(text.endsWith('}\n'));
	assert.match(text, /^\{\n {2}"Version": "2012-10-17",/);
	assert.deepEqual(JSON.parse(text), exportPermissionPolicy('b-one'));
});
