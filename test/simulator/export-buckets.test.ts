import assert from 'node:assert/strict';
import {afterEach, beforeEach, describe, test} from 'node:test';
import {DEMO_EXPORT_BUCKET_ID, DEMO_IN_USE_EXPORT_BUCKET_ID, DEMO_READONLY_BUCKET, DEMO_ROLE_IDS} from '../../source/simulator/index.js';
import {ANALYTICS, harness, jsonPost, PRODUCTION, SANDBOX, V2023, V2024, type Harness} from './helpers.js';

const buckets = (groupId: string) => `/api/atlas/v2/groups/${groupId}/backup/exportBuckets`;
const createBody = (overrides: Record<string, unknown> = {}) => ({
	bucketName: 'acme-atlas-snapshots-eu',
	cloudProvider: 'AWS',
	iamRoleId: DEMO_ROLE_IDS.productionArchive,
	...overrides,
});

describe('simulator export buckets', () => {
	let h: Harness;
	beforeEach(async () => {
		h = await harness();
	});
	afterEach(() => h.sim.close());

	async function create(body: unknown, options: {accept?: string; groupId?: string} = {}) {
		return h.client.json(buckets(options.groupId ?? PRODUCTION), jsonPost(body, options.accept));
	}

	test('create returns 200 with exactly the recorded fields (no region, no links), GET one adds region, and the role records EXPORT_SNAPSHOT', async () => {
		const {status, body, response} = await create(createBody({requirePrivateNetworking: true}));
		assert.equal(status, 200);
		assert.equal(response.headers.get('content-type'), `${V2024};charset=utf-8`);
		assert.deepEqual(Object.keys(body).sort(), ['_id', 'bucketName', 'cloudProvider', 'iamRoleId', 'requirePrivateNetworking']);
		assert.match(body._id, /^[a-f\d]{24}$/);
		assert.equal(body.id, undefined);
		assert.equal(body.bucketName, 'acme-atlas-snapshots-eu');
		assert.equal(body.cloudProvider, 'AWS');
		assert.equal(body.iamRoleId, DEMO_ROLE_IDS.productionArchive);
		assert.equal(body.requirePrivateNetworking, true);

		const access = await h.client.json(`/api/atlas/v2/groups/${PRODUCTION}/cloudProviderAccess`);
		const role = access.body.awsIamRoles.find((item: any) => item.roleId === DEMO_ROLE_IDS.productionArchive);
		assert.deepEqual(role.featureUsages, [{featureType: 'EXPORT_SNAPSHOT', featureId: {exportBucketId: body._id, groupId: PRODUCTION}}]);

		const fetched = await h.client.json(`${buckets(PRODUCTION)}/${body._id}`, {accept: V2024});
		assert.deepEqual(fetched.body, {...body, region: 'eu-west-1'});
	});

	test('create defaults requirePrivateNetworking to false and works with 2023-01-01 and v1.0', async () => {
		const old = await create(createBody(), {accept: V2023});
		assert.equal(old.status, 200);
		assert.equal(old.body.requirePrivateNetworking, false);
		assert.equal(old.response.headers.get('content-type'), `${V2023};charset=utf-8`);
		const v1 = await h.client.json(`/api/atlas/v1.0/groups/${PRODUCTION}/backup/exportBuckets`, jsonPost(createBody(), 'application/json'));
		assert.equal(v1.status, 200);
		assert.equal(v1.response.headers.get('content-type'), 'application/json;charset=utf-8');
		assert.match(v1.body._id, /^[a-f\d]{24}$/);
	});

	test('list, get and delete; delete answers 204 and removes the feature usage', async () => {
		const list = await h.client.json(buckets(PRODUCTION), {accept: V2024});
		assert.equal(list.status, 200);
		assert.equal(list.body.totalCount, 1);
		assert.equal(list.body.results[0]._id, DEMO_EXPORT_BUCKET_ID);
		assert.equal(list.body.results[0].bucketName, 'acme-atlas-snapshots');
		assert.deepEqual(Object.keys(list.body.results[0]).sort(), ['_id', 'bucketName', 'cloudProvider', 'iamRoleId', 'requirePrivateNetworking'], 'list items carry neither region nor links');
		assert.equal(list.body.links[0].rel, 'self');

		const empty = await h.client.json(buckets(SANDBOX), {accept: V2024});
		assert.deepEqual(empty.body.results, []);
		assert.equal(empty.body.totalCount, 0);

		const one = await h.client.json(`${buckets(PRODUCTION)}/${DEMO_EXPORT_BUCKET_ID}`, {accept: V2024});
		assert.equal(one.body.iamRoleId, DEMO_ROLE_IDS.productionExport);

		const removed = await h.client.send(`${buckets(PRODUCTION)}/${DEMO_EXPORT_BUCKET_ID}`, {method: 'DELETE', accept: V2023});
		assert.equal(removed.status, 204);
		assert.equal(removed.headers.get('content-type'), `${V2023};charset=utf-8`, 'a 204 still sends its versioned Content-Type');
		assert.equal(await removed.text(), '');
		const again = await h.client.json(`${buckets(PRODUCTION)}/${DEMO_EXPORT_BUCKET_ID}`, {accept: V2024});
		assert.equal(again.status, 404);
		assert.equal(again.body.errorCode, 'EXPORT_BUCKET_NOT_FOUND');
		const access = await h.client.json(`/api/atlas/v2/groups/${PRODUCTION}/cloudProviderAccess`);
		const role = access.body.awsIamRoles.find((item: any) => item.roleId === DEMO_ROLE_IDS.productionExport);
		assert.deepEqual(role.featureUsages, []);
	});

	test('delete of a bucket still used by auto export answers EXPORT_BUCKET_DELETE_FAILED_BUCKET_IN_USE', async () => {
		const result = await h.client.json(`${buckets(ANALYTICS)}/${DEMO_IN_USE_EXPORT_BUCKET_ID}`, {method: 'DELETE', accept: V2023});
		assert.equal(result.status, 400);
		assert.equal(result.body.errorCode, 'EXPORT_BUCKET_DELETE_FAILED_BUCKET_IN_USE');
	});

	test('a bucket of another project is not found through this project', async () => {
		const result = await h.client.json(`${buckets(PRODUCTION)}/${DEMO_IN_USE_EXPORT_BUCKET_ID}`, {accept: V2024});
		assert.equal(result.status, 404);
		assert.equal(result.body.errorCode, 'EXPORT_BUCKET_NOT_FOUND');
	});

	test('project errors: GROUP_NOT_FOUND and INVALID_GROUP_ID with Atlas bodies', async () => {
		const missing = await h.client.json(buckets('6650a1f2c3d4e5f6a7b8c9ee'), {accept: V2024});
		assert.equal(missing.status, 404);
		assert.deepEqual(Object.keys(missing.body).sort(), ['detail', 'error', 'errorCode', 'parameters', 'reason']);
		assert.equal(missing.body.errorCode, 'GROUP_NOT_FOUND');
		assert.equal(missing.body.error, 404);
		assert.equal(missing.body.reason, 'Not Found');
		assert.equal(missing.response.headers.get('content-type'), 'application/json');
		const invalid = await create(createBody(), {groupId: 'not-a-project'});
		assert.equal(invalid.status, 404);
		assert.equal(invalid.body.errorCode, 'INVALID_GROUP_ID');
		assert.equal(h.sim.log.at(-1)?.errorCode, 'INVALID_GROUP_ID');
	});

	// Atlas's codes: MALFORMED_JSON (not JSON, or not an object), MISSING_ATTRIBUTE, INVALID_ATTRIBUTE
	// (a field the request does not take, a value outside the enum), INVALID_JSON_ATTRIBUTE (wrong form).
	const invalidBodies: Array<[string, unknown, string, unknown[]]> = [
		['an AWS role ARN as iamRoleId', createBody({iamRoleId: 'arn:aws:iam::123456789012:role/atlas-snapshot-export'}), 'INVALID_JSON_ATTRIBUTE', ['iamRoleId']],
		['an AWS role id as iamRoleId', createBody({iamRoleId: 'AROA3XFRBF23EXAMPLE'}), 'INVALID_JSON_ATTRIBUTE', ['iamRoleId']],
		['upper-case hex iamRoleId', createBody({iamRoleId: DEMO_ROLE_IDS.productionArchive.toUpperCase()}), 'INVALID_JSON_ATTRIBUTE', ['iamRoleId']],
		['missing iamRoleId', {bucketName: 'acme-backup-archive', cloudProvider: 'AWS'}, 'MISSING_ATTRIBUTE', ['iamRoleId']],
		['missing bucketName', {cloudProvider: 'AWS', iamRoleId: DEMO_ROLE_IDS.productionArchive}, 'MISSING_ATTRIBUTE', ['bucketName']],
		['missing cloudProvider', {bucketName: 'acme-backup-archive', iamRoleId: DEMO_ROLE_IDS.productionArchive}, 'MISSING_ATTRIBUTE', ['cloudProvider']],
		['cloudProvider aws (lower case)', createBody({cloudProvider: 'aws'}), 'INVALID_ATTRIBUTE', ['cloudProvider']],
		['bucketName not a string', createBody({bucketName: 42}), 'INVALID_JSON_ATTRIBUTE', ['bucketName']],
		['requirePrivateNetworking not a boolean', createBody({requirePrivateNetworking: 'yes'}), 'INVALID_JSON_ATTRIBUTE', ['requirePrivateNetworking']],
		['an unknown attribute', createBody({iamRoleID: DEMO_ROLE_IDS.productionArchive}), 'INVALID_ATTRIBUTE', ['iamRoleID']],
		['a JSON array', [createBody()], 'MALFORMED_JSON', []],
		['malformed JSON', '{"bucketName": "acme-backup-archive",', 'MALFORMED_JSON', []],
	];
	for (const [name, body, errorCode, parameters] of invalidBodies) {
		test(`create rejects ${name} with 400 ${errorCode}`, async () => {
			const result = await create(body);
			assert.equal(result.status, 400, JSON.stringify(result.body));
			assert.equal(result.body.errorCode, errorCode);
			assert.deepEqual(result.body.parameters, parameters);
			assert.equal(result.response.headers.get('x-error-code'), errorCode);
		});
	}

	test('AZURE and GCP are valid only at 2024-05-30, and the simulator holds no such roles', async () => {
		const azure = {cloudProvider: 'AZURE', roleId: DEMO_ROLE_IDS.productionArchive, serviceUrl: 'https://acme.blob.core.windows.net/snapshots'};
		const now = await create(azure, {accept: V2024});
		assert.equal(now.body.errorCode, 'CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND');
		const gcpMissingName = await create({cloudProvider: 'GCP', roleId: DEMO_ROLE_IDS.productionArchive}, {accept: V2024});
		assert.equal(gcpMissingName.body.errorCode, 'MISSING_ATTRIBUTE');
		const old = await create(azure, {accept: V2023});
		assert.equal(old.body.errorCode, 'INVALID_ATTRIBUTE');
	});

	const invalidNames = [
		'ab',
		'a'.repeat(64),
		'Acme-Snapshots',
		'acme_snapshots',
		'-acme',
		'acme-',
		'acme..snapshots',
		'192.168.5.4',
		'xn--acme',
		'sthree-acme',
		'amzn-s3-demo-bucket',
		'acme-s3alias',
		'acme--ol-s3',
		'acme.mrap',
		'acme--x-s3',
		's3://acme-atlas-snapshots',
		'arn:aws:s3:::acme-atlas-snapshots',
	];
	for (const bucketName of invalidNames) {
		test(`create rejects bucket name ${JSON.stringify(bucketName.length > 20 ? `${bucketName.slice(0, 20)}…` : bucketName)} with EXPORT_BUCKET_NAME_INVALID`, async () => {
			const result = await create(createBody({bucketName}));
			assert.equal(result.status, 400);
			assert.equal(result.body.errorCode, 'EXPORT_BUCKET_NAME_INVALID');
			assert.ok(result.body.detail.includes(bucketName));
			assert.deepEqual(result.body.parameters, [bucketName]);
		});
	}

	test('permission check: unknown role, unauthorized role, missing bucket, bucket the role may not write', async () => {
		const unknown = await create(createBody({iamRoleId: 'ffffffffffffffffffffffff'}));
		assert.equal(unknown.status, 400);
		assert.equal(unknown.body.errorCode, 'CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND');

		const otherProjectRole = await create(createBody({iamRoleId: DEMO_ROLE_IDS.analyticsExport}));
		assert.equal(otherProjectRole.body.errorCode, 'CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND');

		const unauthorized = await create(createBody({iamRoleId: DEMO_ROLE_IDS.productionUnauthorized}));
		assert.equal(unauthorized.status, 400);
		assert.equal(unauthorized.body.errorCode, 'CLOUD_PROVIDER_ACCESS_ROLE_NOT_AUTHORIZED');
		assert.equal(unauthorized.body.detail, `The specified Cloud Provider Access role (${DEMO_ROLE_IDS.productionUnauthorized}) has not been authorized.`);
		assert.deepEqual(unauthorized.body.parameters, [DEMO_ROLE_IDS.productionUnauthorized]);

		const missingBucket = await create(createBody({bucketName: 'acme-no-such-bucket'}));
		assert.equal(missingBucket.status, 400);
		assert.equal(missingBucket.body.errorCode, 'CANNOT_ASSUME_ROLE');

		const locked = await create(createBody({bucketName: DEMO_READONLY_BUCKET.name, iamRoleId: DEMO_ROLE_IDS.productionExport}));
		assert.equal(locked.body.errorCode, 'CANNOT_ASSUME_ROLE');
		assert.equal(locked.body.detail, `Atlas cannot assume the specified role (${DEMO_ROLE_IDS.productionExport}).`);
		assert.deepEqual(locked.body.parameters, [DEMO_ROLE_IDS.productionExport]);

		const wrongRole = await create(createBody({bucketName: 'acme-backup-archive', iamRoleId: DEMO_ROLE_IDS.productionExport}));
		assert.equal(wrongRole.body.errorCode, 'CANNOT_ASSUME_ROLE');

		const right = await create(createBody({bucketName: 'acme-backup-archive', iamRoleId: DEMO_ROLE_IDS.productionArchive}));
		assert.equal(right.status, 200);
		const fetched = await h.client.json(`${buckets(PRODUCTION)}/${right.body._id}`, {accept: V2024});
		assert.equal(fetched.body.region, 'us-west-2', 'the region Atlas found for the bucket, shown by GET one');
	});

	test('wrong Content-Type answers 415, a missing body 400', async () => {
		const textPlain = await h.client.json(buckets(PRODUCTION), {...jsonPost(createBody()), headers: {'content-type': 'text/plain'}});
		assert.equal(textPlain.status, 415);
		assert.equal(textPlain.body.errorCode, 'UNSUPPORTED_MEDIA_TYPE');
		const form = await h.client.json(buckets(PRODUCTION), {...jsonPost(createBody()), headers: {'content-type': 'application/x-www-form-urlencoded'}});
		assert.equal(form.status, 415);
		const vnd = await h.client.json(buckets(PRODUCTION), {...jsonPost(createBody()), headers: {'content-type': `${V2024}; charset=utf-8`}});
		assert.equal(vnd.status, 200);
		const noBody = await h.client.json(buckets(PRODUCTION), {method: 'POST', accept: V2024, headers: {'content-type': 'application/json'}});
		assert.equal(noBody.status, 400);
		assert.equal(noBody.body.errorCode, 'MALFORMED_JSON');
	});

	test('a body over 1 MiB is refused with 413 before anything else', async () => {
		const response = await fetch(h.sim.baseUrl + buckets(PRODUCTION), {
			method: 'POST',
			headers: {'content-type': 'application/json', accept: V2024},
			body: JSON.stringify(createBody({padding: 'x'.repeat(1024 * 1024)})),
		});
		assert.equal(response.status, 413);
		assert.equal((await response.json()).errorCode, 'PAYLOAD_TOO_LARGE');
		assert.equal(h.sim.log.at(-1)?.status, 413);
	});

	test('the log records the raw body and the request headers', async () => {
		await create(createBody());
		const entry = h.sim.log.at(-1);
		assert.equal(entry?.method, 'POST');
		assert.equal(entry?.path, buckets(PRODUCTION));
		assert.equal(entry?.body, JSON.stringify(createBody()));
		assert.equal(entry?.headers['content-type'], 'application/json');
		assert.equal(entry?.headers.accept, V2024);
		assert.match(entry?.headers.authorization ?? '', /^Digest /);
		assert.equal(entry?.authenticated, true);
		assert.equal(entry?.status, 200);
		assert.ok((entry?.handlingMs ?? -1) >= 0);
		const challenge = h.sim.log.at(0);
		assert.equal(challenge?.status, 401);
		assert.equal(challenge?.body, JSON.stringify(createBody()), 'the challenged request keeps its body in the log');
	});
});
