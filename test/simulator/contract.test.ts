// Every v2 response the simulator gives in a full scenario (success and error) matches the official
// OpenAPI subset: documented status, documented content type, and the schema.
import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {DEMO_AWS_ROLE_ARNS, DEMO_EXPORT_BUCKET_ID, DEMO_IN_USE_EXPORT_BUCKET_ID, DEMO_ROLE_IDS} from '../../source/simulator/index.js';
import {ANALYTICS, harness, jsonPost, PRODUCTION, SANDBOX, V2023, V2024, type Harness} from './helpers.js';
import type {SendOptions} from './digest-helper.js';
import {OpenApiContract} from './openapi-contract.js';

type Seen = {method: string; path: string; status: number; contentType: string; body: unknown};

describe('simulator responses match the v2 OpenAPI subset', () => {
	let h: Harness;
	const contract = new OpenApiContract();
	const seen: Seen[] = [];

	async function call(path: string, options: SendOptions = {}): Promise<any> {
		const response = await h.client.send(path, options);
		const text = await response.text();
		const body = text === '' ? undefined : JSON.parse(text);
		seen.push({method: options.method ?? 'GET', path: path.split('?')[0] ?? path, status: response.status, contentType: response.headers.get('content-type') ?? '', body});
		return body;
	}

	before(async () => {
		h = await harness();
		h.sim.controls.setRateLimit({capacity: 1000, refillPerMinute: 500});
		const groups = `/api/atlas/v2/groups`;
		const buckets = (groupId: string) => `${groups}/${groupId}/backup/exportBuckets`;
		const access = (groupId: string) => `${groups}/${groupId}/cloudProviderAccess`;

		await call(`${groups}?itemsPerPage=2`);
		await call(`${groups}/${PRODUCTION}`);
		await call(`${groups}/ffffffffffffffffffffffff`);
		await call(`${groups}/not-hex`);
		for (const accept of [V2024, V2023]) {
			await call(buckets(PRODUCTION), {accept});
			await call(`${buckets(PRODUCTION)}/${DEMO_EXPORT_BUCKET_ID}`, {accept});
			await call(`${buckets(PRODUCTION)}/ffffffffffffffffffffffff`, {accept});
			await call(buckets(PRODUCTION), jsonPost({bucketName: 'acme-backup-archive', cloudProvider: 'AWS', iamRoleId: DEMO_ROLE_IDS.productionArchive, requirePrivateNetworking: true}, accept));
		}
		await call(buckets(PRODUCTION), jsonPost({bucketName: 'Bad_Name', cloudProvider: 'AWS', iamRoleId: DEMO_ROLE_IDS.productionArchive}));
		await call(buckets(PRODUCTION), jsonPost({bucketName: 'acme-backup-archive', cloudProvider: 'AWS', iamRoleId: 'arn:aws:iam::123456789012:role/x'}));
		await call(buckets(PRODUCTION), jsonPost({bucketName: 'acme-backup-archive', cloudProvider: 'AWS', iamRoleId: DEMO_ROLE_IDS.productionUnauthorized}));
		await call(buckets(PRODUCTION), jsonPost({bucketName: 'acme-locked-audit-logs', cloudProvider: 'AWS', iamRoleId: DEMO_ROLE_IDS.productionExport}));
		await call(`${buckets(ANALYTICS)}/${DEMO_IN_USE_EXPORT_BUCKET_ID}`, {method: 'DELETE', accept: V2023});
		await call(`${buckets(PRODUCTION)}/${DEMO_EXPORT_BUCKET_ID}`, {method: 'DELETE', accept: V2023});

		await call(access(PRODUCTION));
		const role = await call(access(SANDBOX), jsonPost({providerName: 'AWS'}, V2023));
		await call(`${access(SANDBOX)}/${role.roleId}`);
		await call(`${access(SANDBOX)}/${role.roleId}`, {...jsonPost({providerName: 'AWS', iamAssumedRoleArn: DEMO_AWS_ROLE_ARNS.wizardNew}, V2023), method: 'PATCH'});
		await call(`${access(SANDBOX)}/${role.roleId}`, {...jsonPost({providerName: 'AWS', iamAssumedRoleArn: 'not-an-arn'}, V2023), method: 'PATCH'});
		await call(access(SANDBOX));

		h.sim.controls.injectFault({kind: 'http500'});
		await call(`${groups}/${PRODUCTION}`);
		h.sim.controls.setAccessList(['203.0.113.9']);
		await call(`${groups}/${PRODUCTION}`);
		h.sim.controls.setAccessList(null);
		h.sim.controls.setRateLimit({capacity: 0, refillPerMinute: 1});
		await call(buckets(PRODUCTION), {accept: V2024});
	});
	after(() => h.sim.close());

	test('the scenario met every operation and the documented error statuses', () => {
		const statuses = new Set(seen.map(entry => entry.status));
		for (const status of [200, 204, 400, 403, 404, 429, 500]) assert.ok(statuses.has(status), `status ${status} was exercised`);
		const templates = new Set(seen.map(entry => `${entry.method} ${contract.template(entry.path)}`));
		assert.equal(templates.size, 10, [...templates].join('\n'));
	});

	test('the checker itself rejects an undocumented shape, status and content type', () => {
		const bucket = `/api/atlas/v2/groups/${PRODUCTION}/backup/exportBuckets/${DEMO_EXPORT_BUCKET_ID}`;
		assert.notDeepEqual(contract.check('GET', bucket, 200, V2024, {_id: 'not-hex', bucketName: 'acme-atlas-snapshots', cloudProvider: 'AWS'}), []);
		assert.notDeepEqual(contract.check('GET', bucket, 418, 'application/json', {}), []);
		assert.notDeepEqual(contract.check('GET', bucket, 200, 'text/html', {}), []);
		assert.notDeepEqual(contract.check('GET', bucket, 404, 'application/json', {error: '404', errorCode: 'EXPORT_BUCKET_NOT_FOUND', parameters: ['x']}), []);
	});

	test('each response has a documented status, content type and shape', () => {
		const problems = seen.flatMap(entry => contract.check(entry.method, entry.path, entry.status, entry.contentType, entry.body));
		assert.deepEqual(problems, []);
	});
});
