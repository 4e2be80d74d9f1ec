import React from 'react';
import TextInput from 'ink-text-input';
import {useTextField, type UseTextFieldOptions} from '../input/use-text-field.js';

// ink-text-input draws the field; the build gives it a `cursorOffset` prop and, when that is set,
// stops it from reading keys itself (source/bundle/input-patches.mjs).
const DrawnField = TextInput as unknown as React.FC<React.ComponentProps<typeof TextInput> & {cursorOffset: number}>;

export type TextFieldProps = UseTextFieldOptions & {
	placeholder?: string;
	mask?: string;
	focus?: boolean;
};

/**
 * A one-line text field: the keys are the wizard's (use-text-field.ts: every key of a burst, in
 * order, readline editing keys, no control character in a value), the drawing is ink-text-input's.
 */
export function TextField({placeholder, mask, focus = true, ...options}: TextFieldProps) {
	const {value, cursor} = useTextField({...options, isActive: focus});
	return (
		<DrawnField
			value={value}
			cursorOffset={cursor}
			focus={focus}
			{...(placeholder === undefined ? {} : {placeholder})}
			{...(mask === undefined ? {} : {mask})}
			onChange={() => {}}
		/>
	);
}
