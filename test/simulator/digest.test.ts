import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {startSimulator, type Simulator} from '../../source/simulator/index.js';
import {authorization, DigestClient, parseChallenge} from './digest-helper.js';

const ACCEPT = {accept: 'application/vnd.atlas.2023-01-01+json'};

describe('simulator Digest authentication', () => {
	let sim: Simulator;
	before(async () => {
		sim = await startSimulator({nonceTtlMs: 60_000});
	});
	after(() => sim.close());

	async function challenge(path = '/api/atlas/v2') {
		const response = await fetch(sim.baseUrl + path, {headers: ACCEPT});
		const body = await response.json();
		return {response, body, challenge: parseChallenge(response.headers.get('www-authenticate'))};
	}

	async function signed(nonce: string, nc: number | string, overrides: {privateKey?: string; publicKey?: string; uri?: string; path?: string} = {}) {
		const path = overrides.path ?? '/api/atlas/v2';
		const keys = {publicKey: overrides.publicKey ?? sim.keys.publicKey, privateKey: overrides.privateKey ?? sim.keys.privateKey};
		const header = authorization({...keys, method: 'GET', uri: overrides.uri ?? path, nonce, nc});
		const response = await fetch(sim.baseUrl + path, {headers: {...ACCEPT, authorization: header}});
		const text = await response.text();
		return {response, text};
	}

	test('an unauthenticated request gets the Atlas challenge and an Atlas error body', async () => {
		const {response, body, challenge: parsed} = await challenge();
		assert.equal(response.status, 401);
		assert.match(
			response.headers.get('www-authenticate') ?? '',
			/^Digest realm="MMS Public API", domain="", nonce="[^"]+", algorithm=MD5, qop="auth", stale=false$/,
		);
		assert.equal(parsed.realm, 'MMS Public API');
		// As recorded from real Atlas: application/json, pretty-printed, UNEXPECTED_ERROR, no parameters.
		assert.equal(response.headers.get('content-type'), 'application/json');
		assert.deepEqual(body, {error: 401, reason: 'Unauthorized', detail: 'You are not authorized for this resource.', errorCode: 'UNEXPECTED_ERROR'});
		assert.equal(response.headers.get('x-error-code'), null, 'a 401 carries the challenge, not X-Error-Code');
		const entry = sim.log.at(-1);
		assert.equal(entry?.authenticated, false);
		assert.equal(entry?.status, 401);
	});

	test('a correct MD5 qop=auth response is accepted and nc must increase per nonce', async () => {
		const {challenge: parsed} = await challenge();
		const first = await signed(parsed.nonce, 1);
		assert.equal(first.response.status, 200, first.text);
		assert.equal(JSON.parse(first.text).apiKey.publicKey, 'demokeyq');
		assert.equal(sim.log.at(-1)?.authenticated, true);

		const reused = await signed(parsed.nonce, 1);
		assert.equal(reused.response.status, 401);
		assert.match(reused.response.headers.get('www-authenticate') ?? '', /stale=false$/);

		const lower = await signed(parsed.nonce, '00000000');
		assert.equal(lower.response.status, 401);

		const next = await signed(parsed.nonce, 2);
		assert.equal(next.response.status, 200);
		const skipped = await signed(parsed.nonce, 7);
		assert.equal(skipped.response.status, 200, 'nc may jump ahead');
		const back = await signed(parsed.nonce, 5);
		assert.equal(back.response.status, 401, 'nc may not go back');
	});

	test('nc=00000000 on a fresh nonce is rejected', async () => {
		const {challenge: parsed} = await challenge();
		const zero = await signed(parsed.nonce, '00000000');
		assert.equal(zero.response.status, 401);
		assert.equal(JSON.parse(zero.text).errorCode, 'UNEXPECTED_ERROR');
		const one = await signed(parsed.nonce, 1);
		assert.equal(one.response.status, 200);
	});

	test('wrong private key, unknown public key and a uri that is not the request are the recorded 401 UNEXPECTED_ERROR with a fresh challenge', async () => {
		for (const overrides of [{privateKey: 'wrong-secret'}, {publicKey: 'nobodyxx'}, {uri: '/api/atlas/v2/groups'}]) {
			const {challenge: parsed} = await challenge();
			const result = await signed(parsed.nonce, 1, overrides);
			assert.equal(result.response.status, 401, JSON.stringify(overrides));
			assert.equal(JSON.parse(result.text).errorCode, 'UNEXPECTED_ERROR');
			assert.equal(JSON.parse(result.text).detail, 'You are not authorized for this resource.');
			assert.ok(result.text.includes('\n  "error": 401'), 'pretty-printed');
			assert.match(result.response.headers.get('www-authenticate') ?? '', /stale=false$/);
			assert.notEqual(parseChallenge(result.response.headers.get('www-authenticate')).nonce, parsed.nonce, 'a fresh nonce');
			assert.equal(sim.log.at(-1)?.authenticated, false);
		}
	});

	test('the uri is hashed with the query exactly as sent', async () => {
		const {challenge: parsed} = await challenge();
		const path = '/api/atlas/v2/groups?itemsPerPage=2&pretty=true';
		const ok = await signed(parsed.nonce, 1, {path});
		assert.equal(ok.response.status, 200, ok.text);
		const reordered = await signed(parsed.nonce, 2, {path, uri: '/api/atlas/v2/groups?pretty=true&itemsPerPage=2'});
		assert.equal(reordered.response.status, 401);
	});

	test('expireNonces makes a valid digest answer 401 with stale=true; the new nonce works', async () => {
		const {challenge: parsed} = await challenge();
		assert.equal((await signed(parsed.nonce, 1)).response.status, 200);
		sim.controls.expireNonces();
		const stale = await signed(parsed.nonce, 2);
		assert.equal(stale.response.status, 401);
		const fresh = parseChallenge(stale.response.headers.get('www-authenticate'));
		assert.equal(fresh.stale, 'true');
		assert.notEqual(fresh.nonce, parsed.nonce);
		assert.equal((await signed(fresh.nonce, 1)).response.status, 200);
	});

	test('a wrong key over an expired nonce is not stale (the digest itself is wrong)', async () => {
		const {challenge: parsed} = await challenge();
		sim.controls.expireNonces();
		const result = await signed(parsed.nonce, 1, {privateKey: 'wrong-secret'});
		assert.equal(result.response.status, 401);
		assert.match(result.response.headers.get('www-authenticate') ?? '', /stale=false$/);
	});

	test('N calls over one nonce cost N+1 requests, an expired nonce one more', async () => {
		const client = new DigestClient(sim.baseUrl, sim.keys);
		sim.controls.clearLog();
		for (let index = 0; index < 3; index++) assert.equal((await client.send('/api/atlas/v2/groups')).status, 200);
		assert.equal(sim.log.length, 4);
		sim.controls.expireNonces();
		assert.equal((await client.send('/api/atlas/v2/groups')).status, 200);
		assert.equal(sim.log.length, 6);
		assert.deepEqual(
			sim.log.map(entry => entry.status),
			[401, 200, 200, 200, 401, 200],
		);
	});
});

describe('simulator nonce lifetime', () => {
	test('a nonce older than nonceTtlMs answers stale=true', async () => {
		const sim = await startSimulator({nonceTtlMs: 60_000});
		try {
			const first = await fetch(`${sim.baseUrl}/api/atlas/v2`, {headers: ACCEPT});
			await first.arrayBuffer();
			const {nonce} = parseChallenge(first.headers.get('www-authenticate'));
			sim.controls.advanceClock(60_000);
			const header = authorization({...sim.keys, method: 'GET', uri: '/api/atlas/v2', nonce, nc: 1});
			const response = await fetch(`${sim.baseUrl}/api/atlas/v2`, {headers: {...ACCEPT, authorization: header}});
			assert.equal(response.status, 401);
			assert.equal(parseChallenge(response.headers.get('www-authenticate')).stale, 'true');
			assert.equal((await response.json()).errorCode, 'UNEXPECTED_ERROR');
		} finally {
			await sim.close();
		}
	});
});
