import React, {useReducer, useRef} from 'react';
import {terminalSafeLine} from '../../text/terminal-safe.js';
import {Box, Text} from 'ink';
import SelectInput from 'ink-select-input';
import {applyFilterKey, filterItems} from '../input/list-filter.js';
import {useKeys} from '../input/use-keys.js';

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
	/** Details under the highlighted row only (a short terminal): moving the cursor shows each row's. */
	detailsWhenSelected?: boolean;
	isActive?: boolean;
};

function Indicator({isSelected = false}: {isSelected?: boolean}) {
	// Never shrunk: a label longer than the row would otherwise take the indicator's space and the
	// row would come out one column wider than the terminal.
	return (
		<Box flexShrink={0} width={2}>
			<Text color="cyan">{isSelected ? '❯' : ' '}</Text>
		</Box>
	);
}

function Row({label, details, isSelected = false, detailsWhenSelected = false}: {label: string; details?: string[]; isSelected?: boolean; detailsWhenSelected?: boolean}) {
	const shown = detailsWhenSelected && !isSelected ? [] : details;
	return (
		<Box flexDirection="column">
			<Text color={isSelected ? 'cyan' : undefined} bold={isSelected}>
				{terminalSafeLine(label)}
			</Text>
			{shown?.map(line => (
				<Text key={line} dimColor>
					{'  '}
					{terminalSafeLine(line)}
				</Text>
			))}
		</Box>
	);
}

/**
 * A list chosen with ↑/↓ and Enter: ink-select-input, fed one key at a time (the build patches its
 * key hook: source/bundle/input-patches.mjs). Around it, what it has not: a filter typed above the
 * list (list-filter.ts; letters and digits never reach ink-select-input, whose j/k and 1-9 would
 * take them), rows always offered after the matches, and Esc.
 */
export function SelectList<V>({items, onSelect, onBack, filterable = false, fixedItems = [], initialKey, limit = 8, detailsWhenSelected = false, isActive = true}: SelectListProps<V>) {
	// The filter lives in a ref: keys arriving together each see the previous one's result.
	const filter = useRef('');
	const [, rerender] = useReducer((count: number) => count + 1, 0);

	useKeys(
		key => {
			if (key.name === 'escape' && filter.current === '') {
				onBack?.();
				return;
			}

			if (!filterable) return;
			const next = applyFilterKey(filter.current, key);
			if (next === filter.current) return;
			filter.current = next;
			rerender();
		},
		{isActive},
	);

	const matching = filterItems(items, filter.current);
	const visible = [...matching, ...fixedItems];
	const byKey = new Map(visible.map(item => [item.key, item]));
	const initialIndex = filter.current === '' ? Math.max(0, visible.findIndex(item => item.key === initialKey)) : 0;
	return (
		<Box flexDirection="column">
			{filterable ? (
				<Text>
					<Text dimColor>Filter: </Text>
					{filter.current === '' ? <Text dimColor>type to narrow the list</Text> : <Text>{filter.current}</Text>}
					{filter.current === '' ? null : <Text dimColor>{` (${matching.length} of ${items.length})`}</Text>}
				</Text>
			) : null}
			<SelectInput
				// A new filter is a new list: it starts at its first row.
				key={filter.current}
				items={visible.map(item => ({key: item.key, label: item.label, value: item.key, ...(item.details ? {details: item.details, detailsWhenSelected} : {})}))}
				initialIndex={initialIndex}
				limit={limit}
				isFocused={isActive}
				indicatorComponent={Indicator}
				itemComponent={Row}
				onSelect={item => {
					const chosen = item ? byKey.get(item.value) : undefined;
					if (chosen) onSelect(chosen.value);
				}}
			/>
			{visible.length > limit ? <Text dimColor>{`  ${limit} of ${visible.length} shown · ↑/↓ scroll`}</Text> : null}
			{filterable && matching.length === 0 ? <Text color="yellow">  Nothing matches “{filter.current}”.</Text> : null}
		</Box>
	);
}

/** Rows a SelectList of these items takes (its filter line aside): all details, or the highlighted row's only. */
export function selectListRows<V>(items: ReadonlyArray<SelectItem<V>>, {limit = 8, detailsWhenSelected = false}: {limit?: number; detailsWhenSelected?: boolean} = {}): number {
	const shown = items.slice(0, limit);
	const details = shown.map(item => item.details?.length ?? 0);
	const detailRows = detailsWhenSelected ? Math.max(0, ...details) : details.reduce((total, count) => total + count, 0);
	return shown.length + detailRows + (items.length > limit ? 1 : 0);
}
