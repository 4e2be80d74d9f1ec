// Lines people copy (commands, ARNs, file paths) must reach the terminal unbroken: Ink hard-wraps
// every line of its live frame at the terminal width, so a copied command would carry line breaks.
// Each copyable block is therefore also printed once into Ink's <Static> region above the live frame,
// as plain lines as long as they are (the terminal soft-wraps them and `tmux capture-pane -J` or a
// mouse selection gives them back whole). The live frame shows a line again only where it fits.
import React, {createContext, useCallback, useContext, useEffect, useState, type ReactNode} from 'react';
import {Box, Static, Text} from 'ink';
import {useColumns} from './use-columns.js';

export type CopyableBlock = {id: string; title: string; lines: string[]};

type Printer = (block: CopyableBlock) => void;

const PrinterContext = createContext<Printer | undefined>(undefined);

// Commands, ARNs and ids are ASCII, one column per character; a path with wide characters can only be
// wider, and is then pointed to rather than shown (never shown broken).
function widthOf(text: string): number {
	// eslint-disable-next-line no-control-regex
	return /^[\u0020-\u007E]*$/.test(text) ? text.length : text.length * 2;
}

/** What the frame shows in place of a line too wide for it. */
export function pointerText(line: string): string {
	return `↑ printed in full above (${widthOf(line)} characters, one line to copy)`;
}

/** One printed line, as wide as its text: never hard-wrapped by Ink. */
function WholeLine({text, dim = false}: {text: string; dim?: boolean}) {
	return (
		<Box width={Math.max(1, widthOf(text))} flexShrink={0}>
			<Text wrap="truncate-end" dimColor={dim}>
				{text}
			</Text>
		</Box>
	);
}

/** Holds the printed blocks (once each, in order) above everything below it. */
export function CopyablePrinter({children}: {children: ReactNode}) {
	const [printed, setPrinted] = useState<CopyableBlock[]>([]);
	const print = useCallback<Printer>(block => {
		setPrinted(current => (current.some(existing => existing.id === block.id) ? current : [...current, block]));
	}, []);
	return (
		<PrinterContext.Provider value={print}>
			<Static items={printed}>
				{block => (
					<Box key={block.id} flexDirection="column" marginBottom={1}>
						<WholeLine dim text={block.title} />
						{block.lines.map((line, index) => (
							<WholeLine key={index} text={line} />
						))}
					</Box>
				)}
			</Static>
			{children}
		</PrinterContext.Provider>
	);
}

/**
 * Shows copyable lines: each is printed whole above the wizard (once per id) and repeated here where
 * it fits the terminal; a longer one is pointed to instead of being shown broken.
 */
export function Copyable({id, title, lines, indent = 0, inPlace = true}: CopyableBlock & {indent?: number; /** False: printed above only (a long document the frame summarizes). */ inPlace?: boolean}) {
	const print = useContext(PrinterContext);
	const columns = useColumns();
	const key = `${id}\u0000${lines.join('\n')}`;
	useEffect(() => {
		print?.({id: key, title, lines});
	}, [print, key]);
	if (!inPlace && print) return null;
	return (
		<Box flexDirection="column" paddingLeft={indent}>
			{lines.map((line, index) =>
				!print || widthOf(line) + indent <= columns ? (
					<WholeLine key={index} text={line} />
				) : (
					<Text key={index} dimColor>
						{pointerText(line)}
					</Text>
				),
			)}
		</Box>
	);
}
