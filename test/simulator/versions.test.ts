import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {DEMO_EXPORT_BUCKET_ID} from '../../source/simulator/index.js';
import {harness, PRODUCTION, V2023, V2024, type Harness} from './helpers.js';

const list = `/api/atlas/v2/groups/${PRODUCTION}/backup/exportBuckets`;
const one = `${list}/${DEMO_EXPORT_BUCKET_ID}`;

describe('simulator API versions', () => {
	let h: Harness;
	before(async () => {
		h = await harness();
	});
	after(() => h.sim.close());

	test('v2 answers the recorded 406 INVALID_VERSION_DATE body to a missing or plain JSON Accept', async () => {
		for (const accept of [null, 'application/json', '*/*']) {
			const result = await h.client.json('/api/atlas/v2/groups', {accept});
			assert.equal(result.status, 406, String(accept));
			assert.deepEqual(result.body, {detail: 'Invalid accept header or version date.', error: 406, errorCode: 'INVALID_VERSION_DATE', parameters: [], reason: 'Not Acceptable'});
			assert.equal(result.response.headers.get('content-type'), 'application/json');
			assert.equal(result.response.headers.get('x-error-code'), 'INVALID_VERSION_DATE');
		}
	});

	test('v2 answers 406 to a version the operation does not have', async () => {
		const future = await h.client.json('/api/atlas/v2/groups', {accept: 'application/vnd.atlas.2099-01-01+json'});
		assert.equal(future.status, 406);
		const deleteAt2024 = await h.client.json(one, {method: 'DELETE', accept: V2024});
		assert.equal(deleteAt2024.status, 406, 'delete exists only at 2023-01-01');
		const groupsAt2024 = await h.client.json('/api/atlas/v2/groups', {accept: V2024});
		assert.equal(groupsAt2024.status, 406);
		const notADate = await h.client.json('/api/atlas/v2/groups', {accept: 'application/vnd.atlas.2023-13-45+json'});
		assert.equal(notADate.status, 406);
		const old = await h.client.json(list, {accept: 'application/vnd.atlas.2022-01-01+json'});
		assert.equal(old.status, 406, 'a date older than every version is not a removed version: 406, not 410');
		assert.equal(old.body.errorCode, 'INVALID_VERSION_DATE');
	});

	test('410 VERSION_GONE only once a version\'s sunset date has passed (simulator clock)', async () => {
		try {
			h.sim.controls.setClock(Date.parse('2027-06-30T23:59:59Z'));
			assert.equal((await h.client.json(list, {accept: V2023})).status, 200, 'the day before the sunset');
			h.sim.controls.advanceClock(1000);
			const gone = await h.client.json(list, {accept: V2023});
			assert.equal(gone.status, 410);
			assert.equal(gone.body.errorCode, 'VERSION_GONE');
			assert.equal(gone.body.reason, 'Gone');
			assert.match(gone.body.detail, /2023-01-01/);
			assert.equal((await h.client.json(list, {accept: V2024})).status, 200, 'the current version still answers');
			assert.equal((await h.client.json(one, {method: 'DELETE', accept: 'application/vnd.atlas.2022-01-01+json'})).status, 406);
		} finally {
			h.sim.controls.setClock(null);
		}
	});

	test('the served version is echoed in Content-Type; export buckets accept 2024-05-30 and 2023-01-01', async () => {
		for (const accept of [V2024, V2023]) {
			for (const path of [list, one]) {
				const result = await h.client.json(path, {accept});
				assert.equal(result.status, 200);
				assert.equal(result.response.headers.get('content-type'), `${accept};charset=utf-8`);
			}
		}
		const groups = await h.client.json('/api/atlas/v2/groups', {accept: V2023});
		assert.equal(groups.response.headers.get('content-type'), `${V2023};charset=utf-8`);
	});

	test('several media types in Accept: the first supported version wins', async () => {
		const result = await h.client.json(list, {accept: `application/vnd.atlas.2099-01-01+json, ${V2023}, ${V2024}`});
		assert.equal(result.status, 200);
		assert.equal(result.response.headers.get('content-type'), `${V2023};charset=utf-8`);
	});

	test('2023-01-01 export-bucket responses carry Deprecation and Sunset (2027-07-01); 2024-05-30 ones do not', async () => {
		const old = await h.client.send(list, {accept: V2023});
		await old.arrayBuffer();
		assert.equal(old.headers.get('sunset'), 'Thu, 01 Jul 2027 00:00:00 GMT');
		assert.ok(old.headers.get('deprecation'));
		const current = await h.client.send(list, {accept: V2024});
		await current.arrayBuffer();
		assert.equal(current.headers.get('sunset'), null);
		assert.equal(current.headers.get('deprecation'), null);
		const groups = await h.client.send('/api/atlas/v2/groups', {accept: V2023});
		await groups.arrayBuffer();
		assert.equal(groups.headers.get('sunset'), null, 'only the export-bucket variants are sunset');
	});

	test('v1.0 ignores the Accept version and answers application/json', async () => {
		for (const accept of [null, 'application/json']) {
			const result = await h.client.json(`/api/atlas/v1.0/groups/${PRODUCTION}/backup/exportBuckets`, {accept});
			assert.equal(result.status, 200);
			assert.equal(result.response.headers.get('content-type'), 'application/json;charset=utf-8');
			assert.equal(result.body.results[0]._id, DEMO_EXPORT_BUCKET_ID);
		}
		const key = await h.client.json('/api/atlas/v1.0', {accept: 'application/json'});
		assert.equal(key.body.apiKey.publicKey, 'demokeyq');
	});

	test('unknown paths answer 404 and wrong methods 405, both after authentication', async () => {
		const unknown = await h.client.json('/api/atlas/v2/clusters', {accept: V2023});
		assert.equal(unknown.status, 404);
		assert.equal(unknown.body.errorCode, 'RESOURCE_NOT_FOUND');
		const outside = await h.client.json('/index.html', {accept: V2023});
		assert.equal(outside.status, 404);
		const wrongMethod = await h.client.json(list, {method: 'PUT', accept: V2024});
		assert.equal(wrongMethod.status, 405);
		assert.equal(wrongMethod.response.headers.get('allow'), 'GET, POST');
		const anonymous = await fetch(`${h.sim.baseUrl}/api/atlas/v2/clusters`);
		assert.equal(anonymous.status, 401, 'routing never happens before the challenge');
	});
});
