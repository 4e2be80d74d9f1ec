import React from 'react';
import {Box, Text} from 'ink';
import {terminalSafeLine} from '../../text/terminal-safe.js';
import {useColumns} from './use-columns.js';

export const LABEL_WIDTH = 15;
/** Below this width a label goes above its value, so ids and ARNs keep a whole line. */
const NARROW = 60;

/** How many columns a value gets next to (or, when narrow, under) its label. */
export function valueWidth(columns: number): number {
	return columns < NARROW ? columns - 2 : columns - LABEL_WIDTH;
}

/** Rows one FieldRow with a short value takes: the label goes above the value when narrow. */
export function fieldRowRows(columns: number): number {
	return columns < NARROW ? 2 : 1;
}

/** A FieldRow as one plain line ("label" padded, then the value), for printing above the frame. */
export function fieldLine(label: string, value: string): string {
	return `${label.padEnd(LABEL_WIDTH)}${terminalSafeLine(value)}`;
}

/** One "label  value" line of a summary. */
export function FieldRow({label, value: text}: {label: string; value: string}) {
	const columns = useColumns();
	// Values are often a server's (names, ARNs): shown inert, on one line.
	const value = terminalSafeLine(text);
	if (columns < NARROW) {
		return (
			<Box flexDirection="column">
				<Text dimColor>{label}</Text>
				<Box paddingLeft={2}>
					<Text>{value}</Text>
				</Box>
			</Box>
		);
	}

	return (
		<Box>
			<Box width={LABEL_WIDTH} flexShrink={0}>
				<Text dimColor>{label}</Text>
			</Box>
			<Text>{value}</Text>
		</Box>
	);
}
