import {useLayoutEffect, useRef} from 'react';
import {useStdin} from 'ink';
import {keyRouterFor, type KeyHandler} from './key-router.js';

export type {Key} from './keys.js';
export type {KeyHandler} from './key-router.js';

/**
 * The wizard's useInput: `handler` gets one key at a time (see keys.ts and key-router.ts), with the
 * props and state of the newest render. Subscribed in a layout effect, so a component listens from
 * the commit that shows it.
 */
export function useKeys(handler: KeyHandler, {isActive = true}: {isActive?: boolean} = {}): void {
	const {internal_eventEmitter: events, setRawMode, isRawModeSupported} = useStdin();
	const latest = useRef(handler);
	latest.current = handler;
	const listener = useRef({handler: () => latest.current, active: isActive});
	listener.current.active = isActive;
	const router = keyRouterFor(events, {setRawMode, isRawModeSupported});
	useLayoutEffect(() => router.register(listener.current), [router]);
}
