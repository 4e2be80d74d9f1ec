import assert from 'node:assert/strict';
import {afterEach, beforeEach, describe, test} from 'node:test';
import {DEMO_AWS_ROLE_ARNS, DEMO_EXPORT_BUCKET_ID, DEMO_ROLE_IDS} from '../../source/simulator/index.js';
import {harness, jsonPost, PRODUCTION, SANDBOX, V2023, V2024, type Harness} from './helpers.js';

const access = (groupId: string) => `/api/atlas/v2/groups/${groupId}/cloudProviderAccess`;
const patch = (body: unknown) => ({...jsonPost(body, V2023), method: 'PATCH'});

describe('simulator cloud provider access', () => {
	let h: Harness;
	beforeEach(async () => {
		h = await harness();
	});
	afterEach(() => h.sim.close());

	test('the demo production project lists two authorized roles and one unauthorized role', async () => {
		const {status, body} = await h.client.json(access(PRODUCTION));
		assert.equal(status, 200);
		assert.deepEqual(body.azureServicePrincipals, []);
		assert.deepEqual(body.gcpServiceAccounts, []);
		assert.equal(body.awsIamRoles.length, 3);
		const authorized = body.awsIamRoles.filter((role: any) => role.iamAssumedRoleArn);
		assert.equal(authorized.length, 2);
		for (const role of body.awsIamRoles) {
			assert.equal(role.providerName, 'AWS');
			assert.match(role.roleId, /^[a-f\d]{24}$/);
			assert.match(role.atlasAWSAccountArn, /^arn:aws:iam::\d{12}:root$/);
			assert.match(role.atlasAssumedRoleExternalId, /^[\da-f-]{36}$/);
			assert.ok(!Number.isNaN(Date.parse(role.createdDate)));
			assert.equal('authorizedDate' in role, 'iamAssumedRoleArn' in role);
		}
		const exporter = body.awsIamRoles.find((role: any) => role.roleId === DEMO_ROLE_IDS.productionExport);
		assert.equal(exporter.iamAssumedRoleArn, 'arn:aws:iam::123456789012:role/atlas-snapshot-export');
		assert.deepEqual(exporter.featureUsages, [{featureType: 'EXPORT_SNAPSHOT', featureId: {exportBucketId: DEMO_EXPORT_BUCKET_ID, groupId: PRODUCTION}}]);
		const sandbox = await h.client.json(access(SANDBOX));
		assert.deepEqual(sandbox.body.awsIamRoles, []);
	});

	test('create a role, authorize it, then export to a bucket its AWS role may write', async () => {
		const created = await h.client.json(access(SANDBOX), jsonPost({providerName: 'AWS'}, V2023));
		assert.equal(created.status, 200);
		assert.equal(created.response.headers.get('content-type'), `${V2023};charset=utf-8`);
		const {roleId} = created.body;
		assert.match(roleId, /^[a-f\d]{24}$/);
		assert.equal(created.body.iamAssumedRoleArn, null, 'recorded: explicit nulls until authorized');
		assert.equal(created.body.authorizedDate, null);
		assert.deepEqual(created.body.featureUsages, []);

		const bucket = {bucketName: 'acme-atlas-snapshots', cloudProvider: 'AWS', iamRoleId: roleId};
		const early = await h.client.json(`/api/atlas/v2/groups/${SANDBOX}/backup/exportBuckets`, jsonPost(bucket));
		assert.equal(early.body.errorCode, 'CLOUD_PROVIDER_ACCESS_ROLE_NOT_AUTHORIZED');

		const authorized = await h.client.json(`${access(SANDBOX)}/${roleId}`, patch({providerName: 'AWS', iamAssumedRoleArn: DEMO_AWS_ROLE_ARNS.wizardNew}));
		assert.equal(authorized.status, 200);
		assert.equal(authorized.body.iamAssumedRoleArn, DEMO_AWS_ROLE_ARNS.wizardNew);
		assert.ok(!Number.isNaN(Date.parse(authorized.body.authorizedDate)));

		const one = await h.client.json(`${access(SANDBOX)}/${roleId}`);
		assert.equal(one.body.iamAssumedRoleArn, DEMO_AWS_ROLE_ARNS.wizardNew);

		const exported = await h.client.json(`/api/atlas/v2/groups/${SANDBOX}/backup/exportBuckets`, jsonPost(bucket));
		assert.equal(exported.status, 200);
		assert.equal((await h.client.json(`/api/atlas/v2/groups/${SANDBOX}/backup/exportBuckets/${exported.body._id}`, {accept: V2024})).body.region, 'us-east-1');
	});

	test('a role authorized with an AWS role that may not write the bucket cannot export', async () => {
		const created = await h.client.json(access(SANDBOX), jsonPost({providerName: 'AWS'}, V2023));
		const arn = 'arn:aws:iam::123456789012:role/some-other-role';
		h.sim.controls.registerAwsRole({arn, trust: {principal: created.body.atlasAWSAccountArn, externalId: created.body.atlasAssumedRoleExternalId}});
		assert.equal((await h.client.json(`${access(SANDBOX)}/${created.body.roleId}`, patch({providerName: 'AWS', iamAssumedRoleArn: arn}))).status, 200);
		const result = await h.client.json(
			`/api/atlas/v2/groups/${SANDBOX}/backup/exportBuckets`,
			jsonPost({bucketName: 'acme-atlas-snapshots', cloudProvider: 'AWS', iamRoleId: created.body.roleId}),
		);
		assert.equal(result.body.errorCode, 'CANNOT_ASSUME_ROLE');
	});

	test('while propagation is held, a role authorized since answers CANNOT_ASSUME_ROLE until it is released', async () => {
		h.sim.controls.holdIamPropagation({stages: ['create']});
		const created = await h.client.json(access(SANDBOX), jsonPost({providerName: 'AWS'}, V2023));
		await h.client.json(`${access(SANDBOX)}/${created.body.roleId}`, patch({providerName: 'AWS', iamAssumedRoleArn: DEMO_AWS_ROLE_ARNS.wizardNew}));
		const bucket = jsonPost({bucketName: 'acme-atlas-snapshots-eu', cloudProvider: 'AWS', iamRoleId: created.body.roleId});
		const during = await h.client.json(`/api/atlas/v2/groups/${SANDBOX}/backup/exportBuckets`, bucket);
		assert.equal(during.status, 400);
		assert.equal(during.body.errorCode, 'CANNOT_ASSUME_ROLE');
		assert.deepEqual(during.body.parameters, [created.body.roleId]);

		const seeded = await h.client.json(
			`/api/atlas/v2/groups/${PRODUCTION}/backup/exportBuckets`,
			jsonPost({bucketName: 'acme-atlas-snapshots-eu', cloudProvider: 'AWS', iamRoleId: DEMO_ROLE_IDS.productionExport}),
		);
		assert.equal(seeded.status, 200, 'roles authorized long ago are not affected');

		assert.equal((await h.client.json(`/api/atlas/v2/groups/${SANDBOX}/backup/exportBuckets`, bucket)).body.errorCode, 'CANNOT_ASSUME_ROLE', 'held until released');
		h.sim.controls.releaseIamPropagation();
		const afterwards = await h.client.json(`/api/atlas/v2/groups/${SANDBOX}/backup/exportBuckets`, bucket);
		assert.equal(afterwards.status, 200);
	});

	test('a role authorized after the release propagates at once; one authorized while held again waits', async () => {
		h.sim.controls.holdIamPropagation({stages: ['create']});
		h.sim.controls.releaseIamPropagation();
		const released = await h.client.json(access(SANDBOX), jsonPost({providerName: 'AWS'}, V2023));
		await h.client.json(`${access(SANDBOX)}/${released.body.roleId}`, patch({providerName: 'AWS', iamAssumedRoleArn: DEMO_AWS_ROLE_ARNS.wizardNew}));
		const create = (roleId: string) =>
			h.client.json(`/api/atlas/v2/groups/${SANDBOX}/backup/exportBuckets`, jsonPost({bucketName: 'acme-atlas-snapshots', cloudProvider: 'AWS', iamRoleId: roleId}));
		assert.equal((await create(released.body.roleId)).status, 200);
		h.sim.controls.holdIamPropagation({stages: ['create']});
		await h.client.json(`${access(SANDBOX)}/${released.body.roleId}`, patch({providerName: 'AWS', iamAssumedRoleArn: DEMO_AWS_ROLE_ARNS.wizardNew}));
		assert.equal((await create(released.body.roleId)).body.errorCode, 'CANNOT_ASSUME_ROLE', 'a re-authorize while held is pending again');
		h.sim.controls.releaseIamPropagation();
	});

	test('a hold with releaseAfterRefusals propagates by itself after that many refused creates', async () => {
		h.sim.controls.holdIamPropagation({releaseAfterRefusals: 2, stages: ['create']});
		const created = await h.client.json(access(SANDBOX), jsonPost({providerName: 'AWS'}, V2023));
		await h.client.json(`${access(SANDBOX)}/${created.body.roleId}`, patch({providerName: 'AWS', iamAssumedRoleArn: DEMO_AWS_ROLE_ARNS.wizardNew}));
		const bucket = jsonPost({bucketName: 'acme-atlas-snapshots', cloudProvider: 'AWS', iamRoleId: created.body.roleId});
		const statuses = [];
		for (let attempt = 0; attempt < 3; attempt++) statuses.push((await h.client.json(`/api/atlas/v2/groups/${SANDBOX}/backup/exportBuckets`, bucket)).status);
		assert.deepEqual(statuses, [400, 400, 200]);
		h.sim.controls.releaseIamPropagation();
	});

	test('the iamPropagationDelayMs option applies from the start', async () => {
		const delayed = await harness({iamPropagationDelayMs: 60_000});
		try {
			const created = await delayed.client.json(access(SANDBOX), jsonPost({providerName: 'AWS'}, V2023));
			const authorize = () => delayed.client.json(`${access(SANDBOX)}/${created.body.roleId}`, patch({providerName: 'AWS', iamAssumedRoleArn: DEMO_AWS_ROLE_ARNS.wizardNew}));
			assert.equal((await authorize()).body.errorCode, 'CANNOT_ASSUME_ROLE', 'authorize waits out the delay from the first attempt');
			delayed.sim.controls.advanceClock(60_000);
			assert.equal((await authorize()).status, 200);
			const body = jsonPost({bucketName: 'acme-atlas-snapshots', cloudProvider: 'AWS', iamRoleId: created.body.roleId});
			const result = await delayed.client.json(`/api/atlas/v2/groups/${SANDBOX}/backup/exportBuckets`, body);
			assert.equal(result.body.errorCode, 'CANNOT_ASSUME_ROLE');
			delayed.sim.controls.advanceClock(30_000);
			assert.equal((await delayed.client.json(`/api/atlas/v2/groups/${SANDBOX}/backup/exportBuckets`, body)).body.errorCode, 'CANNOT_ASSUME_ROLE');
			delayed.sim.controls.advanceClock(30_000);
			assert.equal((await delayed.client.json(`/api/atlas/v2/groups/${SANDBOX}/backup/exportBuckets`, body)).status, 200);
		} finally {
			await delayed.sim.close();
		}
	});

	test('create and authorize validate their bodies', async () => {
		for (const body of [{}, {providerName: 'AZURE'}, {providerName: 'aws'}, 'null']) {
			const result = await h.client.json(access(PRODUCTION), jsonPost(body, V2023));
			assert.equal(result.status, 400, JSON.stringify(body));
			assert.equal(result.body.errorCode, 'INVALID_JSON_ATTRIBUTE');
		}
		const role = `${access(PRODUCTION)}/${DEMO_ROLE_IDS.productionUnauthorized}`;
		for (const body of [
			{providerName: 'AWS'},
			{providerName: 'AWS', iamAssumedRoleArn: 'atlas-snapshot-export'},
			{providerName: 'AWS', iamAssumedRoleArn: 'arn:aws:s3:::acme-atlas-snapshots'},
			{providerName: 'AWS', iamAssumedRoleArn: 'arn:aws:iam::1234:role/short-account'},
			{iamAssumedRoleArn: DEMO_AWS_ROLE_ARNS.wizardNew},
		]) {
			const result = await h.client.json(role, patch(body));
			assert.equal(result.status, 400, JSON.stringify(body));
			assert.equal(result.body.errorCode, 'INVALID_JSON_ATTRIBUTE');
		}
		const unchanged = await h.client.json(role);
		assert.equal(unchanged.body.iamAssumedRoleArn, null);
	});

	test('an unknown role id answers 404 CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND', async () => {
		const result = await h.client.json(`${access(PRODUCTION)}/ffffffffffffffffffffffff`, patch({providerName: 'AWS', iamAssumedRoleArn: DEMO_AWS_ROLE_ARNS.wizardNew}));
		assert.equal(result.status, 404);
		assert.equal(result.body.errorCode, 'CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND');
		const get = await h.client.json(`${access(SANDBOX)}/${DEMO_ROLE_IDS.productionExport}`);
		assert.equal(get.body.errorCode, 'CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND');
	});

	test('cloudProviderAccess works under v1.0 too', async () => {
		const result = await h.client.json(`/api/atlas/v1.0/groups/${PRODUCTION}/cloudProviderAccess`, {accept: 'application/json'});
		assert.equal(result.status, 200);
		assert.equal(result.body.awsIamRoles.length, 3);
	});

	describe('authorize: Atlas assumes the AWS role at once', () => {
		const authorize = (groupId: string, roleId: string, arn: string) => h.client.json(`${access(groupId)}/${roleId}`, patch({providerName: 'AWS', iamAssumedRoleArn: arn}));
		const createRole = async () => (await h.client.json(access(SANDBOX), jsonPost({providerName: 'AWS'}, V2023))).body;

		test('create answers the recorded shape: explicit nulls, no usages, its own external id, Atlas\'s account', async () => {
			const first = await createRole();
			assert.deepEqual(Object.keys(first).sort(), ['atlasAWSAccountArn', 'atlasAssumedRoleExternalId', 'authorizedDate', 'createdDate', 'featureUsages', 'iamAssumedRoleArn', 'providerName', 'roleId']);
			assert.equal(first.authorizedDate, null);
			assert.equal(first.iamAssumedRoleArn, null);
			assert.deepEqual(first.featureUsages, []);
			assert.equal(first.providerName, 'AWS');
			assert.match(first.atlasAWSAccountArn, /^arn:aws:iam::\d{12}:root$/);
			assert.match(first.atlasAssumedRoleExternalId, /^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/);
			assert.match(first.createdDate, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
			const second = await createRole();
			assert.notEqual(second.atlasAssumedRoleExternalId, first.atlasAssumedRoleExternalId, 'one external id per role');
			const listed = (await h.client.json(access(SANDBOX))).body.awsIamRoles;
			assert.deepEqual(listed, [first, second], 'the list answers the same objects, nulls included');
		});

		test('an ARN no AWS role has: 400 CANNOT_ASSUME_ROLE as recorded, and the role stays unauthorized', async () => {
			const role = await createRole();
			const arn = 'arn:aws:iam::123456789012:role/nobody-made-this';
			const result = await authorize(SANDBOX, role.roleId, arn);
			assert.equal(result.status, 400);
			assert.deepEqual(result.body, {detail: `Atlas cannot assume the specified role (${arn}).`, error: 400, errorCode: 'CANNOT_ASSUME_ROLE', parameters: [arn], reason: 'Bad Request'});
			assert.equal((await h.client.json(`${access(SANDBOX)}/${role.roleId}`)).body.iamAssumedRoleArn, null);
		});

		test('only a trust naming Atlas\'s account and this role\'s external id lets Atlas in', async () => {
			const role = await createRole();
			const other = await createRole();
			const arn = 'arn:aws:iam::210987654321:role/team-export';
			h.sim.controls.registerAwsRole({arn, trust: {principal: role.atlasAWSAccountArn, externalId: other.atlasAssumedRoleExternalId}});
			assert.equal((await authorize(SANDBOX, role.roleId, arn)).body.errorCode, 'CANNOT_ASSUME_ROLE', 'another role\'s external id');
			h.sim.controls.registerAwsRole({arn, trust: {principal: 'arn:aws:iam::999999999999:root', externalId: role.atlasAssumedRoleExternalId}});
			assert.equal((await authorize(SANDBOX, role.roleId, arn)).body.errorCode, 'CANNOT_ASSUME_ROLE', 'another principal');
			h.sim.controls.registerAwsRole({arn, trust: {principal: role.atlasAWSAccountArn, externalId: role.atlasAssumedRoleExternalId}});
			const ok = await authorize(SANDBOX, role.roleId, arn);
			assert.equal(ok.status, 200);
			assert.equal(ok.body.iamAssumedRoleArn, arn);
			assert.match(ok.body.authorizedDate, /Z$/);
			assert.equal((await authorize(SANDBOX, other.roleId, arn)).body.errorCode, 'CANNOT_ASSUME_ROLE', 'the other role is still refused');
		});

		test('the demo set-up role trusts Atlas for any external id; the demo\'s other roles only their own', async () => {
			assert.equal((await authorize(PRODUCTION, DEMO_ROLE_IDS.productionUnauthorized, DEMO_AWS_ROLE_ARNS.wizardNew)).status, 200);
			const role = await createRole();
			assert.equal((await authorize(SANDBOX, role.roleId, DEMO_AWS_ROLE_ARNS.wizardNew)).status, 200);
			const another = await createRole();
			assert.equal((await authorize(SANDBOX, another.roleId, DEMO_AWS_ROLE_ARNS.snapshotExport)).body.errorCode, 'CANNOT_ASSUME_ROLE');
		});

		test('a registered role may write the buckets it is given, new ones included', async () => {
			const role = await createRole();
			const arn = 'arn:aws:iam::123456789012:role/fresh-export';
			h.sim.controls.registerAwsRole({arn, trust: {principal: role.atlasAWSAccountArn}}, {writableBuckets: ['fresh-exports-bucket']});
			assert.equal((await authorize(SANDBOX, role.roleId, arn)).status, 200);
			const created = await h.client.json(`/api/atlas/v2/groups/${SANDBOX}/backup/exportBuckets`, jsonPost({bucketName: 'fresh-exports-bucket', cloudProvider: 'AWS', iamRoleId: role.roleId}));
			assert.equal(created.status, 200);
		});

		test('held propagation refuses authorize until released; create is not held again after it', async () => {
			const role = await createRole();
			h.sim.controls.holdIamPropagation();
			const first = await authorize(SANDBOX, role.roleId, DEMO_AWS_ROLE_ARNS.wizardNew);
			assert.equal(first.status, 400);
			assert.deepEqual(first.body.parameters, [DEMO_AWS_ROLE_ARNS.wizardNew]);
			assert.equal((await authorize(SANDBOX, role.roleId, DEMO_AWS_ROLE_ARNS.wizardNew)).status, 400, 'held until released');
			h.sim.controls.releaseIamPropagation();
			assert.equal((await authorize(SANDBOX, role.roleId, DEMO_AWS_ROLE_ARNS.wizardNew)).status, 200);
			const bucket = await h.client.json(`/api/atlas/v2/groups/${SANDBOX}/backup/exportBuckets`, jsonPost({bucketName: 'acme-atlas-snapshots', cloudProvider: 'AWS', iamRoleId: role.roleId}));
			assert.equal(bucket.status, 200);
		});

		test('a hold of both stages with releaseAfterRefusals refuses authorize, then create, that many times each', async () => {
			const role = await createRole();
			h.sim.controls.holdIamPropagation({releaseAfterRefusals: 1});
			const statuses = [];
			for (let attempt = 0; attempt < 2; attempt++) statuses.push((await authorize(SANDBOX, role.roleId, DEMO_AWS_ROLE_ARNS.wizardNew)).status);
			const body = jsonPost({bucketName: 'acme-atlas-snapshots', cloudProvider: 'AWS', iamRoleId: role.roleId});
			for (let attempt = 0; attempt < 2; attempt++) statuses.push((await h.client.json(`/api/atlas/v2/groups/${SANDBOX}/backup/exportBuckets`, body)).status);
			assert.deepEqual(statuses, [400, 200, 400, 200]);
			h.sim.controls.releaseIamPropagation();
		});

		test('a hold of create only lets authorize through', async () => {
			const role = await createRole();
			h.sim.controls.holdIamPropagation({stages: ['create']});
			assert.equal((await authorize(SANDBOX, role.roleId, DEMO_AWS_ROLE_ARNS.wizardNew)).status, 200);
			h.sim.controls.releaseIamPropagation();
		});

		test('the wall-clock delay counts from the first attempt with that ARN; a trust failure starts nothing', async () => {
			h.sim.controls.setIamPropagationDelay(10_000);
			const role = await createRole();
			assert.equal((await authorize(SANDBOX, role.roleId, 'arn:aws:iam::123456789012:role/nobody-made-this')).status, 400);
			h.sim.controls.advanceClock(10_000);
			assert.equal((await authorize(SANDBOX, role.roleId, DEMO_AWS_ROLE_ARNS.wizardNew)).status, 400, 'the first trusted attempt starts the delay');
			h.sim.controls.advanceClock(9_000);
			assert.equal((await authorize(SANDBOX, role.roleId, DEMO_AWS_ROLE_ARNS.wizardNew)).status, 400);
			h.sim.controls.advanceClock(1_000);
			assert.equal((await authorize(SANDBOX, role.roleId, DEMO_AWS_ROLE_ARNS.wizardNew)).status, 200);
		});
	});
});
