import React, {useEffect, useState} from 'react';
import {Box, Text} from 'ink';
import {TextField} from './text-field.js';
import Spinner from 'ink-spinner';
import {ErrorNotice} from './error-notice.js';
import {useKeys} from '../input/use-keys.js';

export type KeyEntryFormProps = {
	/** A public key typed before (shown in the field, editable). */
	initialPublicKey?: string;
	/** A stored public key (login with an existing profile): offered, not typed in; Enter on the empty field takes it. */
	storedPublicKey?: string;
	busy?: boolean;
	/** Shown under the form, e.g. a failed verification; the form returns to the public key, the private key emptied. */
	error?: {message: string; hint?: string};
	onSubmit(keys: {publicKey: string; privateKey: string}): void;
	onCancel(): void;
};

type Field = 'publicKey' | 'privateKey';

/** API keys never contain whitespace: stray spaces in a paste are dropped. */
export function cleanKey(value: string): string {
	return value.replace(/\s+/g, '');
}

const uuidShape = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;

/**
 * Asks for an Atlas API key pair: the public key in the clear, then the private key masked as it
 * is typed (it never appears in a frame). Esc on the private key goes back to the public key, Esc
 * on the public key cancels. Ctrl-C is left to the app (Ink's exitOnCtrlC, or the wizard's handler).
 */
export function KeyEntryForm({initialPublicKey = '', storedPublicKey, busy = false, error, onSubmit, onCancel}: KeyEntryFormProps) {
	const [field, setField] = useState<Field>('publicKey');
	const [publicKey, setPublicKey] = useState(cleanKey(initialPublicKey));
	const [privateKey, setPrivateKey] = useState('');
	const [problem, setProblem] = useState<string | undefined>();

	// A new error (the keys were refused) brings the user back to the first field with the public key
	// kept and the private key emptied: a corrected private key must not be typed after the refused one.
	useEffect(() => {
		if (!error) return;
		setField('publicKey');
		setPrivateKey('');
	}, [error]);

	const submitPublicKey = (value: string) => {
		const cleaned = cleanKey(value) || (storedPublicKey ?? '');
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

	useKeys(
		key => {
			if (key.name !== 'escape') return;
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
						onChange={value => setPublicKey(cleanKey(value))}
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
							onChange={value => setPrivateKey(cleanKey(value))}
							onSubmit={submitPrivateKey}
						/>
					) : (
						<Text>{'*'.repeat(privateKey.length)}</Text>
					)}
				</Box>
			) : null}
			{storedPublicKey && field === 'publicKey' && publicKey === '' && !busy ? <Text dimColor>Enter keeps the stored public key {storedPublicKey}; or type another one.</Text> : null}
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
