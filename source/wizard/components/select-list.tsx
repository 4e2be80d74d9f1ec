import React, {useReducer, useRef} from 'react';
import {Box, Text, useInput} from 'ink';

export type SelectItem<V> = {
	key: string;
	label: string;
	/** Extra dimmed lines under the label (ids, ARNs, notes). */
	details?: string[];
	/** Matched by the filter besides the label. */
	searchText?: string;
	value: V;
};

export type SelectListProps<V> = {
	items: Array<SelectItem<V>>;
	onSelect(value: V): void;
	/** Esc with an empty filter. */
	onBack?(): void;
	/** Typing narrows the list (case-insensitive, on label and searchText). */
	filterable?: boolean;
	/** Items always shown after the filtered ones (e.g. "Type an id instead"). */
	fixedItems?: Array<SelectItem<V>>;
	initialKey?: string;
	/** Rows visible at once; the list scrolls past that. */
	limit?: number;
	isActive?: boolean;
};

/**
 * A list chosen with ↑/↓ and Enter, optionally filtered by typing. ink-select-input cannot filter
 * (it takes digits and j/k as navigation keys), which a list of project ids needs.
 */
export function SelectList<V>({items, onSelect, onBack, filterable = false, fixedItems = [], initialKey, limit = 8, isActive = true}: SelectListProps<V>) {
	const visibleFor = (filter: string) => {
		const needle = filter.trim().toLowerCase();
		const matching = needle === '' ? items : items.filter(item => `${item.label} ${item.searchText ?? ''}`.toLowerCase().includes(needle));
		return [...matching, ...fixedItems];
	};

	// Several keys can arrive in one chunk (↓ then Enter) before React re-renders and re-subscribes the
	// handler: the handler reads the list's state from a ref, never from a stale closure.
	const stateRef = useRef<{filter: string; index: number} | undefined>(undefined);
	stateRef.current ??= {filter: '', index: Math.max(0, visibleFor('').findIndex(item => item.key === initialKey))};
	const [, rerender] = useReducer((count: number) => count + 1, 0);
	const latest = useRef({visibleFor, onSelect, onBack});
	latest.current = {visibleFor, onSelect, onBack};

	const update = (filter: string, index: number) => {
		stateRef.current = {filter, index};
		rerender();
	};

	useInput(
		(input, key) => {
			const {filter, index} = stateRef.current!;
			const list = latest.current.visibleFor(filter);
			const count = Math.max(1, list.length);
			if (key.upArrow) {
				update(filter, (index - 1 + count) % count);
				return;
			}

			if (key.downArrow) {
				update(filter, (index + 1) % count);
				return;
			}

			if (key.pageUp) {
				update(filter, Math.max(0, index - limit));
				return;
			}

			if (key.pageDown) {
				update(filter, Math.min(count - 1, index + limit));
				return;
			}

			if (key.return) {
				const chosen = list[Math.min(index, list.length - 1)];
				if (chosen) latest.current.onSelect(chosen.value);
				return;
			}

			if (key.escape) {
				if (filterable && filter !== '') update('', 0);
				else latest.current.onBack?.();
				return;
			}

			if (!filterable || key.ctrl || key.meta || key.tab) return;
			if (key.backspace || key.delete) {
				update(filter.slice(0, -1), 0);
				return;
			}

			const printable = input.replace(/[\u0000-\u001F\u007F]/g, '');
			if (printable !== '') update(filter + printable, 0);
		},
		{isActive},
	);

	const {filter} = stateRef.current;
	const visible = visibleFor(filter);
	const index = Math.min(stateRef.current.index, Math.max(0, visible.length - 1));
	const start = Math.min(Math.max(0, index - Math.floor(limit / 2)), Math.max(0, visible.length - limit));
	const window = visible.slice(start, start + limit);
	const hiddenAbove = start;
	const hiddenBelow = Math.max(0, visible.length - start - limit);
	const matchCount = visible.length - fixedItems.length;

	return (
		<Box flexDirection="column">
			{filterable ? (
				<Text>
					<Text dimColor>Filter: </Text>
					{filter === '' ? <Text dimColor>type to narrow the list</Text> : <Text>{filter}</Text>}
					{filter === '' ? null : <Text dimColor>{` (${matchCount} of ${items.length})`}</Text>}
				</Text>
			) : null}
			{hiddenAbove > 0 ? <Text dimColor>  ↑ {hiddenAbove} more</Text> : null}
			{window.map((item, offset) => {
				const selected = start + offset === index;
				return (
					<Box key={item.key} flexDirection="column">
						<Text color={selected ? 'cyan' : undefined} bold={selected}>
							{selected ? '❯ ' : '  '}
							{item.label}
						</Text>
						{item.details?.map(line => (
							<Text key={line} dimColor>
								{'    '}
								{line}
							</Text>
						))}
					</Box>
				);
			})}
			{hiddenBelow > 0 ? <Text dimColor>  ↓ {hiddenBelow} more</Text> : null}
			{filterable && matchCount === 0 ? <Text color="yellow">  Nothing matches “{filter}”.</Text> : null}
		</Box>
	);
}
