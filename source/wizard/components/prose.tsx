// Text that reads as prose when Ink wraps it. Ink wraps with wrap-ansi and `trim: false`, so when a
// word ends exactly at the width the space after it starts the next row (" Access), not…"): every
// sentence that can wrap was one terminal width away from a ragged left edge. Prose drops the spaces
// a wrap put at the start of a row (its lines after the first), keeping Ink's own wrapping, widths
// and colours. A line break in the text starts a paragraph, whose own leading spaces are kept.
// Prose is a block (never inside another <Text>: Ink would call the transform on the squashed text).
import React from 'react';
import {Box, Text, Transform, type TextProps} from 'ink';

export type ProseProps = Omit<TextProps, 'wrap'>;

/** Ink's colours arrive as SGR sequences before the text of a row: the spaces come after them. */
const WRAP_SPACES = /^((?:\u001B\[[\d;]*m)*) +/;

/** A row of wrapped text as Ink hands it to a transform: rows after the first lose their leading spaces. */
export function flushWrappedRow(row: string, index: number): string {
	return index === 0 ? row : row.replace(WRAP_SPACES, '$1');
}

export function Prose({children, ...style}: ProseProps) {
	if (typeof children === 'string' && children.includes('\n')) {
		return (
			<Box flexDirection="column">
				{children.split('\n').map((paragraph, index) => (
					// eslint-disable-next-line react/no-array-index-key -- paragraphs of one fixed text, in order
					<Prose key={index} {...style}>{paragraph === '' ? ' ' : paragraph}</Prose>
				))}
			</Box>
		);
	}

	return (
		<Transform transform={flushWrappedRow}>
			<Text {...style}>{children}</Text>
		</Transform>
	);
}
