import React, {useEffect, useState} from 'react';
import {Box, Text, useInput} from 'ink';
import {TextField} from './text-field.js';
import Spinner from 'ink-spinner';
import {ErrorNotice} from './error-notice.js';

export type KeyEntryFormProps = {
	initialPublicKey?: string;
	busy?: boolean;
	/** Shown under the form, e.g. a failed verification; the form returns to the public key. */
	error?: {message: string; hint?: string};
	onSubmit(keys: {publicKey: string; privateKey: string}): void;
	onCancel(): void;
};

type Field = 'publicKey' | 'privateKey';

/** API keys never contain whitespace: a paste's trailing newline or stray spaces are dropped. */
export function cleanKey(value: string): string {
	return value.replace(/\s+/g, '');
}

const uuidShape = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;

/**
 * Asks for an Atlas API key pair: the public key in the clear, then the private key masked as it
 * is typed (it never appears in a frame). Esc on the private key goes back to the public key, Esc
 * on the public key cancels. Ctrl-C is left to the app (Ink's exitOnCtrlC, or the wizard's handler).
 */
export function KeyEntryForm({initialPublicKey = '', busy = false, error, onSubmit, onCancel}: KeyEntryFormProps) {
	const [field, setField] = useState<Field>('publicKey');
	const [publicKey, setPublicKey] = useState(cleanKey(initialPublicKey));
	const [privateKey, setPrivateKey] = useState('');
	const [problem, setProblem] = useState<string | undefined>();

	// A new error (the keys were refused) brings the user back to the first field, both keys kept.
	useEffect(() => {
		if (error) setField('publicKey');
	}, [error]);

	const submitPublicKey = (value: string) => {
		const cleaned = cleanKey(value);
		setPublicKey(cleaned);
		if (cleaned.length === 0) {
			setProblem('Enter the public key (the short one, e.g. "abcdefgh").');
			return;
		}

		if (uuidShape.test(cleaned)) {
			setProblem('That looks like a private key. The public key is the short one shown in the key list.');
			return;
		}

		setProblem(undefined);
		setField('privateKey');
	};

	const submitPrivateKey = (value: string) => {
		const cleaned = cleanKey(value);
		setPrivateKey(cleaned);
		if (cleaned.length === 0) {
			setProblem('Enter the private key (shown once, when the key was created).');
			return;
		}

		setProblem(undefined);
		onSubmit({publicKey, privateKey: cleaned});
	};

	// A paste ending with a newline arrives as one chunk, not as an Enter: treat it as one.
	const change = (set: (value: string) => void, submit: (value: string) => void) => (value: string) => {
		if (/[\r\n]\s*$/.test(value)) {
			submit(value);
			return;
		}

		set(cleanKey(value));
	};

	useInput(
		(_input, key) => {
			if (!key.escape) return;
			setProblem(undefined);
			if (field === 'privateKey') setField('publicKey');
			else onCancel();
		},
		{isActive: !busy},
	);

	return (
		<Box flexDirection="column">
			<Text bold>Atlas API key</Text>
			<Text dimColor>Organization → Access Manager → API Keys. The private key is shown once, at creation.</Text>
			<Box marginTop={1}>
				<Box flexShrink={0}>
					<Text>Public key: </Text>
				</Box>
				{field === 'publicKey' && !busy ? (
					<TextField
						value={publicKey}
						placeholder="e.g. abcdefgh"
						onChange={change(setPublicKey, submitPublicKey)}
						onSubmit={submitPublicKey}
					/>
				) : (
					<Text>{publicKey}</Text>
				)}
			</Box>
			{field === 'privateKey' || busy ? (
				<Box>
					<Box flexShrink={0}>
						<Text>Private key: </Text>
					</Box>
					{field === 'privateKey' && !busy ? (
						<TextField
							value={privateKey}
							mask="*"
							onChange={change(setPrivateKey, submitPrivateKey)}
							onSubmit={submitPrivateKey}
						/>
					) : (
						<Text>{'*'.repeat(privateKey.length)}</Text>
					)}
				</Box>
			) : null}
			{problem ? <Text color="yellow">{problem}</Text> : null}
			{busy ? (
				<Box marginTop={1}>
					<Text color="cyan">
						<Spinner type="dots" />
					</Text>
					<Text> Checking the key with Atlas…</Text>
				</Box>
			) : null}
			{error && !busy ? <ErrorNotice message={error.message} hint={error.hint} /> : null}
			{busy ? null : (
				<Text dimColor>
					Enter to continue · Esc {field === 'privateKey' ? 'to go back' : 'to cancel'}
				</Text>
			)}
		</Box>
	);
}
