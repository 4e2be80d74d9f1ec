import assert from 'node:assert/strict';
import {afterEach, beforeEach, describe, test} from 'node:test';
import {DEMO_SERVICE_ACCOUNT} from '../../source/simulator/index.js';
import {harness, PRODUCTION, V2023, type Harness} from './helpers.js';

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const DEMO_BASIC = basic(DEMO_SERVICE_ACCOUNT.clientId, DEMO_SERVICE_ACCOUNT.clientSecret);

async function mint(h: Harness, options: {authorization?: string; body?: string; contentType?: string; method?: string} = {}) {
	const response = await fetch(`${h.sim.baseUrl}/api/oauth/token`, {
		method: options.method ?? 'POST',
		headers: {
			...(options.authorization === '' ? {} : {authorization: options.authorization ?? DEMO_BASIC}),
			'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
			accept: 'application/json',
		},
		...(options.method === 'GET' ? {} : {body: options.body ?? 'grant_type=client_credentials'}),
	});
	return {status: response.status, headers: response.headers, body: await response.json() as Record<string, any>};
}

async function api(h: Harness, token: string, path = '/api/atlas/v2/groups') {
	const response = await fetch(`${h.sim.baseUrl}${path}`, {headers: {authorization: `Bearer ${token}`, accept: V2023}});
	return {status: response.status, headers: response.headers, body: await response.json() as Record<string, any>};
}

async function revoke(h: Harness, token: string, authorization = DEMO_BASIC) {
	return fetch(`${h.sim.baseUrl}/api/oauth/revoke`, {
		method: 'POST',
		headers: {authorization, 'content-type': 'application/x-www-form-urlencoded'},
		body: new URLSearchParams({token, token_type_hint: 'access_token'}).toString(),
	});
}

describe('simulator service accounts', () => {
	let h: Harness;
	beforeEach(async () => {
		h = await harness();
	});
	afterEach(() => h.sim.close());

	test('the demo service account has a client id shaped like Atlas\'s and mints an opaque Bearer token for 3600 s', async () => {
		assert.match(h.sim.serviceAccount.clientId, /^mdb_sa_id_[\da-f]{24}$/);
		const token = await mint(h);
		assert.equal(token.status, 200);
		assert.deepEqual(Object.keys(token.body).sort(), ['access_token', 'expires_in', 'token_type']);
		assert.equal(token.body.token_type, 'Bearer');
		assert.equal(token.body.expires_in, 3600);
		assert.equal(token.headers.get('cache-control'), 'no-store');
		assert.equal(h.sim.log.at(-1)?.path, '/api/oauth/token');
	});

	test('the token opens every API route, sees the same projects as the demo key, and is reusable', async () => {
		const {access_token: token} = (await mint(h)).body;
		const withToken = await api(h, token);
		const withKey = await h.client.json('/api/atlas/v2/groups');
		assert.equal(withToken.status, 200);
		assert.deepEqual(withToken.body.results.map((project: {id: string}) => project.id), withKey.body.results.map((project: {id: string}) => project.id));
		assert.equal((await api(h, token, `/api/atlas/v2/groups/${PRODUCTION}/cloudProviderAccess`)).status, 200);
		const check = await api(h, token, '/api/atlas/v2');
		assert.equal(check.status, 200);
		assert.equal(check.body.apiKey, undefined, 'the key check names no API key for a service account');
		assert.equal(h.sim.log.at(-1)?.principal, 'serviceAccount');
		assert.equal(h.sim.log.at(-1)?.authenticated, true);
	});

	test('wrong or missing client credentials: 401 invalid_client with a Basic challenge', async () => {
		const wrong = await mint(h, {authorization: basic(DEMO_SERVICE_ACCOUNT.clientId, 'mdb_sa_sk_wrong')});
		assert.equal(wrong.status, 401);
		assert.equal(wrong.body.error, 'invalid_client');
		assert.match(wrong.headers.get('www-authenticate') ?? '', /^Basic /);
		assert.equal((await mint(h, {authorization: ''})).body.error, 'invalid_client');
		assert.equal((await mint(h, {body: 'grant_type=password'})).body.error, 'unsupported_grant_type');
		assert.equal((await mint(h, {contentType: 'application/json', body: '{}'})).status, 400);
		assert.equal((await mint(h, {method: 'GET'})).status, 405);
	});

	test('an expired or revoked secret is refused at the token endpoint, naming which', async () => {
		h.sim.controls.setClientSecretState('expired');
		const expired = await mint(h);
		assert.equal(expired.status, 401);
		assert.match(expired.body.error_description, /expired/);
		h.sim.controls.setClientSecretState('revoked');
		assert.match((await mint(h)).body.error_description, /revoked/);
		h.sim.controls.setClientSecretState('valid');
		assert.equal((await mint(h)).status, 200);
	});

	test('an expired token gets 401 with an invalid_token Bearer challenge; a new one works', async () => {
		const {access_token: token} = (await mint(h)).body;
		assert.equal((await api(h, token)).status, 200);
		h.sim.controls.expireTokens();
		const refused = await api(h, token);
		assert.equal(refused.status, 401);
		assert.match(refused.headers.get('www-authenticate') ?? '', /^Bearer .*error="invalid_token".*expired/);
		assert.equal((await api(h, (await mint(h)).body.access_token)).status, 200);
	});

	test('the clock control ends a token\'s lifetime without waiting', async () => {
		h.sim.controls.setTokenLifetime(120);
		const minted = await mint(h);
		assert.equal(minted.body.expires_in, 120);
		h.sim.controls.advanceClock(119_000);
		assert.equal((await api(h, minted.body.access_token)).status, 200);
		h.sim.controls.advanceClock(1000);
		assert.equal((await api(h, minted.body.access_token)).status, 401);
	});

	test('revoke: 200, the token stops working, other tokens do not', async () => {
		const first = (await mint(h)).body.access_token;
		const second = (await mint(h)).body.access_token;
		const answer = await revoke(h, first);
		assert.equal(answer.status, 200);
		assert.equal(h.sim.log.at(-1)?.body, `token=${first}&token_type_hint=access_token`);
		const refused = await api(h, first);
		assert.equal(refused.status, 401);
		assert.match(refused.headers.get('www-authenticate') ?? '', /revoked/);
		assert.equal((await api(h, second)).status, 200);
		assert.equal((await revoke(h, second, basic(DEMO_SERVICE_ACCOUNT.clientId, 'nope'))).status, 401, 'revoking needs the client credentials');
		assert.equal((await api(h, second)).status, 200);
	});

	test('an unknown Bearer token is refused like a bad key, and Digest still works beside it', async () => {
		const refused = await api(h, 'not-a-token');
		assert.equal(refused.status, 401);
		assert.equal(refused.body.error, 401);
		assert.equal((await h.client.json('/api/atlas/v2/groups')).status, 200);
		assert.equal(h.sim.log.at(-1)?.principal, 'apiKey');
	});

	test('the API access list is checked when the token is used, not when it is minted', async () => {
		h.sim.controls.setAccessList(['203.0.113.7']);
		const minted = await mint(h);
		assert.equal(minted.status, 200);
		const refused = await api(h, minted.body.access_token);
		assert.equal(refused.status, 403);
		assert.equal(refused.body.errorCode, 'IP_ADDRESS_NOT_ON_ACCESS_LIST');
	});

	test('51st token request in a minute: 429 RATE_LIMITED with the recorded body; a minute later it works again', async () => {
		for (let index = 0; index < 50; index++) assert.equal((await mint(h)).status, 200, `request ${index + 1}`);
		const limited = await mint(h);
		assert.equal(limited.status, 429);
		assert.deepEqual(limited.body, {
			detail: 'Resource /api/oauth/token is limited to 50 requests every 1 minutes.',
			error: 429,
			errorCode: 'RATE_LIMITED',
			parameters: ['/api/oauth/token', 50, 1],
			reason: 'Too Many Requests',
		});
		const other = await mint(h, {authorization: basic('mdb_sa_id_000000000000000000000000', 'x')});
		assert.equal(other.status, 401, 'the limit is per client id');
		h.sim.controls.advanceClock(60_000);
		assert.equal((await mint(h)).status, 200);
	});
});
