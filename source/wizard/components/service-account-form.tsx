// Asks for an Atlas service account: the client id in the clear, then the client secret masked as it
// is typed (it never appears in a frame). The twin of KeyEntryForm for the other kind of credential,
// used by the wizard's key step and by `login --service-account`; loaded only when chosen.
import React, {useEffect, useState} from 'react';
import {Box, Text, useInput} from 'ink';
import Spinner from 'ink-spinner';
import type {ServiceAccount} from '../../atlas/types.js';
import {ErrorNotice} from './error-notice.js';
import {cleanKey} from './key-entry-form.js';
import {TextField} from './text-field.js';

export type ServiceAccountFormProps = {
	initialClientId?: string;
	busy?: boolean;
	/** Shown under the form, e.g. a refused service account; the form returns to the client id. */
	error?: {message: string; hint?: string};
	onSubmit(account: ServiceAccount): void;
	onCancel(): void;
};

const CLIENT_ID = /^mdb_sa_id_[\da-f]{24}$/;

/** Why a typed client id cannot be one, or undefined when it has the shape Atlas gives them. */
export function clientIdProblem(value: string): string | undefined {
	if (value === '') return 'Enter the client id (mdb_sa_id_ followed by 24 hex characters).';
	if (value.startsWith('mdb_sa_sk_')) return 'That looks like the client secret. The client id starts with mdb_sa_id_.';
	if (!CLIENT_ID.test(value)) return 'A client id is mdb_sa_id_ followed by 24 hex characters (Organization → Access Manager → Applications → Service Accounts).';
	return undefined;
}

export function ServiceAccountForm({initialClientId = '', busy = false, error, onSubmit, onCancel}: ServiceAccountFormProps) {
	const [field, setField] = useState<'clientId' | 'clientSecret'>('clientId');
	const [clientId, setClientId] = useState(cleanKey(initialClientId));
	const [clientSecret, setClientSecret] = useState('');
	const [problem, setProblem] = useState<string | undefined>();

	useEffect(() => {
		if (error) setField('clientId');
	}, [error]);

	const submitClientId = (value: string) => {
		const cleaned = cleanKey(value);
		setClientId(cleaned);
		const why = clientIdProblem(cleaned);
		setProblem(why);
		if (!why) setField('clientSecret');
	};

	const submitClientSecret = (value: string) => {
		const cleaned = cleanKey(value);
		setClientSecret(cleaned);
		if (cleaned.length === 0) {
			setProblem('Enter the client secret (shown once, when it was generated).');
			return;
		}

		setProblem(undefined);
		onSubmit({clientId, clientSecret: cleaned});
	};

	// A paste ending with a newline arrives as one chunk, not as an Enter: treat it as one.
	const change = (set: (value: string) => void, submit: (value: string) => void) => (value: string) => {
		if (/[\r\n]\s*$/.test(value)) submit(value);
		else set(cleanKey(value));
	};

	useInput(
		(_input, key) => {
			if (!key.escape) return;
			setProblem(undefined);
			if (field === 'clientSecret') setField('clientId');
			else onCancel();
		},
		{isActive: !busy},
	);

	return (
		<Box flexDirection="column">
			<Text bold>Atlas service account</Text>
			<Text dimColor>Organization → Access Manager → Applications → Service Accounts. The secret is shown once.</Text>
			<Box marginTop={1}>
				<Box flexShrink={0}>
					<Text>Client id: </Text>
				</Box>
				{field === 'clientId' && !busy ? (
					<TextField value={clientId} placeholder="mdb_sa_id_…" onChange={change(setClientId, submitClientId)} onSubmit={submitClientId} />
				) : (
					<Text>{clientId}</Text>
				)}
			</Box>
			{field === 'clientSecret' || busy ? (
				<Box>
					<Box flexShrink={0}>
						<Text>Client secret: </Text>
					</Box>
					{field === 'clientSecret' && !busy ? (
						<TextField value={clientSecret} mask="*" onChange={change(setClientSecret, submitClientSecret)} onSubmit={submitClientSecret} />
					) : (
						<Text>{'*'.repeat(clientSecret.length)}</Text>
					)}
				</Box>
			) : null}
			{problem ? <Text color="yellow">{problem}</Text> : null}
			{busy ? (
				<Box marginTop={1}>
					<Text color="cyan">
						<Spinner type="dots" />
					</Text>
					<Text> Checking the service account with Atlas…</Text>
				</Box>
			) : null}
			{error && !busy ? <ErrorNotice message={error.message} hint={error.hint} /> : null}
			{busy ? null : <Text dimColor>Enter to continue · Esc {field === 'clientSecret' ? 'to go back' : 'to cancel'}</Text>}
		</Box>
	);
}
