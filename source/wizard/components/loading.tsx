import React from 'react';
import {Text} from 'ink';
import Spinner from 'ink-spinner';
import {useKeys} from '../input/use-keys.js';

/** A spinner with what is happening; Esc still goes back while waiting (the request is abandoned). */
export function Loading({label, onBack}: {label: string; onBack?: () => void}) {
	useKeys(
		key => {
			if (key.name === 'escape') onBack?.();
		},
		{isActive: Boolean(onBack)},
	);
	return <SpinnerLine label={label} />;
}

/** The one spinner line: what is happening, after a cyan spinner. */
export function SpinnerLine({label}: {label: string}) {
	return (
		<Text>
			<Text color="cyan">
				<Spinner type="dots" />
			</Text>
			{` ${label}`}
		</Text>
	);
}
