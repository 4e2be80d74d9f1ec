import assert from 'node:assert/strict';
import {afterEach, beforeEach, describe, test} from 'node:test';
import {DEMO_ROLE_IDS} from '../../source/simulator/index.js';
import {harness, jsonPost, PRODUCTION, V2024, type Harness} from './helpers.js';

const list = `/api/atlas/v2/groups/${PRODUCTION}/backup/exportBuckets`;

describe('simulator access list', () => {
	let h: Harness;
	beforeEach(async () => {
		h = await harness();
	});
	afterEach(() => h.sim.close());

	test('a caller outside the list gets 403 IP_ADDRESS_NOT_ON_ACCESS_LIST naming its IP', async () => {
		h.sim.controls.setAccessList(['203.0.113.7']);
		const result = await h.client.json('/api/atlas/v2/groups');
		assert.equal(result.status, 403);
		assert.equal(result.body.errorCode, 'IP_ADDRESS_NOT_ON_ACCESS_LIST');
		assert.match(result.body.detail, /\b127\.0\.0\.1\b/);
				assert.equal(h.sim.log.at(-1)?.authenticated, true, 'the list is checked after authentication');
	});

	test('a listed IP or CIDR block passes, null removes the list, and the key check reports it', async () => {
		h.sim.controls.setAccessList(['127.0.0.1']);
		const key = await h.client.json('/api/atlas/v2');
		assert.equal(key.status, 200);
		assert.deepEqual(key.body.apiKey.accessList, [{ipAddress: '127.0.0.1', cidrBlock: '127.0.0.1/32'}]);
		h.sim.controls.setAccessList(['127.0.0.0/8']);
		assert.equal((await h.client.json('/api/atlas/v2/groups')).status, 200);
		h.sim.controls.setAccessList([]);
		assert.equal((await h.client.json('/api/atlas/v2/groups')).status, 403);
		h.sim.controls.setAccessList(null);
		assert.equal((await h.client.json('/api/atlas/v2/groups')).status, 200);
	});
});

describe('simulator rate limit', () => {
	let h: Harness;
	beforeEach(async () => {
		h = await harness();
	});
	afterEach(() => h.sim.close());

	test('an empty token bucket answers 429 RATE_LIMITED_TOKEN_BUCKET with Retry-After seconds', async () => {
		h.sim.controls.setRateLimit({capacity: 2, refillPerMinute: 6});
		const first = await h.client.json('/api/atlas/v2/groups');
		assert.equal(first.status, 200);
		assert.equal(first.response.headers.get('ratelimit-limit'), '2');
		assert.equal(first.response.headers.get('ratelimit-remaining'), '1');
		assert.equal((await h.client.json('/api/atlas/v2/groups')).status, 200);
		const limited = await h.client.json('/api/atlas/v2/groups');
		assert.equal(limited.status, 429);
		assert.equal(limited.body.errorCode, 'RATE_LIMITED_TOKEN_BUCKET');
		assert.equal(limited.body.reason, 'Too Many Requests');
		const retryAfter = Number(limited.response.headers.get('retry-after'));
		assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 10, String(retryAfter));
		assert.equal(h.sim.log.at(-1)?.errorCode, 'RATE_LIMITED_TOKEN_BUCKET');
	});

	test('a bucket that never refills says retry after 60 seconds; null lifts the limit', async () => {
		h.sim.controls.setRateLimit({capacity: 1, refillPerMinute: 0});
		await h.client.json('/api/atlas/v2/groups');
		const limited = await h.client.json('/api/atlas/v2/groups');
		assert.equal(limited.response.headers.get('retry-after'), '60');
		h.sim.controls.setRateLimit(null);
		const free = await h.client.json('/api/atlas/v2/groups');
		assert.equal(free.status, 200);
		assert.equal(free.response.headers.get('ratelimit-limit'), null);
	});

	test('the bucket refills over time', async () => {
		h.sim.controls.setRateLimit({capacity: 1, refillPerMinute: 60});
		await h.client.json('/api/atlas/v2/groups');
		assert.equal((await h.client.json('/api/atlas/v2/groups')).status, 429, 'empty');
		h.sim.controls.advanceClock(1000);
		assert.equal((await h.client.json('/api/atlas/v2/groups')).status, 200);
	});

	test('challenges do not spend tokens', async () => {
		h.sim.controls.setRateLimit({capacity: 1, refillPerMinute: 0});
		const anonymous = await fetch(`${h.sim.baseUrl}/api/atlas/v2/groups`);
		assert.equal(anonymous.status, 401);
		assert.equal((await h.client.json('/api/atlas/v2/groups')).status, 200);
	});
});

describe('simulator faults', () => {
	let h: Harness;
	beforeEach(async () => {
		h = await harness();
		await h.client.json('/api/atlas/v2'); // take the challenge out of the way
	});
	afterEach(() => h.sim.close());

	test('http500 answers UNEXPECTED_ERROR once, then the request works again', async () => {
		h.sim.controls.injectFault({kind: 'http500'});
		const failed = await h.client.json(list, {accept: V2024});
		assert.equal(failed.status, 500);
		assert.equal(failed.body.errorCode, 'UNEXPECTED_ERROR');
		assert.equal(failed.body.error, 500);
		assert.equal(failed.response.headers.get('content-type'), 'application/json');
		assert.equal((await h.client.json(list, {accept: V2024})).status, 200);
	});

	test('http502html answers an HTML page from a proxy', async () => {
		h.sim.controls.injectFault({kind: 'http502html', times: 2});
		for (let index = 0; index < 2; index++) {
			const response = await h.client.send(list, {accept: V2024});
			assert.equal(response.status, 502);
			assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
			assert.match(await response.text(), /<title>502 Bad Gateway<\/title>/);
		}
		assert.equal((await h.client.send(list, {accept: V2024})).status, 200);
	});

	test('reset destroys the connection', async () => {
		h.sim.controls.injectFault({kind: 'reset'});
		await assert.rejects(h.client.send(list, {accept: V2024}), (error: any) => error instanceof TypeError);
		assert.equal(h.sim.log.at(-1)?.status, 0);
		assert.equal((await h.client.send(list, {accept: V2024})).status, 200);
	});

	test('malformedJson answers 200 with a truncated body', async () => {
		h.sim.controls.injectFault({kind: 'malformedJson'});
		const response = await h.client.send(list, {accept: V2024});
		assert.equal(response.status, 200);
		const text = await response.text();
		assert.ok(text.startsWith('{"'));
		assert.throws(() => JSON.parse(text));
	});

	test('latency delays the answer by latencyMs (measured on the server)', async () => {
		h.sim.controls.injectFault({kind: 'latency', latencyMs: 80});
		const response = await h.client.send(list, {accept: V2024});
		assert.equal(response.status, 200);
		assert.ok((h.sim.log.at(-1)?.handlingMs ?? 0) >= 75);
	});

	test('faults match by method and path (string suffix or RegExp) and apply only to authenticated requests', async () => {
		h.sim.controls.injectFault({kind: 'http500', method: 'POST', path: '/backup/exportBuckets'});
		h.sim.controls.injectFault({kind: 'http500', path: /\/groups$/});
		assert.equal((await h.client.send(list, {accept: V2024})).status, 200, 'GET does not match a POST fault');
		const anonymous = await fetch(`${h.sim.baseUrl}/api/atlas/v2/groups`);
		assert.equal(anonymous.status, 401, 'the challenge is not faulted');
		assert.equal((await h.client.send('/api/atlas/v2/groups')).status, 500);
		const create = await h.client.send(list, jsonPost({bucketName: 'acme-backup-archive', cloudProvider: 'AWS', iamRoleId: DEMO_ROLE_IDS.productionArchive}));
		assert.equal(create.status, 500);
		assert.equal((await h.client.send('/api/atlas/v2/groups')).status, 200);
	});

	test('clearFaults removes pending faults; clearLog empties the same log array', async () => {
		h.sim.controls.injectFault({kind: 'http500', times: 5});
		h.sim.controls.clearFaults();
		assert.equal((await h.client.send(list, {accept: V2024})).status, 200);
		const {log} = h.sim;
		h.sim.controls.clearLog();
		assert.equal(h.sim.log, log);
		assert.equal(log.length, 0);
		await h.client.send(list, {accept: V2024});
		assert.equal(log.length, 1);
	});

	test('close() ends promptly even with a request waiting on latency', async () => {
		h.sim.controls.injectFault({kind: 'latency', latencyMs: 60_000});
		const pending = h.client.send(list, {accept: V2024}).catch(error => error);
		await new Promise(resolve => setTimeout(resolve, 30));
		await h.sim.close();
		assert.ok((await pending) instanceof TypeError);
	});
});
