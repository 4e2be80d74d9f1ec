import React, {useEffect, useState} from 'react';
import {Text} from 'ink';
import {useWizardContext} from '../services-context.js';
import {endTruncate} from './middle-truncate.js';

/** The demo banner's text; with the simulator's address once it listens. */
export function demoNoteText(baseUrl?: string): string {
	return `Demo: Atlas simulator${baseUrl ? ` at ${baseUrl}` : ''}; nothing leaves this machine.`;
}

/**
 * The demo's banner (one line at 80 columns); the address joins it once the simulator listens, after
 * the first frame. With `columns` (a short terminal): cut to one row (the address is on the summary).
 */
export function DemoNote({columns}: {columns?: number}) {
	const {services} = useWizardContext();
	const listening = services.demo?.listening;
	const [started, setStarted] = useState(!listening);
	useEffect(() => {
		let mounted = true;
		listening?.then(
			() => {
				if (mounted) setStarted(true);
			},
			() => {},
		);
		return () => {
			mounted = false;
		};
	}, [listening]);
	const text = demoNoteText(started ? services.target().baseUrl : undefined);
	return <Text color="magenta">{columns === undefined ? text : endTruncate(text, columns)}</Text>;
}
