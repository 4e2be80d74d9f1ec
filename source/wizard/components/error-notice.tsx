import React from 'react';
import {Box, Text} from 'ink';
import {terminalSafe} from '../../text/terminal-safe.js';

/** A failure as the user should read it: what went wrong, then what to do about it. */
export function ErrorNotice({message, hint}: {message: string; hint?: string}) {
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text color="red">✖ {terminalSafe(message)}</Text>
			{hint ? <Text>→ {terminalSafe(hint)}</Text> : null}
		</Box>
	);
}
