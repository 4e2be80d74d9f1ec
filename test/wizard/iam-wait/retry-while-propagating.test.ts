// The IAM wait loop: retries only CANNOT_ASSUME_ROLE, reports each failed attempt, never abandons an
// attempt in flight when asked to stop, and says how it ended. The clock is the test's own.
import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {retryWhilePropagating, type IamWaitProgress} from '../../../source/wizard/iam-wait/retry-while-propagating.js';
import {cannotAssumeRole, unauthorized} from '../fake-services.js';

const arn = 'arn:aws:iam::123456789012:role/atlas-export-wizard';
const delays = {baseDelayMs: 1, maxDelayMs: 1};

describe('retryWhilePropagating', () => {
	test('retries CANNOT_ASSUME_ROLE until it passes, reporting each failed attempt', async () => {
		let calls = 0;
		const seen: IamWaitProgress[] = [];
		const outcome = await retryWhilePropagating(async () => {
			calls++;
			if (calls < 3) throw cannotAssumeRole(arn);
			return 'authorized';
		}, {...delays, budgetMs: 60_000, signal: new AbortController().signal, onWait: progress => seen.push(progress)});
		assert.deepEqual(outcome, {status: 'succeeded', value: 'authorized', attempts: 3});
		assert.deepEqual(seen.map(progress => progress.attempt), [1, 2]);
		assert.ok(seen.every(progress => progress.error.cannotAssumeRole && progress.budgetMs === 60_000));
	});

	test('any other error ends it at once', async () => {
		let calls = 0;
		const outcome = await retryWhilePropagating(async () => {
			calls++;
			throw unauthorized();
		}, {...delays, budgetMs: 60_000, signal: new AbortController().signal});
		assert.equal(calls, 1);
		assert.equal(outcome.status === 'failed' && outcome.ended, 'other-error');
	});

	test('the budget spent: the last error and how many attempts', async () => {
		let clock = 0;
		const outcome = await retryWhilePropagating(async () => {
			clock += 25_000;
			throw cannotAssumeRole(arn);
		}, {...delays, budgetMs: 60_000, signal: new AbortController().signal, now: () => clock});
		assert.equal(outcome.status, 'failed');
		assert.equal(outcome.status === 'failed' && outcome.ended, 'budget-spent');
		assert.equal(outcome.attempts, 3);
	});

	test('stop while an attempt is in flight: that attempt finishes (its success counts), no new one starts', async () => {
		const stop = new AbortController();
		let calls = 0;
		const failing = await retryWhilePropagating(async signal => {
			calls++;
			stop.abort();
			assert.equal(signal.aborted, false, 'the attempt in flight is not aborted');
			throw cannotAssumeRole(arn);
		}, {...delays, budgetMs: 60_000, signal: new AbortController().signal, stop: stop.signal});
		assert.equal(calls, 1);
		assert.equal(failing.status === 'failed' && failing.ended, 'stopped');

		const stopAgain = new AbortController();
		const passing = await retryWhilePropagating(async () => {
			stopAgain.abort();
			return 'authorized';
		}, {...delays, budgetMs: 60_000, signal: new AbortController().signal, stop: stopAgain.signal});
		assert.equal(passing.status, 'succeeded');
	});

	test('stop during the pause ends it without another attempt', async () => {
		const stop = new AbortController();
		let calls = 0;
		const outcome = await retryWhilePropagating(async () => {
			calls++;
			throw cannotAssumeRole(arn);
		}, {baseDelayMs: 3_600_000, maxDelayMs: 3_600_000, budgetMs: 7_200_000, signal: new AbortController().signal, stop: stop.signal, onWait: () => stop.abort()});
		assert.equal(calls, 1);
		assert.equal(outcome.status === 'failed' && outcome.ended, 'stopped');
	});

	test('Ctrl-C (the session signal) ends it as cancelled', async () => {
		const session = new AbortController();
		const outcome = await retryWhilePropagating(async () => {
			throw cannotAssumeRole(arn);
		}, {baseDelayMs: 3_600_000, maxDelayMs: 3_600_000, budgetMs: 7_200_000, signal: session.signal, onWait: () => session.abort()});
		assert.equal(outcome.status === 'failed' && outcome.ended, 'cancelled');
	});
});
