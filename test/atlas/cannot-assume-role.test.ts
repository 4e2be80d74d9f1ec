// CANNOT_ASSUME_ROLE as the client reports it: a typed reason, and a hint with the real bucket,
// role ARN, principal and external id (looked up once, after the last attempt).
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {AtlasError} from '../../source/atlas/errors.js';
import {DEMO_AWS_ROLE_ARNS, DEMO_PROJECTS, DEMO_READONLY_BUCKET, DEMO_ROLE_IDS} from '../../source/simulator/index.js';
import {authenticated, harness, rejectsWith} from './support.js';

const production = DEMO_PROJECTS.production.id;

describe('createExportBucket: CANNOT_ASSUME_ROLE names the real values', () => {
	test('bucket, role ARN, Atlas account and external id of the role used', async () => {
		const h = await harness();
		try {
			const error = await rejectsWith(h.client.createExportBucket(production, {bucketName: DEMO_READONLY_BUCKET.name, iamRoleId: DEMO_ROLE_IDS.productionExport}));
			assert.ok(error instanceof AtlasError);
			assert.equal(error.reason, 'cannotAssumeRole');
			assert.equal(error.errorCode, 'CANNOT_ASSUME_ROLE');
			assert.deepEqual(error.context, {
				iamRoleArn: DEMO_AWS_ROLE_ARNS.snapshotExport,
				atlasAWSAccountArn: 'arn:aws:iam::536727724300:root',
				externalId: '3f2a8c1e-5b7d-4e9a-8c6f-1d2e3a4b5c6d',
				bucketName: DEMO_READONLY_BUCKET.name,
			});
			assert.match(error.hint, /arn:aws:iam::123456789012:role\/atlas-snapshot-export's trust policy \(Principal AWS = arn:aws:iam::536727724300:root, .*sts:ExternalId = 3f2a8c1e-5b7d-4e9a-8c6f-1d2e3a4b5c6d\)/);
			assert.match(error.hint, /arn:aws:s3:::acme-locked-audit-logs\/\*/);
			const calls = authenticated(h.sim.log).map(entry => `${entry.method} ${entry.path.replace(/^.*\/groups\/[^/]+/, '')}`);
			assert.deepEqual(calls, ['POST /backup/exportBuckets', 'GET /cloudProviderAccess'], 'one POST, then one look-up');
		} finally {
			await h.sim.close();
		}
	});

	test('when the look-up fails too, the hint still names the bucket', async () => {
		const h = await harness({retry: {limit: 0}});
		try {
			h.sim.controls.injectFault({kind: 'http500', method: 'GET', times: 1});
			const error = await rejectsWith(h.client.createExportBucket(production, {bucketName: DEMO_READONLY_BUCKET.name, iamRoleId: DEMO_ROLE_IDS.productionExport}));
			assert.ok(error instanceof AtlasError);
			assert.equal(error.reason, 'cannotAssumeRole');
			assert.deepEqual(error.context, {bucketName: DEMO_READONLY_BUCKET.name});
			assert.match(error.hint, /arn:aws:s3:::acme-locked-audit-logs\b/);
		} finally {
			await h.sim.close();
		}
	});

	test('other errors are not looked into', async () => {
		const h = await harness();
		try {
			const error = await rejectsWith(h.client.createExportBucket(production, {bucketName: 'acme-atlas-snapshots-eu', iamRoleId: DEMO_ROLE_IDS.productionUnauthorized}));
			assert.ok(error instanceof AtlasError);
			assert.equal(error.reason, 'roleNotAuthorized');
			assert.equal(error.context, undefined);
			assert.equal(authenticated(h.sim.log).length, 1);
		} finally {
			await h.sim.close();
		}
	});
});

describe('authorizeAwsRole: Atlas assumes the role at once', () => {
	test('an AWS role that does not trust Atlas: CANNOT_ASSUME_ROLE at once, the hint with the ARN, principal and external id', async () => {
		const h = await harness();
		try {
			const role = await h.client.createAwsRole(DEMO_PROJECTS.sandbox.id);
			const arn = 'arn:aws:iam::123456789012:role/not-set-up';
			const error = await rejectsWith(h.client.authorizeAwsRole(DEMO_PROJECTS.sandbox.id, role.roleId, arn));
			assert.ok(error instanceof AtlasError);
			assert.equal(error.reason, 'cannotAssumeRole');
			assert.deepEqual(error.parameters, [arn]);
			assert.equal(error.message, `Atlas could not assume the AWS IAM role ${arn}.`);
			assert.match(error.hint, new RegExp(`Principal AWS = arn:aws:iam::536727724300:root, action sts:AssumeRole, condition sts:ExternalId = ${role.atlasAssumedRoleExternalId}`));
			const patches = authenticated(h.sim.log).filter(entry => entry.method === 'PATCH');
			assert.equal(patches.length, 1, 'no wait without the opt-in');
		} finally {
			await h.sim.close();
		}
	});

	test('with waitForIamMs, authorize is retried while IAM propagates, each attempt reported', async () => {
		const h = await harness({iamRetry: {baseDelayMs: 20, maxDelayMs: 40}});
		try {
			const role = await h.client.createAwsRole(DEMO_PROJECTS.sandbox.id);
			h.sim.controls.holdIamPropagation({stages: ['authorize']});
			const attempts: number[] = [];
			const authorized = await h.client.authorizeAwsRole(DEMO_PROJECTS.sandbox.id, role.roleId, DEMO_AWS_ROLE_ARNS.wizardNew, {
				waitForIamMs: 60_000,
				onIamWait: attempt => {
					attempts.push(attempt.attempt);
					if (attempt.attempt === 2) h.sim.controls.releaseIamPropagation();
				},
			});
			assert.equal(authorized.iamAssumedRoleArn, DEMO_AWS_ROLE_ARNS.wizardNew);
			assert.deepEqual(attempts, [1, 2]);
			assert.deepEqual(authenticated(h.sim.log).filter(entry => entry.method === 'PATCH').map(entry => entry.status), [400, 400, 200]);
		} finally {
			await h.sim.close();
		}
	});

});
