// What ink-select-input calls instead of Ink's useInput (the build patches its import; see
// source/bundle/input-patches.mjs): ↑/↓/Enter one at a time, each after the list has rendered the one
// before (its handler holds the selection of its last render; see key-router.ts), and no letter or
// digit, which the wizard's lists use for filtering.
import type {Key as InkKey} from 'ink';
import {useKeys, type Key} from './use-keys.js';

const none: InkKey = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageDown: false,
	pageUp: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	shift: false,
	tab: false,
	backspace: false,
	delete: false,
	meta: false,
	super: false,
	hyper: false,
	capsLock: false,
	numLock: false,
};

const listKeys: Partial<Record<Key['name'], Partial<InkKey>>> = {up: {upArrow: true}, down: {downArrow: true}, return: {return: true}};

export function useListInput(handler: (input: string, key: InkKey) => void, options: {isActive?: boolean} = {}): void {
	useKeys(key => {
		const flags = listKeys[key.name];
		if (!flags) return;
		handler('', {...none, ...flags});
	}, options);
}
