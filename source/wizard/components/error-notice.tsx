import React from 'react';
import {Box, Text} from 'ink';
import {terminalSafe} from '../../text/terminal-safe.js';
import {Prose} from './prose.js';

/** A failure as the user should read it: what went wrong, then what to do about it. */
export function ErrorNotice({message, hint}: {message: string; hint?: string}) {
	return (
		<Box flexDirection="column" marginTop={1}>
			<Prose color="red">✖ {terminalSafe(message)}</Prose>
			{hint ? <Prose>→ {terminalSafe(hint)}</Prose> : null}
		</Box>
	);
}
