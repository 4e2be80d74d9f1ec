import assert from 'node:assert/strict';
import {afterEach, beforeEach, describe, test} from 'node:test';
import {DEMO_ROLE_IDS, DEMO_ROLE_KEYS} from '../../source/simulator/index.js';
import {DigestClient} from './digest-helper.js';
import {harness, jsonPost, PRODUCTION, SANDBOX, V2023, V2024, type Harness} from './helpers.js';

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
		h.sim.controls.setClock(Date.parse('2026-08-01T12:00:00Z'));
	});
	afterEach(() => h.sim.close());

	const buckets = list;
	const roles = `/api/atlas/v2/groups/${PRODUCTION}/cloudProviderAccess`;

	test('every endpoint set carries the recorded limit in Ratelimit-Limit and counts down Ratelimit-Remaining', async () => {
		const expected: Array<[string, string, string]> = [
			[buckets, V2024, '1200'],
			[roles, V2023, '2000'],
			['/api/atlas/v2/groups', V2023, '1200'],
			['/api/atlas/v2', V2023, '300'],
		];
		for (const [path, accept, limit] of expected) {
			const first = await h.client.json(path, {accept});
			assert.equal(first.status, 200, path);
			assert.equal(first.response.headers.get('ratelimit-limit'), limit, path);
			assert.equal(first.response.headers.get('ratelimit-remaining'), String(Number(limit) - 1), path);
			const second = await h.client.json(path, {accept});
			assert.equal(second.response.headers.get('ratelimit-remaining'), String(Number(limit) - 2), path);
		}
		const project = await h.client.json(`/api/atlas/v2/groups/${PRODUCTION}`);
		assert.equal(project.response.headers.get('ratelimit-limit'), null, 'no recorded set covers GET one project');
	});

	test('an empty bucket answers 429 with the recorded detail, parameters, X-Error-Code and Retry-After', async () => {
		h.sim.controls.setRateLimit({capacity: 2, refillPerMinute: 6}, 'cloudBackups');
		assert.equal((await h.client.json(buckets, {accept: V2024})).status, 200);
		assert.equal((await h.client.json(buckets, {accept: V2024})).status, 200);
		const limited = await h.client.json(buckets, {accept: V2024});
		assert.equal(limited.status, 429);
		assert.deepEqual(limited.body, {
			detail: `Rate limit exceeded for ${buckets}. Please retry after 10 seconds. Request capacity: 2. Refill rate: 6 per 60 seconds.`,
			error: 429,
			errorCode: 'RATE_LIMITED_TOKEN_BUCKET',
			parameters: [buckets, 10, 2, 6, 60],
			reason: 'Too Many Requests',
		});
		assert.equal(limited.response.headers.get('x-error-code'), 'RATE_LIMITED_TOKEN_BUCKET');
		assert.equal(limited.response.headers.get('retry-after'), '10');
		assert.equal(limited.response.headers.get('ratelimit-remaining'), '0');
		assert.equal(h.sim.log.at(-1)?.errorCode, 'RATE_LIMITED_TOKEN_BUCKET');
		assert.equal((await h.client.json(roles)).status, 200, 'another endpoint set has its own bucket');
	});

	test('Cloud Backups and Cloud Provider Access count per project; GET /groups and the key check per user', async () => {
		h.sim.controls.setRateLimit({capacity: 1, refillPerMinute: 0});
		assert.equal((await h.client.json(buckets, {accept: V2024})).status, 200);
		assert.equal((await h.client.json(buckets, {accept: V2024})).status, 429);
		assert.equal((await h.client.json(`/api/atlas/v2/groups/${SANDBOX}/backup/exportBuckets`, {accept: V2024})).status, 200, 'another project');
		assert.equal((await h.client.json('/api/atlas/v2/groups')).status, 200);
		assert.equal((await h.client.json('/api/atlas/v2/groups')).status, 429);
		const other = new DigestClient(h.sim.baseUrl, DEMO_ROLE_KEYS.readOnly);
		assert.equal((await other.json('/api/atlas/v2/groups')).status, 200, 'another key');
	});

	test('the bucket refills with the simulator clock, and null restores the recorded limits', async () => {
		h.sim.controls.setRateLimit({capacity: 1, refillPerMinute: 60}, 'listProjects');
		await h.client.json('/api/atlas/v2/groups');
		assert.equal((await h.client.json('/api/atlas/v2/groups')).status, 429);
		h.sim.controls.advanceClock(999);
		assert.equal((await h.client.json('/api/atlas/v2/groups')).status, 429, 'not a whole token yet');
		h.sim.controls.advanceClock(1);
		assert.equal((await h.client.json('/api/atlas/v2/groups')).status, 200);
		h.sim.controls.setRateLimit(null);
		const restored = await h.client.json('/api/atlas/v2/groups');
		assert.equal(restored.status, 200);
		assert.equal(restored.response.headers.get('ratelimit-limit'), '1200');
	});

	test('a bucket that never refills says Retry-After 60', async () => {
		h.sim.controls.setRateLimit({capacity: 1, refillPerMinute: 0});
		await h.client.json('/api/atlas/v2/groups');
		const limited = await h.client.json('/api/atlas/v2/groups');
		assert.equal(limited.response.headers.get('retry-after'), '60');
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
