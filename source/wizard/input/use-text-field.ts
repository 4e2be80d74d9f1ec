import {useReducer, useRef} from 'react';
import {applyTextKey, textFieldState, type TextFieldState} from './text-field-state.js';
import {useKeys, type Key} from './use-keys.js';

export type UseTextFieldOptions = {
	value: string;
	onChange(value: string): void;
	/** Enter, with the value as it is after every key before it. */
	onSubmit?(value: string): void;
	isActive?: boolean;
};

/**
 * The keys of a one-line field (text-field-state.ts) applied one by one to the newest state, which
 * lives in a ref: keys arriving together each see the previous one's result, whether or not React
 * has rendered in between. A `value` from the parent that differs from the last one seen replaces
 * the field's value (cursor at its end), e.g. after the parent cleaned it or cleared it.
 */
export function useTextField({value, onChange, onSubmit, isActive = true}: UseTextFieldOptions): TextFieldState {
	const state = useRef<TextFieldState>(textFieldState(value));
	const seen = useRef(value);
	if (value !== seen.current) {
		seen.current = value;
		if (value !== state.current.value) state.current = textFieldState(value);
	}

	const [, rerender] = useReducer((count: number) => count + 1, 0);
	useKeys(
		(key: Key) => {
			const result = applyTextKey(state.current, key);
			if (result.state !== state.current) {
				const changed = result.state.value !== state.current.value;
				state.current = result.state;
				if (changed) {
					seen.current = result.state.value;
					onChange(result.state.value);
				}

				rerender();
			}

			if (result.submit) onSubmit?.(state.current.value);
		},
		{isActive},
	);
	return state.current;
}
