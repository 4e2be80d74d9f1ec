// One listener per Ink instance, installed once, hands every key to the components that listen,
// one key at a time and in order. Ink's useInput subscribes in a passive effect and re-subscribes
// whenever its handler changes (every render of ink-text-input): keys arriving in between were lost,
// and keys arriving together met handlers holding state from before the previous key. Here:
//  - each key is handled as a discrete event and React renders what it changed before the next key
//    is handed over (Ink's reconciler: discreteUpdates, then flushSyncWork), so the next key meets
//    the screen the user now sees (Enter then typing: the typing reaches the next step);
//  - keys wait in a queue while nobody listens (a step has gone and the next one is mounting);
//  - a component that unmounted during a key is not called for it any more, and one that mounted
//    during it does not receive it.
import type {EventEmitter} from 'node:events';
import * as ink from 'ink';
import {createKeyReader, type Key} from './keys.js';

export type KeyHandler = (key: Key) => void;

type Listener = {handler: () => KeyHandler; active: boolean};

export type KeyRouter = {
	register(listener: Listener): () => void;
};

type RawMode = {setRawMode(value: boolean): void; isRawModeSupported: boolean};

type Reconciler = {discreteUpdates<T>(fn: () => T): T; flushSyncWork(): void};

/** Ink's React reconciler; the build (and the tests' module hook) export it (source/bundle/input-patches.mjs). */
function inkReconciler(): Reconciler {
	const reconciler = (ink as unknown as {__inkReconciler?: Reconciler}).__inkReconciler;
	if (!reconciler) throw new Error('ink is not patched (source/bundle/input-patches.mjs): keys cannot be delivered one at a time');
	return reconciler;
}

const routers = new WeakMap<EventEmitter, KeyRouter>();

export function keyRouterFor(events: EventEmitter, raw: RawMode): KeyRouter {
	let router = routers.get(events);
	if (!router) {
		router = createKeyRouter(events, raw, inkReconciler());
		routers.set(events, router);
	}

	return router;
}

function createKeyRouter(events: EventEmitter, raw: RawMode, reconciler: Reconciler): KeyRouter {
	const reader = createKeyReader();
	const listeners = new Set<Listener>();
	const queue: Key[] = [];
	let draining = false;
	let holdingRawMode = false;
	let releaseTimer: NodeJS.Immediate | undefined;

	const deliver = (key: Key) => {
		const current = [...listeners];
		reconciler.discreteUpdates(() => {
			for (const listener of current) {
				if (listener.active && listeners.has(listener)) listener.handler()(key);
			}
		});
		reconciler.flushSyncWork();
	};

	const drain = () => {
		if (draining) return;
		draining = true;
		try {
			while (queue.length > 0 && [...listeners].some(listener => listener.active)) deliver(queue.shift()!);
		} finally {
			draining = false;
		}
	};

	events.on('input', (event: string) => {
		queue.push(...reader.read(event));
		drain();
	});

	// Raw mode is held while anyone listens, and given back one turn after the last one left (a step
	// replacing another must not flip the terminal back to cooked mode in between).
	const updateRawMode = () => {
		if (!raw.isRawModeSupported) return;
		if (releaseTimer) {
			clearImmediate(releaseTimer);
			releaseTimer = undefined;
		}

		if (listeners.size > 0 && !holdingRawMode) {
			holdingRawMode = true;
			raw.setRawMode(true);
		} else if (listeners.size === 0 && holdingRawMode) {
			releaseTimer = setImmediate(() => {
				releaseTimer = undefined;
				if (listeners.size === 0 && holdingRawMode) {
					holdingRawMode = false;
					raw.setRawMode(false);
				}
			});
		}
	};

	return {
		register(listener) {
			listeners.add(listener);
			updateRawMode();
			// Keys that waited for a listener: after this commit, not inside it.
			if (queue.length > 0) queueMicrotask(drain);
			return () => {
				listeners.delete(listener);
				updateRawMode();
			};
		},
	};
}
