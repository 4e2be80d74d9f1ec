// The Bearer side of the client against the simulator: one token per run, reuse until a minute
// before expiry, one renewal on an invalid_token 401, never two token requests at once, the token
// cache, and the typed reasons for a refused service account.
import assert from 'node:assert/strict';
import {afterEach, beforeEach, describe, test} from 'node:test';
import {AtlasError} from '../../source/atlas/errors.js';
import type {AccessToken} from '../../source/atlas/oauth-client.js';
import type {TokenCache} from '../../source/atlas/token-source.js';
import type {HttpExchange} from '../../source/atlas/types.js';
import {DEMO_PROJECTS, DEMO_SERVICE_ACCOUNT, startSimulator, type Simulator} from '../../source/simulator/index.js';
import {rejectsWith, testClient} from './support.js';

const production = DEMO_PROJECTS.production.id;

function tokenRequests(sim: Simulator) {
	return sim.log.filter(entry => entry.path === '/api/oauth/token');
}

function apiRequests(sim: Simulator) {
	return sim.log.filter(entry => entry.path.startsWith('/api/atlas/'));
}

/** A cache in memory, standing in for the keychain (the keychain's own is tested under credentials/). */
function memoryCache(): TokenCache & {stored: AccessToken | undefined; saves: number} {
	return {
		stored: undefined,
		saves: 0,
		async load() {
			return this.stored;
		},
		async save(token) {
			this.stored = token;
			this.saves++;
		},
	};
}

describe('service account client', () => {
	let sim: Simulator;
	let clock: number;
	const now = () => clock;
	beforeEach(async () => {
		sim = await startSimulator();
		clock = Date.now();
	});
	afterEach(() => sim.close());

	const client = (options: Parameters<typeof testClient>[1] = {}, exchanges?: HttpExchange[]) =>
		testClient(sim, {keys: sim.serviceAccount, now, ...options}, exchanges);

	test('N API calls cost N requests plus one token request, each sent with the Bearer token', async () => {
		const atlas = client();
		await atlas.checkKey();
		await atlas.listProjects();
		await atlas.listExportBuckets(production);
		await atlas.listCloudProviderAccess(production);
		assert.equal(tokenRequests(sim).length, 1);
		assert.equal(apiRequests(sim).length, 4);
		assert.ok(apiRequests(sim).every(entry => /^Bearer \S+$/.test(entry.headers.authorization ?? '') && entry.principal === 'serviceAccount'));
		const token = tokenRequests(sim)[0]!;
		assert.equal(token.method, 'POST');
		assert.equal(token.headers['content-type'], 'application/x-www-form-urlencoded');
		assert.equal(token.headers.accept, 'application/json');
		assert.equal(token.body, 'grant_type=client_credentials');
		assert.equal(token.headers.authorization, `Basic ${Buffer.from(`${DEMO_SERVICE_ACCOUNT.clientId}:${DEMO_SERVICE_ACCOUNT.clientSecret}`).toString('base64')}`);
	});

	test('the key check with a service account passes and names no API key', async () => {
		const info = await client().checkKey();
		assert.equal(info.publicKey, undefined);
	});

	test('the token is reused until a minute before it expires, then fetched again once', async () => {
		const atlas = client();
		await atlas.listProjects();
		clock += (3600 - 61) * 1000;
		await atlas.listProjects();
		assert.equal(tokenRequests(sim).length, 1, 'still more than a minute left');
		clock += 2000;
		await atlas.listProjects();
		await atlas.listProjects();
		assert.equal(tokenRequests(sim).length, 2, 'less than a minute left: one new token, then reused');
	});

	test('a 401 saying the token expired gets one new token and one retry, a POST body included', async () => {
		const atlas = client();
		await atlas.listProjects();
		sim.controls.expireTokens();
		sim.controls.clearLog();
		const bucket = await atlas.createExportBucket(production, {bucketName: 'acme-atlas-snapshots-eu', iamRoleId: '6650b2e3d4f5a6b7c8d9e0f1'});
		assert.ok(bucket.id);
		const tokens = sim.log.filter(entry => entry.path.startsWith('/api/atlas/')).map(entry => entry.headers.authorization);
		assert.deepEqual(sim.log.map(entry => [entry.method, entry.path, entry.status]), [
			['POST', `/api/atlas/v2/groups/${production}/backup/exportBuckets`, 401],
			['POST', '/api/oauth/token', 200],
			['POST', `/api/atlas/v2/groups/${production}/backup/exportBuckets`, 200],
		]);
		assert.notEqual(tokens[0], tokens[1], 'the retry carries the new token');
		assert.equal(sim.log[2]!.body, sim.log[0]!.body, 'the same body, sent again after a refusal at authentication');
	});

	test('a revoked token is replaced silently', async () => {
		const cache = memoryCache();
		const atlas = client({tokenCache: cache});
		await atlas.listProjects();
		const {revokeToken} = await import('../../source/atlas/oauth-client.js');
		await revokeToken({baseUrl: sim.baseUrl, account: sim.serviceAccount, timeoutMs: 5000, now}, cache.stored!.accessToken);
		await atlas.listProjects();
		assert.equal(tokenRequests(sim).length, 2);
		assert.equal(cache.saves, 2, 'the new token replaces the revoked one in the cache');
	});

	test('an API error that is not about the token leaves the token alone', async () => {
		const atlas = client();
		await atlas.listProjects();
		const requestsBefore = sim.log.length;
		await rejectsWith(atlas.getProject('000000000000000000000000'));
		assert.equal(tokenRequests(sim).length, 1);
		assert.equal(sim.log.length, requestsBefore + 1);
	});

	test('calls started together share one token request', async () => {
		const first = client();
		await Promise.all([first.listProjects(), first.checkKey(), first.listExportBuckets(production)]);
		assert.equal(tokenRequests(sim).length, 1);
	});

	test('a cached token is reused by the next client (the next run): no token request', async () => {
		const cache = memoryCache();
		await client({tokenCache: cache}).listProjects();
		await client({tokenCache: cache}).listProjects();
		await client({tokenCache: cache}).checkKey();
		assert.equal(tokenRequests(sim).length, 1);
		assert.equal(cache.saves, 1);
	});

	test('an expired cached token is replaced without a failed API call', async () => {
		const cache = memoryCache();
		await client({tokenCache: cache}).listProjects();
		clock += 3600 * 1000;
		sim.controls.clearLog();
		await client({tokenCache: cache}).listProjects();
		assert.deepEqual(sim.log.map(entry => entry.status), [200, 200]);
		assert.equal(tokenRequests(sim).length, 1);
	});

	test('a cached token that Atlas no longer takes (expired there) is replaced after one 401', async () => {
		const cache = memoryCache();
		await client({tokenCache: cache}).listProjects();
		sim.controls.expireTokens();
		sim.controls.clearLog();
		await client({tokenCache: cache}).listProjects();
		assert.deepEqual(sim.log.map(entry => [entry.path.replace(/\?.*/, ''), entry.status]), [
			['/api/atlas/v2/groups', 401],
			['/api/oauth/token', 200],
			['/api/atlas/v2/groups', 200],
		]);
	});

	test('wrong secret: AtlasError invalid-client, exit-code class 401, one token request, no API request', async () => {
		const error = await rejectsWith(client({keys: {clientId: DEMO_SERVICE_ACCOUNT.clientId, clientSecret: 'mdb_sa_sk_wrong'}}).listProjects());
		assert.ok(error instanceof AtlasError);
		assert.equal(error.reason, 'invalidClient');
		assert.equal(error.status, 401);
		assert.match(error.message, /client id or the secret is wrong/);
		assert.match(error.hint, /mdb_sa_id_/);
		assert.equal(tokenRequests(sim).length, 1, 'not retried');
		assert.equal(apiRequests(sim).length, 0);
	});

	test('expired or revoked secret: its own reason and hint', async () => {
		sim.controls.setClientSecretState('expired');
		const error = await rejectsWith(client().createExportBucket(production, {bucketName: 'acme-atlas-snapshots-eu', iamRoleId: '6650b2e3d4f5a6b7c8d9e0f1'}));
		assert.ok(error instanceof AtlasError);
		assert.equal(error.reason, 'clientSecretExpired');
		assert.match(error.hint, /new secret/);
		assert.equal(apiRequests(sim).length, 0, 'nothing was sent to the API');
	});

	test('the token endpoint\'s 429: token-rate-limited with the limit from the recorded parameters', async () => {
		for (let index = 0; index < 50; index++) await client().checkKey();
		const error = await rejectsWith(client().checkKey());
		assert.ok(error instanceof AtlasError);
		assert.equal(error.reason, 'tokenRateLimited');
		assert.equal(error.status, 429);
		assert.match(error.message, /50 requests a minute/);
		assert.equal(tokenRequests(sim).length, 51, 'a refused token request is not retried');
	});

	test('a token refused by the API access list: the service account\'s access list, named', async () => {
		sim.controls.setAccessList(['203.0.113.7']);
		const error = await rejectsWith(client().listProjects());
		assert.ok(error instanceof AtlasError);
		assert.equal(error.reason, 'tokenNotOnAccessList');
		assert.equal(error.status, 403);
		assert.match(error.message, /127\.0\.0\.1.*service account's API access list/);
		assert.match(error.hint, /when the token is used/);
	});

	test('exchanges show neither the secret, the Basic header nor the token', async () => {
		const exchanges: HttpExchange[] = [];
		const cache = memoryCache();
		const atlas = client({tokenCache: cache}, exchanges);
		await atlas.listProjects();
		const {revokeToken} = await import('../../source/atlas/oauth-client.js');
		await revokeToken({baseUrl: sim.baseUrl, account: sim.serviceAccount, timeoutMs: 5000, now, onExchange: exchange => exchanges.push(exchange)}, cache.stored!.accessToken);
		const text = JSON.stringify(exchanges);
		assert.equal(exchanges.length, 3);
		assert.ok(!text.includes(DEMO_SERVICE_ACCOUNT.clientSecret));
		assert.ok(!text.includes(cache.stored!.accessToken));
		assert.ok(!text.includes(Buffer.from(`${DEMO_SERVICE_ACCOUNT.clientId}:${DEMO_SERVICE_ACCOUNT.clientSecret}`).toString('base64')));
		assert.match(exchanges[0]!.responseBody ?? '', /"access_token":"\[redacted\]"/);
		assert.match(exchanges[2]!.requestBody ?? '', /^token=\[redacted\]&token_type_hint=access_token$/);
	});
});
