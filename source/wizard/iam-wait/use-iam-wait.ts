// The IAM wait as a screen uses it: start it, watch each failed attempt, stop it (Esc), and read how
// it ended. The loop itself is retryWhilePropagating (shared with the export-bucket registration).
import {useCallback, useEffect, useRef, useState} from 'react';
import {useWizardContext} from '../services-context.js';
import {retryWhilePropagating, type IamWaitOutcome, type IamWaitProgress} from './retry-while-propagating.js';

export type IamWaitState<T> =
	| {status: 'idle'}
	| {status: 'running'; attempts: IamWaitProgress[]; stopping: boolean}
	| (IamWaitOutcome<T> & {attemptsSeen: IamWaitProgress[]});

export function useIamWait<T>(): {state: IamWaitState<T>; run(attempt: (signal: AbortSignal) => Promise<T>): Promise<IamWaitOutcome<T>>; stop(): void} {
	const {services, signal} = useWizardContext();
	const [state, setState] = useState<IamWaitState<T>>({status: 'idle'});
	const stopper = useRef<AbortController | undefined>(undefined);
	const mounted = useRef(true);
	useEffect(
		() => () => {
			mounted.current = false;
			stopper.current?.abort();
		},
		[],
	);

	const run = useCallback(
		async (attempt: (signal: AbortSignal) => Promise<T>) => {
			const controller = new AbortController();
			stopper.current = controller;
			const attempts: IamWaitProgress[] = [];
			setState({status: 'running', attempts: [], stopping: false});
			const outcome = await retryWhilePropagating(attempt, {
				budgetMs: services.iamWaitMs,
				...services.iamRetryDelays,
				signal,
				stop: controller.signal,
				onWait(progress) {
					attempts.push(progress);
					if (mounted.current) setState({status: 'running', attempts: [...attempts], stopping: controller.signal.aborted});
				},
			});
			if (mounted.current && !signal.aborted) setState({...outcome, attemptsSeen: attempts});
			return outcome;
		},
		[services, signal],
	);

	const stop = useCallback(() => {
		stopper.current?.abort();
		setState(current => (current.status === 'running' ? {...current, stopping: true} : current));
	}, []);

	return {state, run, stop};
}
