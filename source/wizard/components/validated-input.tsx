import React, {useRef, useState} from 'react';
import {Box, Text} from 'ink';
import {TextField} from './text-field.js';
import type {CheckResult} from '../../atlas/validation.js';
import {useKeys} from '../input/use-keys.js';
import {Prose} from './prose.js';

export type ValidatedInputProps = {
	label: string;
	initialValue?: string;
	check(value: string): CheckResult;
	/** A second, context-dependent check on a valid value (e.g. "already registered"). */
	refuse?(value: string): string | undefined;
	/** Values the tool knows (e.g. bucket names): Tab completes the typed start of one. */
	completions?: readonly string[];
	onSubmit(value: string): void;
	onBack(): void;
	isActive?: boolean;
};

/** What Tab would put in the field: the check's correction, else a known value the text starts. */
export function tabSuggestion(value: string, result: CheckResult, completions: readonly string[] = []): string | undefined {
	if (!result.ok && result.suggestion) return result.suggestion;
	const typed = value.trim();
	return completions.find(candidate => candidate !== typed && candidate.startsWith(typed));
}

/**
 * A text field checked as you type. Enter takes a valid value; Tab takes a suggestion (the bare
 * bucket name in a pasted s3:// URI, a lower-cased id, or a known name completing what was typed),
 * and the line saying so shows only while there is one. The field holds only what was typed:
 * examples belong to the text around it, never inside the field, where grey text passes for a value.
 */
export function ValidatedInput({label, initialValue = '', check, refuse, completions, onSubmit, onBack, isActive = true}: ValidatedInputProps) {
	const [value, setValueState] = useState(initialValue);
	const valueRef = useRef(initialValue);
	const setValue = (next: string) => {
		valueRef.current = next;
		setValueState(next);
	};

	const [tried, setTried] = useState(false);
	const result = check(value);
	const refusal = result.ok ? refuse?.(result.value) : undefined;
	const suggestion = tabSuggestion(value, result, completions);

	useKeys(
		key => {
			if (key.name === 'escape') {
				onBack();
				return;
			}

			if (key.name !== 'tab') return;
			const latest = tabSuggestion(valueRef.current, check(valueRef.current), completions);
			if (latest === undefined) return;
			setValue(latest);
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

	// Quiet while the field is empty and untouched; live once the user types.
	const showProblem = value.trim() !== '' || tried;
	return (
		<Box flexDirection="column">
			<Box>
				<Box flexShrink={0}>
					<Text>{label} </Text>
				</Box>
				<TextField value={value} focus={isActive} onChange={setValue} onSubmit={submit} />
			</Box>
			{showProblem && !result.ok ? <Prose color="yellow">{result.message}</Prose> : null}
			{suggestion === undefined ? null : <Prose>Tab uses “{suggestion}”.</Prose>}
			{refusal ? <Prose color="yellow">{refusal}</Prose> : null}
			{result.ok && !refusal ? <Prose color="green">✔ {result.value}</Prose> : null}
		</Box>
	);
}
