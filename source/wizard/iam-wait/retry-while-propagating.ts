// The wizard's wait for AWS IAM: Atlas answers CANNOT_ASSUME_ROLE while a role's trust policy has
// not propagated (after create-role, put-role-policy or an authorize), so the call is tried again with
// backoff until it passes or the time budget is spent. The person watching can stop waiting: the
// attempt in flight is never abandoned (its outcome would be unknown), no new one starts after it.
// Shared by the role authorization and the export-bucket registration; no Ink here.
import {toErrorView, type AtlasErrorView, type IamRetryDelays} from '../services.js';

/** Shown while waiting: the attempt that just failed, the time spent, and when the next one goes. */
export type IamWaitProgress = {attempt: number; elapsedMs: number; budgetMs: number; nextDelayMs: number; error: AtlasErrorView};

export type IamWaitOutcome<T> =
	| {status: 'succeeded'; value: T; attempts: number}
	| {
		status: 'failed';
		error: AtlasErrorView;
		attempts: number;
		/** Why the waiting ended: another error, the budget spent, the user stopped it, or the session was cancelled. */
		ended: 'other-error' | 'budget-spent' | 'stopped' | 'cancelled';
	};

export type RetryWhilePropagatingOptions = IamRetryDelays & {
	budgetMs: number;
	/** Cancels everything (Ctrl-C): the attempt in flight is aborted. */
	signal: AbortSignal;
	/** Stops waiting: the attempt in flight finishes, no new one starts. */
	stop?: AbortSignal;
	onWait?(progress: IamWaitProgress): void;
	/** Tests and callers with their own clock; Date.now otherwise. */
	now?(): number;
};

function pause(ms: number, signals: AbortSignal[]): Promise<void> {
	if (signals.some(signal => signal.aborted)) return Promise.resolve();
	return new Promise(resolve => {
		const done = () => {
			clearTimeout(timer);
			for (const signal of signals) signal.removeEventListener('abort', done);
			resolve();
		};

		const timer = setTimeout(done, ms);
		for (const signal of signals) signal.addEventListener('abort', done, {once: true});
	});
}

/** Runs `attempt` until it succeeds, fails with anything but CANNOT_ASSUME_ROLE, the budget is spent or waiting is stopped. */
export async function retryWhilePropagating<T>(attempt: (signal: AbortSignal) => Promise<T>, options: RetryWhilePropagatingOptions): Promise<IamWaitOutcome<T>> {
	const now = options.now ?? Date.now;
	const started = now();
	const stopped = () => options.stop?.aborted === true;
	for (let number = 1; ; number++) {
		try {
			return {status: 'succeeded', value: await attempt(options.signal), attempts: number};
		} catch (thrown) {
			const error = toErrorView(thrown);
			if (options.signal.aborted || error.aborted) return {status: 'failed', error, attempts: number, ended: 'cancelled'};
			if (!error.cannotAssumeRole) return {status: 'failed', error, attempts: number, ended: 'other-error'};
			if (stopped()) return {status: 'failed', error, attempts: number, ended: 'stopped'};
			const elapsedMs = now() - started;
			if (elapsedMs >= options.budgetMs) return {status: 'failed', error, attempts: number, ended: 'budget-spent'};
			const nextDelayMs = Math.min(options.budgetMs - elapsedMs, options.maxDelayMs, options.baseDelayMs * 2 ** (number - 1));
			options.onWait?.({attempt: number, elapsedMs, budgetMs: options.budgetMs, nextDelayMs, error});
			await pause(nextDelayMs, [options.signal, ...(options.stop ? [options.stop] : [])]);
			if (options.signal.aborted) return {status: 'failed', error, attempts: number, ended: 'cancelled'};
			if (stopped()) return {status: 'failed', error, attempts: number, ended: 'stopped'};
		}
	}
}
