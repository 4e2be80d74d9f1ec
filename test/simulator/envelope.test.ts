import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {DEMO_EXPORT_BUCKET_ID} from '../../source/simulator/index.js';
import {harness, PRODUCTION, V2023, V2024, type Harness} from './helpers.js';

const list = `/api/atlas/v2/groups/${PRODUCTION}/backup/exportBuckets`;

describe('simulator envelope and pretty', () => {
	let h: Harness;
	before(async () => {
		h = await harness();
	});
	after(() => h.sim.close());

	test('envelope=true wraps one result as {status, content}', async () => {
		const result = await h.client.json(`${list}/${DEMO_EXPORT_BUCKET_ID}?envelope=true`, {accept: V2024});
		assert.equal(result.status, 200);
		assert.deepEqual(Object.keys(result.body).sort(), ['content', 'status']);
		assert.equal(result.body.status, 200);
		assert.equal(result.body.content._id, DEMO_EXPORT_BUCKET_ID);
	});

	test('envelope=true puts status beside results in a list', async () => {
		const result = await h.client.json(`${list}?envelope=true`, {accept: V2024});
		assert.equal(result.body.status, 200);
		assert.equal(result.body.results.length, 1);
		assert.equal(result.body.totalCount, 1);
	});

	test('an enveloped error is HTTP 200 with the error status inside', async () => {
		const result = await h.client.json('/api/atlas/v2/groups/6650a1f2c3d4e5f6a7b8c9ee?envelope=true', {accept: V2023});
		assert.equal(result.status, 200);
		assert.equal(result.body.status, 404);
		assert.equal(result.body.content.errorCode, 'GROUP_NOT_FOUND');
		assert.equal(h.sim.log.at(-1)?.errorCode, 'GROUP_NOT_FOUND');
		const versionError = await h.client.json('/api/atlas/v2/groups?envelope=true', {accept: 'application/json'});
		assert.equal(versionError.status, 200);
		assert.equal(versionError.body.status, 406);
	});

	test('an enveloped delete is HTTP 200 with status 204 inside', async () => {
		const result = await h.client.json(`${list}/${DEMO_EXPORT_BUCKET_ID}?envelope=true`, {method: 'DELETE', accept: V2023});
		assert.equal(result.status, 200);
		assert.equal(result.body.status, 204);
	});

	test('v1.0 names the single-result wrapper key `envelope`, as its page documents', async () => {
		const result = await h.client.json(`/api/atlas/v1.0/groups/${PRODUCTION}?envelope=true`, {accept: 'application/json'});
		assert.equal(result.body.status, 200);
		assert.equal(result.body.envelope.id, PRODUCTION);
	});

	test('the challenge is never enveloped', async () => {
		const response = await fetch(`${h.sim.baseUrl}${list}?envelope=true`, {headers: {accept: V2024}});
		assert.equal(response.status, 401);
		assert.equal((await response.json()).errorCode, 'UNEXPECTED_ERROR');
	});

	test('pretty=true indents, without it the body is compact; pretty and envelope combine', async () => {
		const compact = await (await h.client.send(`/api/atlas/v2/groups/${PRODUCTION}`)).text();
		assert.ok(!compact.includes('\n'));
		const pretty = await (await h.client.send(`/api/atlas/v2/groups/${PRODUCTION}?pretty=true`)).text();
		assert.ok(pretty.includes('\n  "id": "6650a1f2c3d4e5f6a7b8c9d0"'));
		assert.deepEqual(JSON.parse(pretty), JSON.parse(compact));
		const both = await (await h.client.send(`/api/atlas/v2/groups/${PRODUCTION}?pretty=true&envelope=true`)).text();
		assert.ok(both.includes('\n  "status": 200'));
		const prettyError = await (await h.client.send('/api/atlas/v2/groups/6650a1f2c3d4e5f6a7b8c9ee?pretty=true')).text();
		assert.ok(prettyError.includes('\n  "errorCode": "GROUP_NOT_FOUND"'));
	});
});
