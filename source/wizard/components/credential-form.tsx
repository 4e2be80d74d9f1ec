// Asks for Atlas credentials of either kind: an API key pair (public key, private key) or a service
// account (client id, client secret). One form, the kinds are data (CredentialFields): the id in the
// clear, then the secret masked as it is typed (it never appears in a frame). Used by the wizard's
// key step and by `login` / `login --service-account`.
import React, {useEffect, useState} from 'react';
import {Box, Text} from 'ink';
import type {ApiKeyPair, CredentialKind, ServiceAccount} from '../../atlas/types.js';
import {useKeys} from '../input/use-keys.js';
import {ErrorNotice} from './error-notice.js';
import {SpinnerLine} from './loading.js';
import {TextField} from './text-field.js';
import {Prose} from './prose.js';

/** What differs between the kinds: the words, the checks of what was typed, and the answer's shape. */
export type CredentialFields<T> = {
	title: string;
	/** Where Atlas shows them. */
	help: string;
	idLabel: string;
	/** The id in a sentence ("Enter keeps the stored public key …"). */
	idNoun: string;
	secretLabel: string;
	/** Why a typed (cleaned) id cannot be one, or undefined when it can. */
	idProblem(id: string): string | undefined;
	/** Said when Enter is pressed on an empty secret. */
	emptySecret: string;
	/** The spinner's line while Atlas checks them. */
	checking: string;
	credentials(id: string, secret: string): T;
};

/** Ids and secrets never contain whitespace: stray spaces in a paste are dropped. */
export function cleanKey(value: string): string {
	return value.replace(/\s+/g, '');
}

const uuidShape = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;

export const API_KEY_FIELDS: CredentialFields<ApiKeyPair> = {
	title: 'Atlas API key',
	help: 'Organization → Access Manager → API Keys. The private key is shown once, at creation.',
	idLabel: 'Public key',
	idNoun: 'public key',
	secretLabel: 'Private key',
	idProblem(id) {
		if (id === '') return 'Enter the public key (the short one, e.g. "abcdefgh").';
		if (uuidShape.test(id)) return 'That looks like a private key. The public key is the short one shown in the key list.';
		return undefined;
	},
	emptySecret: 'Enter the private key (shown once, when the key was created).',
	checking: 'Checking the key with Atlas…',
	credentials: (publicKey, privateKey) => ({publicKey, privateKey}),
};

const clientIdShape = /^mdb_sa_id_[\da-f]{24}$/;

export const SERVICE_ACCOUNT_FIELDS: CredentialFields<ServiceAccount> = {
	title: 'Atlas service account',
	help: 'Organization → Access Manager → Applications → Service Accounts. The secret is shown once.',
	idLabel: 'Client id',
	idNoun: 'client id',
	secretLabel: 'Client secret',
	idProblem(id) {
		if (id === '') return 'Enter the client id (mdb_sa_id_ followed by 24 hex characters).';
		if (id.startsWith('mdb_sa_sk_')) return 'That looks like the client secret. The client id starts with mdb_sa_id_.';
		if (!clientIdShape.test(id)) return 'A client id is mdb_sa_id_ followed by 24 hex characters (Organization → Access Manager → Applications → Service Accounts).';
		return undefined;
	},
	emptySecret: 'Enter the client secret (shown once, when it was generated).',
	checking: 'Checking the service account with Atlas…',
	credentials: (clientId, clientSecret) => ({clientId, clientSecret}),
};

export const CREDENTIAL_FIELDS = {apiKey: API_KEY_FIELDS, serviceAccount: SERVICE_ACCOUNT_FIELDS} as const satisfies Record<CredentialKind, CredentialFields<unknown>>;

export type CredentialFormProps<T> = {
	fields: CredentialFields<T>;
	/** An id typed before (shown in the field, editable). */
	initialId?: string;
	/** A stored id (login with an existing profile): offered, not typed in; Enter on the empty field takes it. */
	storedId?: string;
	busy?: boolean;
	/** Shown under the form, e.g. a failed verification; the form returns to the id, the secret emptied. */
	error?: {message: string; hint?: string};
	onSubmit(credentials: T): void;
	onCancel(): void;
};

type Field = 'id' | 'secret';

/**
 * The id, then the secret. Esc on the secret goes back to the id, Esc on the id cancels. Ctrl-C is
 * left to the app (Ink's exitOnCtrlC, or the wizard's handler).
 */
export function CredentialForm<T>({fields, initialId = '', storedId, busy = false, error, onSubmit, onCancel}: CredentialFormProps<T>) {
	const [field, setField] = useState<Field>('id');
	const [id, setId] = useState(cleanKey(initialId));
	const [secret, setSecret] = useState('');
	const [problem, setProblem] = useState<string | undefined>();

	// A new error (the credentials were refused) brings the user back to the first field with the id
	// kept and the secret emptied: a corrected secret must not be typed after the refused one.
	useEffect(() => {
		if (!error) return;
		setField('id');
		setSecret('');
	}, [error]);

	const submitId = (value: string) => {
		const cleaned = cleanKey(value) || (storedId ?? '');
		setId(cleaned);
		const why = fields.idProblem(cleaned);
		setProblem(why);
		if (!why) setField('secret');
	};

	const submitSecret = (value: string) => {
		const cleaned = cleanKey(value);
		setSecret(cleaned);
		if (cleaned.length === 0) {
			setProblem(fields.emptySecret);
			return;
		}

		setProblem(undefined);
		onSubmit(fields.credentials(id, cleaned));
	};

	useKeys(
		key => {
			if (key.name !== 'escape') return;
			setProblem(undefined);
			if (field === 'secret') setField('id');
			else onCancel();
		},
		{isActive: !busy},
	);

	return (
		<Box flexDirection="column">
			<Text bold>{fields.title}</Text>
			<Prose dimColor>{fields.help}</Prose>
			<Box marginTop={1}>
				<Box flexShrink={0}>
					<Text>{fields.idLabel}: </Text>
				</Box>
				{field === 'id' && !busy ? (
					<TextField value={id} onChange={value => setId(cleanKey(value))} onSubmit={submitId} />
				) : (
					<Text>{id}</Text>
				)}
			</Box>
			{field === 'secret' || busy ? (
				<Box>
					<Box flexShrink={0}>
						<Text>{fields.secretLabel}: </Text>
					</Box>
					{field === 'secret' && !busy ? (
						<TextField value={secret} mask="*" onChange={value => setSecret(cleanKey(value))} onSubmit={submitSecret} />
					) : (
						<Text>{'*'.repeat(secret.length)}</Text>
					)}
				</Box>
			) : null}
			{storedId && field === 'id' && id === '' && !busy ? <Prose dimColor>Enter keeps the stored {fields.idNoun} {storedId}; or type another one.</Prose> : null}
			{problem ? <Prose color="yellow">{problem}</Prose> : null}
			{busy ? (
				<Box marginTop={1}>
					<SpinnerLine label={fields.checking} />
				</Box>
			) : null}
			{error && !busy ? <ErrorNotice message={error.message} hint={error.hint} /> : null}
			{busy ? null : (
				<Prose dimColor>
					Enter to continue · Esc {field === 'secret' ? 'to go back' : 'to cancel'}
				</Prose>
			)}
		</Box>
	);
}
