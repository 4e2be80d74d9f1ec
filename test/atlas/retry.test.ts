// Retries (GET only), Retry-After, backoff, and the opt-in wait for IAM propagation.
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {AtlasError, atlasErrorReason} from '../../source/atlas/errors.js';
import {backoffDelay} from '../../source/atlas/http.js';
import type {IamWaitAttempt} from '../../source/atlas/types.js';
import {DEMO_AWS_ROLE_ARNS, DEMO_EXPORT_BUCKET_ID, DEMO_PROJECTS, DEMO_ROLE_IDS} from '../../source/simulator/index.js';
import {authenticated, harness, rejectsWith} from './support.js';

const production = DEMO_PROJECTS.production.id;
const sandbox = DEMO_PROJECTS.sandbox.id;

function attemptsAt(log: Parameters<typeof authenticated>[0], method: string, path: string) {
	return authenticated(log).filter(entry => entry.method === method && entry.path === path);
}

describe('GET retries', () => {
	test('5xx answers are retried until one succeeds', async () => {
		const {sim, client} = await harness({retry: {limit: 3, baseDelayMs: 2, maxDelayMs: 5}});
		try {
			sim.controls.injectFault({kind: 'http500', path: '/groups', times: 1});
			sim.controls.injectFault({kind: 'http502html', path: '/groups', times: 1});
			const projects = await client.listProjects();
			assert.equal(projects.length, 3);
			assert.deepEqual(attemptsAt(sim.log, 'GET', '/api/atlas/v2/groups').map(entry => entry.status), [500, 502, 200]);
		} finally {
			await sim.close();
		}
	});

	test('a reset connection on a GET is retried', async () => {
		const {sim, client} = await harness({retry: {limit: 2, baseDelayMs: 2, maxDelayMs: 5}});
		try {
			await client.checkKey();
			sim.controls.injectFault({kind: 'reset', path: '/groups', times: 1});
			assert.equal((await client.listProjects()).length, 3);
			assert.deepEqual(attemptsAt(sim.log, 'GET', '/api/atlas/v2/groups').map(entry => entry.status), [0, 200]);
		} finally {
			await sim.close();
		}
	});

	test('the retry limit is respected and the last error is reported', async () => {
		const {sim, client} = await harness({retry: {limit: 2, baseDelayMs: 2, maxDelayMs: 5}});
		try {
			sim.controls.injectFault({kind: 'http500', path: `/groups/${production}`, times: 10});
			const error = await rejectsWith(client.getProject(production));
			assert.ok(error instanceof AtlasError);
			assert.equal(error.status, 500);
			assert.equal(attemptsAt(sim.log, 'GET', `/api/atlas/v2/groups/${production}`).length, 3);
		} finally {
			await sim.close();
		}
	});

	test('4xx answers are not retried', async () => {
		const {sim, client} = await harness({retry: {limit: 3, baseDelayMs: 2, maxDelayMs: 5}});
		try {
			await rejectsWith(client.getExportBucket(production, 'aaaaaaaaaaaaaaaaaaaaaaaa'));
			assert.equal(attemptsAt(sim.log, 'GET', `/api/atlas/v2/groups/${production}/backup/exportBuckets/aaaaaaaaaaaaaaaaaaaaaaaa`).length, 1);
		} finally {
			await sim.close();
		}
	});

	test('429 is retried after the Retry-After seconds, not the (tiny) backoff', async () => {
		const {sim, client} = await harness({retry: {limit: 2, baseDelayMs: 1, maxDelayMs: 2}});
		try {
			// One token, refilled at one per second: the second call gets 429 with Retry-After: 1.
			sim.controls.setRateLimit({capacity: 1, refillPerMinute: 60}, 'listProjects');
			await client.listProjects();
			const started = Date.now();
			const projects = await client.listProjects();
			const waited = Date.now() - started;
			assert.equal(projects.length, 3);
			assert.deepEqual(attemptsAt(sim.log, 'GET', '/api/atlas/v2/groups').map(entry => entry.status), [200, 429, 200]);
			// Correctness, not performance: with a 2 ms backoff only Retry-After explains a wait this long.
			assert.ok(waited >= 950, `retried after ${waited} ms, before Retry-After: 1`);
		} finally {
			await sim.close();
		}
	});

	test('a Retry-After longer than the retry budget (the timeout) is not waited for: the 429 is reported at once', async () => {
		const {sim, client} = await harness({retry: {limit: 3, baseDelayMs: 1, maxDelayMs: 2}, timeoutMs: 5000});
		try {
			// Retry-After: 60 s against a 5 s budget: no pause, one attempt.
			sim.controls.setRateLimit({capacity: 1, refillPerMinute: 1}, 'listProjects');
			await client.listProjects();
			const error = await rejectsWith(client.listProjects());
			assert.ok(error instanceof AtlasError);
			assert.equal(error.status, 429);
			assert.equal(error.retryAfterSeconds, 60);
			assert.match(error.hint, /Wait 60 seconds/);
			assert.equal(attemptsAt(sim.log, 'GET', '/api/atlas/v2/groups').length, 2, 'the first call, then one attempt');
		} finally {
			await sim.close();
		}
	});
});

type Client = Awaited<ReturnType<typeof harness>>['client'];

describe('POST, PATCH and DELETE are never retried blindly', () => {
	const cases: Array<{name: string; method: string; path: string; run: (client: Client) => Promise<unknown>}> = [
		{
			name: 'POST create export bucket',
			method: 'POST',
			path: `/api/atlas/v2/groups/${production}/backup/exportBuckets`,
			run: client => client.createExportBucket(production, {bucketName: 'acme-atlas-snapshots-eu', iamRoleId: DEMO_ROLE_IDS.productionExport}),
		},
		{
			name: 'PATCH authorize role',
			method: 'PATCH',
			path: `/api/atlas/v2/groups/${production}/cloudProviderAccess/${DEMO_ROLE_IDS.productionUnauthorized}`,
			run: client => client.authorizeAwsRole(production, DEMO_ROLE_IDS.productionUnauthorized, DEMO_AWS_ROLE_ARNS.wizardNew),
		},
		{
			name: 'DELETE export bucket',
			method: 'DELETE',
			path: `/api/atlas/v2/groups/${production}/backup/exportBuckets/${DEMO_EXPORT_BUCKET_ID}`,
			run: client => client.deleteExportBucket(production, DEMO_EXPORT_BUCKET_ID),
		},
	];
	for (const {name, method, path, run} of cases) {
		for (const kind of ['http500', 'http502html', 'reset'] as const) {
			test(`${name} after ${kind}: exactly one attempt`, async () => {
				const {sim, client} = await harness({retry: {limit: 3, baseDelayMs: 1, maxDelayMs: 2}});
				try {
					sim.controls.injectFault({kind, method, times: 5});
					const error = await rejectsWith(run(client));
					assert.ok(error instanceof AtlasError);
					assert.equal(attemptsAt(sim.log, method, path).length, 1);
				} finally {
					await sim.close();
				}
			});
		}
	}

	test('a 429 on POST is reported, not retried', async () => {
		const {sim, client} = await harness({retry: {limit: 3, baseDelayMs: 1, maxDelayMs: 2}});
		try {
			sim.controls.setRateLimit({capacity: 0, refillPerMinute: 1});
			const error = await rejectsWith(cases[0]!.run(client));
			assert.ok(error instanceof AtlasError);
			assert.equal(error.status, 429);
			assert.equal(attemptsAt(sim.log, 'POST', cases[0]!.path).length, 1);
		} finally {
			await sim.close();
		}
	});
});

describe('backoff', () => {
	test('doubles from the base delay, is capped, and jitters within [cap/2, cap]', () => {
		const retry = {baseDelayMs: 100, maxDelayMs: 1000};
		assert.equal(backoffDelay(1, retry, () => 0), 50);
		assert.equal(backoffDelay(1, retry, () => 1), 100);
		assert.equal(backoffDelay(3, retry, () => 1), 400);
		assert.equal(backoffDelay(10, retry, () => 1), 1000);
		assert.equal(backoffDelay(10, retry, () => 0), 500);
		for (let attempt = 1; attempt < 8; attempt++) {
			const delay = backoffDelay(attempt, retry);
			const cap = Math.min(1000, 100 * 2 ** (attempt - 1));
			assert.ok(delay >= cap / 2 && delay <= cap);
		}
	});
});

describe('waiting for IAM propagation (createExportBucket waitForIamMs)', () => {
	async function freshlyAuthorizedRole(h: Awaited<ReturnType<typeof harness>>): Promise<string> {
		const role = await h.client.createAwsRole(sandbox);
		const authorize = () => h.client.authorizeAwsRole(sandbox, role.roleId, DEMO_AWS_ROLE_ARNS.wizardNew);
		try {
			await authorize();
		} catch (error) {
			// With a wall-clock delay, authorize waits it out too (from its first attempt): move the clock past it.
			if (atlasErrorReason(error) !== 'cannotAssumeRole') throw error;
			h.sim.controls.advanceClock(60_000);
			await authorize();
		}
		return role.roleId;
	}

	test('without the opt-in, CANNOT_ASSUME_ROLE fails at once', async () => {
		const h = await harness({}, {iamPropagationDelayMs: 60_000});
		try {
			const roleId = await freshlyAuthorizedRole(h);
			const error = await rejectsWith(h.client.createExportBucket(sandbox, {bucketName: 'acme-atlas-snapshots', iamRoleId: roleId}));
			assert.ok(error instanceof AtlasError);
			assert.equal(error.errorCode, 'CANNOT_ASSUME_ROLE');
			assert.equal(authenticated(h.sim.log).filter(entry => entry.method === 'POST' && entry.path.endsWith('/exportBuckets')).length, 1);
		} finally {
			await h.sim.close();
		}
	});

	test('with it, create retries until IAM has propagated and reports each attempt', async () => {
		const h = await harness({iamRetry: {baseDelayMs: 40, maxDelayMs: 80}});
		try {
			h.sim.controls.holdIamPropagation({stages: ['create']});
			const roleId = await freshlyAuthorizedRole(h);
			const attempts: IamWaitAttempt[] = [];
			// IAM propagates (on command) during the second pause: exactly three attempts, whatever the machine's speed.
			const onIamWait = (attempt: IamWaitAttempt) => {
				attempts.push(attempt);
				if (attempt.attempt === 2) h.sim.controls.releaseIamPropagation();
			};
			const bucket = await h.client.createExportBucket(sandbox, {bucketName: 'acme-atlas-snapshots', iamRoleId: roleId}, {waitForIamMs: 60_000, onIamWait});
			assert.equal(bucket.bucketName, 'acme-atlas-snapshots');
			assert.equal(attempts.length, 2);
			assert.deepEqual(attempts.map(attempt => attempt.attempt), attempts.map((_, index) => index + 1));
			assert.equal(attempts[0]?.nextDelayMs, 40);
			for (const attempt of attempts) {
				assert.equal(attempt.budgetMs, 60_000);
				assert.ok(attempt.nextDelayMs <= 80);
				assert.ok(attempt.elapsedMs < 60_000);
			}
			const posts = authenticated(h.sim.log).filter(entry => entry.method === 'POST' && entry.path.endsWith('/exportBuckets'));
			assert.equal(posts.length, attempts.length + 1);
			assert.deepEqual(posts.map(entry => entry.errorCode ?? 'ok'), [...attempts.map(() => 'CANNOT_ASSUME_ROLE'), 'ok']);
		} finally {
			await h.sim.close();
		}
	});

	test('the wait is bounded: after the budget the last CANNOT_ASSUME_ROLE is thrown', async () => {
		const h = await harness({iamRetry: {baseDelayMs: 100, maxDelayMs: 200}}, {iamPropagationDelayMs: 60_000});
		try {
			const roleId = await freshlyAuthorizedRole(h);
			const attempts: IamWaitAttempt[] = [];
			const error = await rejectsWith(h.client.createExportBucket(sandbox, {bucketName: 'acme-atlas-snapshots', iamRoleId: roleId}, {waitForIamMs: 1000, onIamWait: attempt => attempts.push(attempt)}));
			assert.ok(error instanceof AtlasError);
			assert.equal(error.errorCode, 'CANNOT_ASSUME_ROLE');
			assert.ok(attempts.length >= 1);
			for (const attempt of attempts) assert.ok(attempt.elapsedMs + attempt.nextDelayMs <= 1000, 'never sleeps past the budget');
		} finally {
			await h.sim.close();
		}
	});

	test('other errors are not waited on', async () => {
		const h = await harness();
		try {
			const attempts: IamWaitAttempt[] = [];
			const error = await rejectsWith(h.client.createExportBucket(production, {bucketName: 'acme-atlas-snapshots', iamRoleId: DEMO_ROLE_IDS.productionUnauthorized}, {waitForIamMs: 5000, onIamWait: attempt => attempts.push(attempt)}));
			assert.ok(error instanceof AtlasError);
			assert.equal(error.errorCode, 'CLOUD_PROVIDER_ACCESS_ROLE_NOT_AUTHORIZED');
			assert.equal(attempts.length, 0);
		} finally {
			await h.sim.close();
		}
	});

	test('the wait stops when the signal aborts', async () => {
		const h = await harness({iamRetry: {baseDelayMs: 1000, maxDelayMs: 1000}}, {iamPropagationDelayMs: 60_000});
		try {
			const roleId = await freshlyAuthorizedRole(h);
			const controller = new AbortController();
			const error = await rejectsWith(h.client.createExportBucket(sandbox, {bucketName: 'acme-atlas-snapshots', iamRoleId: roleId}, {
				waitForIamMs: 60_000,
				signal: controller.signal,
				onIamWait: () => controller.abort(new Error('cancelled by the user')),
			}));
			assert.ok(!(error instanceof AtlasError));
			assert.match((error as Error).message, /cancelled by the user/);
		} finally {
			await h.sim.close();
		}
	});
});
