// The filter typed above a list (components/select-list.tsx), as pure functions: which keys edit it
// and which items it keeps.
import {withoutControls, type Key} from './keys.js';

/** The filter after `key`: text and pastes add, Backspace removes one character, Ctrl-W its last word, Ctrl-U and Esc all of it. */
export function applyFilterKey(filter: string, key: Key): string {
	switch (key.name) {
		case 'text':
		case 'paste': {
			return filter + withoutControls(key.text);
		}

		case 'backspace': {
			return filter.slice(0, -1);
		}

		case 'escape': {
			return '';
		}

		case 'ctrl': {
			if (key.letter === 'u') return '';
			return key.letter === 'w' ? filter.replace(/\S*\s*$/, '') : filter;
		}

		default: {
			return filter;
		}
	}
}

/** The items whose label or search text contains the filter, case-insensitive. */
export function filterItems<T extends {label: string; searchText?: string}>(items: T[], filter: string): T[] {
	const needle = filter.trim().toLowerCase();
	if (needle === '') return items;
	return items.filter(item => `${item.label} ${item.searchText ?? ''}`.toLowerCase().includes(needle));
}
