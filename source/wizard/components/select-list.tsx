import React, {useEffect, useMemo, useState} from 'react';
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
	const [filter, setFilter] = useState('');
	const visible = useMemo(() => {
		const needle = filter.trim().toLowerCase();
		const matching = needle === '' ? items : items.filter(item => `${item.label} ${item.searchText ?? ''}`.toLowerCase().includes(needle));
		return [...matching, ...fixedItems];
	}, [items, fixedItems, filter]);
	const [index, setIndex] = useState(() => Math.max(0, visible.findIndex(item => item.key === initialKey)));

	useEffect(() => {
		if (index >= visible.length) setIndex(Math.max(0, visible.length - 1));
	}, [index, visible.length]);

	useInput(
		(input, key) => {
			if (key.upArrow) {
				setIndex(current => (current - 1 + visible.length) % Math.max(1, visible.length));
				return;
			}

			if (key.downArrow) {
				setIndex(current => (current + 1) % Math.max(1, visible.length));
				return;
			}

			if (key.pageUp) {
				setIndex(current => Math.max(0, current - limit));
				return;
			}

			if (key.pageDown) {
				setIndex(current => Math.min(visible.length - 1, current + limit));
				return;
			}

			if (key.return) {
				const chosen = visible[index];
				if (chosen) onSelect(chosen.value);
				return;
			}

			if (key.escape) {
				if (filterable && filter !== '') {
					setFilter('');
					setIndex(0);
				} else {
					onBack?.();
				}

				return;
			}

			if (!filterable || key.ctrl || key.meta || key.tab) return;
			if (key.backspace || key.delete) {
				setFilter(current => current.slice(0, -1));
				setIndex(0);
				return;
			}

			const printable = input.replace(/[\u0000-\u001F\u007F]/g, '');
			if (printable !== '') {
				setFilter(current => current + printable);
				setIndex(0);
			}
		},
		{isActive},
	);

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
