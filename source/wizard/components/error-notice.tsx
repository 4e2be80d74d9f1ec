import React from 'react';
import {Box, Text} from 'ink';

/** A failure as the user should read it: what went wrong, then what to do about it. */
export function ErrorNotice({message, hint}: {message: string; hint?: string}) {
	return (
		<Box flexDirection="column" marginTop={1}>
			<Text color="red">✖ {message}</Text>
			{hint ? <Text>→ {hint}</Text> : null}
		</Box>
	);
}
