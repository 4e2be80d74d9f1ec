// The Digest handshake, counted from the simulator's request log.
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {AtlasError, isAuthFailure} from '../../source/atlas/errors.js';
import {DEMO_PROJECTS, DEMO_ROLE_IDS, DEMO_AWS_ROLE_ARNS, startSimulator} from '../../source/simulator/index.js';
import {authenticated, digestParams, harness, rejectsWith, testClient} from './support.js';

const production = DEMO_PROJECTS.production.id;
const sandbox = DEMO_PROJECTS.sandbox.id;

describe('Digest handshake', () => {
	test('N calls cost N+1 requests: one challenge, then one nonce with nc counting up', async () => {
		const {sim, client} = await harness();
		try {
			await client.checkKey();
			await client.listProjects();
			await client.getProject(production);
			const role = await client.createAwsRole(sandbox);
			await client.authorizeAwsRole(sandbox, role.roleId, DEMO_AWS_ROLE_ARNS.wizardNew);
			await client.createExportBucket(production, {bucketName: 'acme-atlas-snapshots-eu', iamRoleId: DEMO_ROLE_IDS.productionExport});
			await client.listCloudProviderAccess(production);
			const calls = 7;
			assert.equal(sim.log.length, calls + 1);
			assert.equal(sim.log[0]?.status, 401);
			assert.equal(sim.log[0]?.authenticated, false);
			const rest = sim.log.slice(1);
			assert.ok(rest.every(entry => entry.authenticated && entry.status === 200), JSON.stringify(rest.map(entry => entry.status)));
			const params = rest.map(digestParams);
			assert.equal(new Set(params.map(param => param.nonce)).size, 1, 'one nonce reused');
			assert.deepEqual(
				params.map(param => param.nc),
				Array.from({length: calls}, (_, index) => (index + 1).toString(16).padStart(8, '0')),
			);
			for (const param of params) {
				assert.equal(param.username, sim.keys.publicKey);
				assert.equal(param.realm, 'MMS Public API');
				assert.equal(param.qop, 'auth');
				assert.equal(param.algorithm, 'MD5');
				assert.match(param.cnonce ?? '', /^[\da-f]{32}$/);
			}
		} finally {
			await sim.close();
		}
	});

	test('the digest uri and method are the request\'s own (query included), so the server verifies them', async () => {
		const {sim, client} = await harness({pretty: true});
		try {
			await client.listExportBuckets(production);
			await client.deleteExportBucket(production, (await client.createExportBucket(production, {bucketName: 'acme-atlas-snapshots-eu', iamRoleId: DEMO_ROLE_IDS.productionExport})).id);
			for (const entry of authenticated(sim.log)) {
				const uri = digestParams(entry).uri ?? '';
				const query = new URLSearchParams(entry.query).toString();
				assert.equal(uri, query === '' ? entry.path : `${entry.path}?${query}`);
			}
			assert.deepEqual(authenticated(sim.log).map(entry => entry.method), ['GET', 'POST', 'DELETE']);
			assert.ok(authenticated(sim.log).some(entry => entry.query.pretty === 'true'), 'some uri carried a query');
		} finally {
			await sim.close();
		}
	});

	test('cnonce comes fresh from the CSPRNG for every client', async () => {
		const sim = await startSimulator();
		try {
			const cnonces = new Set<string>();
			for (let index = 0; index < 4; index++) {
				sim.controls.clearLog();
				await testClient(sim).checkKey();
				cnonces.add(digestParams(authenticated(sim.log)[0]!).cnonce ?? '');
			}
			assert.equal(cnonces.size, 4);
			for (const cnonce of cnonces) assert.match(cnonce, /^[\da-f]{32}$/);
		} finally {
			await sim.close();
		}
	});

	test('cnonce does not come from Math.random', async () => {
		const sim = await startSimulator();
		const original = Math.random;
		try {
			// digest-fetch's own makeNonce would now produce 32 times the same character.
			Math.random = () => 0;
			await testClient(sim).checkKey();
			const cnonce = digestParams(authenticated(sim.log)[0]!).cnonce ?? '';
			assert.match(cnonce, /^[\da-f]{32}$/);
			assert.ok(new Set(cnonce).size > 4, cnonce);
		} finally {
			Math.random = original;
			await sim.close();
		}
	});

	test('an expired nonce costs exactly one more request, and the new nonce counts from 00000001', async () => {
		const {sim, client} = await harness();
		try {
			await client.checkKey();
			await client.listProjects();
			sim.controls.expireNonces();
			await client.getProject(production);
			await client.listExportBuckets(production);
			assert.equal(sim.log.length, 4 + 2);
			assert.deepEqual(
				sim.log.map(entry => entry.status),
				[401, 200, 200, 401, 200, 200],
			);
			const stale = sim.log[3]!;
			assert.equal(stale.path, `/api/atlas/v2/groups/${production}`);
			assert.equal(stale.authenticated, false);
			const [probe, first, second, staleTry, afterStale, next] = sim.log.map(digestParams);
			assert.equal(probe?.nonce, undefined);
			assert.equal(first?.nc, '00000001');
			assert.equal(second?.nc, '00000002');
			assert.equal(staleTry?.nonce, second?.nonce);
			assert.equal(staleTry?.nc, '00000003');
			assert.notEqual(afterStale?.nonce, second?.nonce);
			assert.equal(afterStale?.nc, '00000001');
			assert.equal(next?.nc, '00000002');
			assert.equal(next?.nonce, afterStale?.nonce);
		} finally {
			await sim.close();
		}
	});

	test('a nonce that times out on the server (nonceTtlMs) is renewed the same way', async () => {
		const {sim, client} = await harness({}, {nonceTtlMs: 60_000});
		try {
			await client.checkKey();
			sim.controls.advanceClock(60_000);
			await client.checkKey();
			assert.deepEqual(sim.log.map(entry => entry.status), [401, 200, 401, 200]);
		} finally {
			await sim.close();
		}
	});

	test('the first call with a body probes without it: the body is sent exactly once', async () => {
		const {sim, client} = await harness();
		try {
			await client.createExportBucket(production, {bucketName: 'acme-atlas-snapshots-eu', iamRoleId: DEMO_ROLE_IDS.productionExport});
			assert.equal(sim.log.length, 2);
			const [probe, real] = sim.log;
			assert.equal(probe?.method, 'POST');
			assert.equal(probe?.path, real?.path);
			assert.equal(probe?.status, 401);
			assert.equal(probe?.body, undefined);
			assert.equal(probe?.headers['content-type'], undefined);
			assert.equal(real?.status, 200);
			assert.equal(real?.headers.accept, 'application/vnd.atlas.2024-05-30+json');
			assert.equal(real?.headers['content-type'], 'application/json');
			assert.deepEqual(JSON.parse(real?.body ?? ''), {bucketName: 'acme-atlas-snapshots-eu', cloudProvider: 'AWS', iamRoleId: DEMO_ROLE_IDS.productionExport});
			assert.equal(sim.log.filter(entry => entry.body !== undefined).length, 1);
		} finally {
			await sim.close();
		}
	});

	test('the same holds for PATCH as the first call', async () => {
		const {sim, client} = await harness();
		try {
			await client.authorizeAwsRole(production, DEMO_ROLE_IDS.productionUnauthorized, DEMO_AWS_ROLE_ARNS.wizardNew);
			assert.deepEqual(sim.log.map(entry => [entry.method, entry.status, entry.body === undefined]), [
				['PATCH', 401, true],
				['PATCH', 200, false],
			]);
		} finally {
			await sim.close();
		}
	});

	test('wrong keys: one challenge, one refused attempt, no resend; the body goes once', async () => {
		const sim = await startSimulator();
		try {
			const client = testClient(sim, {keys: {publicKey: sim.keys.publicKey, privateKey: 'not-the-private-key'}});
			const error = await rejectsWith(client.createExportBucket(production, {bucketName: 'acme-atlas-snapshots-eu', iamRoleId: DEMO_ROLE_IDS.productionExport}));
			assert.ok(error instanceof AtlasError);
			assert.equal(error.status, 401);
			assert.equal(isAuthFailure(error), true);
			assert.match(error.message, /rejected the API key pair/);
			assert.equal(sim.log.length, 2);
			assert.equal(sim.log.filter(entry => entry.body !== undefined).length, 1);
			// A later call starts over with a fresh challenge, and is refused again.
			sim.controls.clearLog();
			await rejectsWith(client.checkKey());
			assert.deepEqual(sim.log.map(entry => entry.status), [401, 401]);
			assert.equal(sim.log[0]?.headers.authorization, undefined);
		} finally {
			await sim.close();
		}
	});

	test('an unknown public key is refused the same way', async () => {
		const sim = await startSimulator();
		try {
			const error = await rejectsWith(testClient(sim, {keys: {publicKey: 'nobodyxx', privateKey: sim.keys.privateKey}}).listProjects());
			assert.ok(error instanceof AtlasError);
			assert.equal(error.status, 401);
			assert.equal(error.errorCode, 'UNEXPECTED_ERROR');
		} finally {
			await sim.close();
		}
	});

	test('concurrent calls on one client are serialized: still N+1 requests, nc strictly increasing', async () => {
		const {sim, client} = await harness();
		try {
			const results = await Promise.all([
				client.listProjects(),
				client.getProject(production),
				client.listExportBuckets(production),
				client.listCloudProviderAccess(production),
				client.createExportBucket(production, {bucketName: 'acme-atlas-snapshots-eu', iamRoleId: DEMO_ROLE_IDS.productionExport}),
				client.checkKey(),
			]);
			assert.equal(results.length, 6);
			assert.equal(sim.log.length, 7);
			const counts = authenticated(sim.log).map(entry => Number.parseInt(digestParams(entry).nc ?? '0', 16));
			assert.deepEqual(counts, [1, 2, 3, 4, 5, 6]);
		} finally {
			await sim.close();
		}
	});

	test('ky\'s signal is passed through: an aborted call rejects with the abort reason and the client goes on', async () => {
		const {sim, client} = await harness();
		try {
			await client.checkKey();
			sim.controls.injectFault({kind: 'latency', path: '/groups', latencyMs: 2000});
			const controller = new AbortController();
			const pending = client.listProjects({signal: controller.signal});
			setTimeout(() => controller.abort(new Error('user pressed Ctrl-C')), 50);
			const error = await rejectsWith(pending);
			assert.ok(!(error instanceof AtlasError));
			assert.match(String((error as Error).message), /Ctrl-C/);
			const project = await client.getProject(production);
			assert.equal(project.id, production);
			// The aborted request used an nc: the next one moved past it.
			const ncs = authenticated(sim.log).map(entry => digestParams(entry).nc);
			assert.equal(ncs.at(-1), '00000003');
		} finally {
			await sim.close();
		}
	});
});
