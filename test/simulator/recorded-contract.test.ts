// Contract with the recorded exchanges: the simulator's bodies, key sets, headers and values for the
// operations this tool uses, compared with test/fixtures/recorded/atlas-2026.json (written from the
// "Recorded" section of the API notes; its `_source` says where each value comes from).
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, beforeEach, describe, test} from 'node:test';
import {DEMO_EXPORT_BUCKET_ID, DEMO_READONLY_BUCKET, DEMO_ROLE_IDS, DEMO_ROLE_KEYS} from '../../source/simulator/index.js';
import {DigestClient, parseChallenge} from './digest-helper.js';
import {harness, jsonPost, PRODUCTION, SANDBOX, V2023, V2024, type Harness} from './helpers.js';

type Recorded = Record<string, any>;
const recorded = JSON.parse(readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/recorded/atlas-2026.json'), 'utf8')) as Recorded;

/** The recorded value with its placeholders filled in. */
function fill<T>(value: T, values: Record<string, string>): T {
	return JSON.parse(JSON.stringify(value).replace(/<(\w+)>/g, (whole, name: string) => values[name] ?? whole)) as T;
}

const buckets = `/api/atlas/v2/groups/${PRODUCTION}/backup/exportBuckets`;

describe('the simulator answers as recorded from real Atlas', () => {
	let h: Harness;
	beforeEach(async () => {
		h = await harness();
	});
	afterEach(() => h.sim.close());

	test('wrong keys: 401, application/json, a fresh challenge, the pretty body without parameters', async () => {
		const response = await fetch(`${h.sim.baseUrl}/api/atlas/v2/groups`, {headers: {accept: V2023}});
		const text = await response.text();
		assert.equal(response.status, recorded.badKeys.status);
		assert.equal(response.headers.get('content-type'), recorded.badKeys.contentType);
		assert.match(response.headers.get('www-authenticate') ?? '', new RegExp(recorded.badKeys.challenge));
		assert.deepEqual(JSON.parse(text), recorded.badKeys.body);
		assert.equal(text, JSON.stringify(recorded.badKeys.body, null, 2), 'pretty-printed, in the recorded key order');
		const again = await fetch(`${h.sim.baseUrl}/api/atlas/v2/groups`, {headers: {accept: V2023}});
		await again.arrayBuffer();
		assert.notEqual(parseChallenge(again.headers.get('www-authenticate')).nonce, parseChallenge(response.headers.get('www-authenticate')).nonce);
	});

	test('a valid key without the role: 401 USER_UNAUTHORIZED, no challenge', async () => {
		const readOnly = new DigestClient(h.sim.baseUrl, DEMO_ROLE_KEYS.readOnly);
		const result = await readOnly.json(buckets, jsonPost({bucketName: 'acme-backup-archive', cloudProvider: 'AWS', iamRoleId: DEMO_ROLE_IDS.productionArchive}));
		assert.equal(result.status, recorded.userUnauthorized.status);
		assert.equal(result.body.errorCode, recorded.userUnauthorized.errorCode);
		assert.equal(result.body.detail, recorded.userUnauthorized.detail);
		assert.equal(result.response.headers.get('www-authenticate'), null);
	});

	test('an access list required: 403 RESOURCE_REQUIRES_ACCESS_LIST with [ip] and X-Error-Code', async () => {
		h.sim.controls.requireAccessList({scope: 'resource', endpointSet: 'cloudBackups'});
		const result = await h.client.json(buckets, {accept: V2024});
		assert.equal(result.status, recorded.resourceRequiresAccessList.status);
		assert.deepEqual(result.body, fill(recorded.resourceRequiresAccessList.body, {ip: '127.0.0.1'}));
		assert.equal(result.response.headers.get('x-error-code'), 'RESOURCE_REQUIRES_ACCESS_LIST');
	});

	test('errors fill parameters as recorded and carry X-Error-Code', async () => {
		const cases: Array<[string, Promise<{status: number; body: any; response: Response}>, Record<string, string>]> = [];
		const missingGroup = 'aaaaaaaaaaaaaaaaaaaaaaaa';
		cases.push(['groupNotFound', h.client.json(`/api/atlas/v2/groups/${missingGroup}`), {groupId: missingGroup}]);
		for (const [name, pending, values] of cases) {
			const result = await pending;
			assert.equal(result.status, recorded[name].status, name);
			assert.deepEqual(result.body, fill(recorded[name].body, values), name);
			assert.equal(result.response.headers.get('x-error-code'), recorded[name].body.errorCode, name);
		}
		const notAuthorized = await h.client.json(buckets, jsonPost({bucketName: 'acme-backup-archive', cloudProvider: 'AWS', iamRoleId: DEMO_ROLE_IDS.productionUnauthorized}));
		assert.deepEqual(notAuthorized.body, fill(recorded.roleNotAuthorized.body, {roleId: DEMO_ROLE_IDS.productionUnauthorized}));
		const cannotAssume = await h.client.json(buckets, jsonPost({bucketName: DEMO_READONLY_BUCKET.name, cloudProvider: 'AWS', iamRoleId: DEMO_ROLE_IDS.productionExport}));
		assert.deepEqual(cannotAssume.body, fill(recorded.cannotAssumeRoleAtCreate.body, {roleId: DEMO_ROLE_IDS.productionExport}));
		const version = await h.client.json('/api/atlas/v2/groups', {accept: 'application/vnd.atlas.2019-01-01+json'});
		assert.equal(version.status, recorded.invalidVersionDate.status);
		assert.deepEqual(version.body, recorded.invalidVersionDate.body);
	});

	test('429 at the recorded Cloud Backups limit: detail, parameters and Ratelimit-* headers', async () => {
		h.sim.controls.setClock(Date.parse('2026-08-01T00:00:00Z'));
		for (let index = 0; index < 1200; index++) await (await h.client.send(buckets, {accept: V2024})).arrayBuffer();
		const limited = await h.client.json(buckets, {accept: V2024});
		assert.equal(limited.status, recorded.rateLimited.status);
		assert.equal(limited.body.errorCode, recorded.rateLimited.errorCode);
		assert.ok(limited.body.detail.startsWith(fill(recorded.rateLimited.detailStart, {path: buckets})), limited.body.detail);
		assert.deepEqual(limited.body.parameters, fill(recorded.rateLimited.parameters, {path: buckets}));
		for (const header of recorded.rateLimited.headers as string[]) assert.notEqual(limited.response.headers.get(header), null, header);
	});

	test('export bucket shapes per operation, and the 204 delete keeps its versioned Content-Type', async () => {
		const created = await h.client.json(buckets, jsonPost({bucketName: 'acme-backup-archive', cloudProvider: 'AWS', iamRoleId: DEMO_ROLE_IDS.productionArchive}));
		assert.equal(created.status, recorded.exportBucketCreate.status);
		assert.equal(created.response.headers.get('content-type'), recorded.exportBucketCreate.contentType);
		assert.deepEqual(Object.keys(created.body).sort(), recorded.exportBucketCreate.keys);
		for (const [key, value] of Object.entries(recorded.exportBucketCreate.values)) assert.deepEqual(created.body[key], value, key);
		const one = await h.client.json(`${buckets}/${created.body._id}`, {accept: V2024});
		assert.deepEqual(Object.keys(one.body).sort(), recorded.exportBucketGet.keys);
		const list = await h.client.json(buckets, {accept: V2024});
		for (const item of list.body.results) assert.deepEqual(Object.keys(item).sort(), recorded.exportBucketListItem.keys);
		const removed = await h.client.send(`${buckets}/${DEMO_EXPORT_BUCKET_ID}`, {method: 'DELETE', accept: V2023});
		assert.equal(removed.status, recorded.exportBucketDelete.status);
		assert.equal(removed.headers.get('content-type'), recorded.exportBucketDelete.contentType);
	});

	test('duplicates are accepted, as Atlas does: the same bucket and role registered again', async () => {
		const body = {bucketName: 'acme-atlas-snapshots', cloudProvider: 'AWS', iamRoleId: DEMO_ROLE_IDS.productionExport};
		assert.equal((await h.client.json(buckets, jsonPost(body))).status, 200);
		assert.equal((await h.client.json(buckets, jsonPost(body))).status, 200);
		const list = await h.client.json(buckets, {accept: V2024});
		assert.equal(list.body.results.filter((item: any) => item.bucketName === 'acme-atlas-snapshots').length, 3, 'the seeded one and two more');
	});

	test('role create: explicit nulls until authorized; the list holds it beside Azure and GCP', async () => {
		const created = await h.client.json(`/api/atlas/v2/groups/${SANDBOX}/cloudProviderAccess`, jsonPost({providerName: 'AWS'}, V2023));
		assert.equal(created.status, recorded.roleCreate.status);
		assert.deepEqual(Object.keys(created.body).sort(), recorded.roleCreate.keys);
		for (const [key, value] of Object.entries(recorded.roleCreate.values)) assert.deepEqual(created.body[key], value, key);
		const list = await h.client.json(`/api/atlas/v2/groups/${SANDBOX}/cloudProviderAccess`);
		assert.deepEqual(Object.keys(list.body).sort(), recorded.roleList.keys);
		assert.deepEqual(list.body.awsIamRoles[0], created.body);
	});

	test('paged lists: links with includeCount, pageNum and itemsPerPage as recorded', async () => {
		const page = await h.client.json('/api/atlas/v2/groups?itemsPerPage=100');
		assert.deepEqual(Object.keys(page.body).sort(), recorded.pagedList.keys);
		const self = page.body.links.find((link: any) => link.rel === 'self');
		assert.ok(self.href.endsWith(`/api/atlas/v2/groups${recorded.pagedList.selfQuery}`), self.href);
		const two = await h.client.json('/api/atlas/v2/groups?itemsPerPage=1');
		const next = two.body.links.find((link: any) => link.rel === 'next');
		assert.ok(next.href.endsWith(recorded.pagedList.nextEndsWith), next.href);
	});
});
