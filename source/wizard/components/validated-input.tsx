import React, {useRef, useState} from 'react';
import {Box, Text, useInput} from 'ink';
import {TextField} from './text-field.js';
import type {CheckResult} from '../../atlas/validation.js';

export type ValidatedInputProps = {
	label: string;
	initialValue?: string;
	placeholder?: string;
	check(value: string): CheckResult;
	/** A second, context-dependent check on a valid value (e.g. "already registered"). */
	refuse?(value: string): string | undefined;
	onSubmit(value: string): void;
	onBack(): void;
	isActive?: boolean;
};

/**
 * A text field checked as you type. Enter takes a valid value; a suggestion (the bare bucket name in
 * a pasted s3:// URI, a lower-cased id) is offered and Tab takes it.
 */
export function ValidatedInput({label, initialValue = '', placeholder, check, refuse, onSubmit, onBack, isActive = true}: ValidatedInputProps) {
	const [value, setValueState] = useState(initialValue);
	const valueRef = useRef(initialValue);
	const setValue = (next: string) => {
		valueRef.current = next;
		setValueState(next);
	};

	const [tried, setTried] = useState(false);
	const result = check(value);
	const refusal = result.ok ? refuse?.(result.value) : undefined;

	useInput(
		(_input, key) => {
			if (key.escape) {
				onBack();
				return;
			}

			const latest = check(valueRef.current);
			if (key.tab && !latest.ok && latest.suggestion) {
				setValue(latest.suggestion);
			}
		},
		{isActive},
	);

	// TextField hands over the newest value: newer than this render's when keys arrive together.
	const submit = (submitted: string) => {
		setValue(submitted);
		setTried(true);
		const checked = check(submitted);
		if (checked.ok && !refuse?.(checked.value)) onSubmit(checked.value);
	};

	// A paste ending with a newline arrives as one chunk, not as an Enter: treat it as one.
	const change = (next: string) => {
		if (/[\r\n]\s*$/.test(next)) submit(next.trim());
		else setValue(next);
	};

	// Quiet while the field is empty and untouched; live once the user types.
	const showProblem = value.trim() !== '' || tried;
	return (
		<Box flexDirection="column">
			<Box>
				<Box flexShrink={0}>
					<Text>{label} </Text>
				</Box>
				<TextField value={value} placeholder={placeholder} focus={isActive} onChange={change} onSubmit={submit} />
			</Box>
			{showProblem && !result.ok ? (
				<Box flexDirection="column">
					<Text color="yellow">{result.message}</Text>
					{result.suggestion ? <Text>Tab uses “{result.suggestion}”.</Text> : null}
				</Box>
			) : null}
			{refusal ? <Text color="yellow">{refusal}</Text> : null}
			{result.ok && !refusal ? <Text color="green">✔ {result.value}</Text> : null}
		</Box>
	);
}
