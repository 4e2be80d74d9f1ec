// One way for a step to fetch what it shows: the request starts when the step appears (and again on
// reload or when a dependency changes), is cancelled when the step goes away or the user presses
// Ctrl-C, and a late answer from an abandoned request never reaches the screen.
import {useCallback, useEffect, useRef, useState, type DependencyList} from 'react';
import {useWizardContext} from './services-context.js';
import {toErrorView, type AtlasErrorView} from './services.js';

export type AsyncLoad<T> =
	| {status: 'loading'}
	| {status: 'loaded'; value: T}
	| {status: 'failed'; error: AtlasErrorView};

export type AsyncLoadOptions<T> = {
	/**
	 * Sees the value first; returning true means the step acted on it (it answered itself and is
	 * going away), so the value is not shown.
	 */
	onLoaded?(value: T): boolean;
};

/**
 * Runs `load` with a signal that aborts on unmount, on reload and on Ctrl-C. Returns the state of the
 * latest load and a function that loads again (showing "loading" meanwhile).
 */
export function useAsyncLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList, options: AsyncLoadOptions<T> = {}): [AsyncLoad<T>, () => void] {
	const {signal} = useWizardContext();
	const [state, setState] = useState<AsyncLoad<T>>({status: 'loading'});
	const [round, setRound] = useState(0);
	// The latest callbacks, so a re-render with new closures does not restart the request.
	const latest = useRef({load, options});
	latest.current = {load, options};

	useEffect(() => {
		const controller = new AbortController();
		const combined = AbortSignal.any([signal, controller.signal]);
		latest.current.load(combined).then(
			value => {
				if (combined.aborted || latest.current.options.onLoaded?.(value)) return;
				setState({status: 'loaded', value});
			},
			(error: unknown) => {
				if (!combined.aborted) setState({status: 'failed', error: toErrorView(error)});
			},
		);
		return () => {
			controller.abort();
		};
	}, [signal, round, ...deps]);

	const reload = useCallback(() => {
		setState({status: 'loading'});
		setRound(count => count + 1);
	}, []);
	return [state, reload];
}
