import React from 'react';
import {Text, useInput} from 'ink';
import Spinner from 'ink-spinner';

/** A spinner with what is happening; Esc still goes back while waiting (the request is abandoned). */
export function Loading({label, onBack}: {label: string; onBack?: () => void}) {
	useInput(
		(_input, key) => {
			if (key.escape) onBack?.();
		},
		{isActive: Boolean(onBack)},
	);
	return (
		<Text>
			<Text color="cyan">
				<Spinner type="dots" />
			</Text>
			{` ${label}`}
		</Text>
	);
}
