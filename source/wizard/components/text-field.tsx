import React, {useRef} from 'react';
import TextInput from 'ink-text-input';

type TextFieldProps = React.ComponentProps<typeof TextInput>;

/**
 * ink-text-input with one difference: Enter submits the newest value. ink-text-input hands onSubmit
 * the value of its last render, so an Enter that arrives before the keys typed just ahead of it have
 * been rendered (a script, a fast terminal, tmux send-keys) would submit a stale, often empty, value.
 */
export function TextField({onChange, onSubmit, ...props}: TextFieldProps) {
	const latest = useRef(props.value);
	latest.current = props.value;
	return (
		<TextInput
			{...props}
			onChange={value => {
				latest.current = value;
				onChange(value);
			}}
			onSubmit={() => onSubmit?.(latest.current)}
		/>
	);
}
