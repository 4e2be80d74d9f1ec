// The terminal half of `login` and `login --service-account`: the wizard's CredentialForm (the id in
// the clear, the secret masked), with the check passed in as a prop (the component itself never
// touches the network). Refused credentials bring the form back with the reason, the secret emptied;
// Esc or Ctrl-C give up.
import {useState} from 'react';
import {render} from 'ink';
import type {AtlasCredentials, CredentialKind} from '../atlas/types.js';
import {CREDENTIAL_FIELDS, CredentialForm, type CredentialFields} from '../wizard/components/credential-form.js';
import type {CommandIo} from './io.js';

export type VerifyResult = {ok: true} | {ok: false; message: string; hint?: string};

type LoginPromptProps<T> = {
	fields: CredentialFields<T>;
	/** The stored profile's public key or client id: offered (Enter on the empty field keeps it), never typed in for the user. */
	storedId?: string;
	verify(credentials: T): Promise<VerifyResult>;
	onDone(credentials: T | undefined): void;
};

function LoginPrompt<T>({fields, storedId, verify, onDone}: LoginPromptProps<T>) {
	const [busy, setBusy] = useState(false);
	const [error, setError] = useState<{message: string; hint?: string} | undefined>();
	const submit = (credentials: T) => {
		setBusy(true);
		setError(undefined);
		void verify(credentials).then(result => {
			setBusy(false);
			if (result.ok) onDone(credentials);
			else setError(result.hint === undefined ? {message: result.message} : {message: result.message, hint: result.hint});
		});
	};

	return (
		<CredentialForm
			fields={fields}
			{...(storedId === undefined ? {} : {storedId})}
			busy={busy}
			{...(error === undefined ? {} : {error})}
			onSubmit={submit}
			onCancel={() => {
				onDone(undefined);
			}}
		/>
	);
}

/** The verified credentials of the kind asked for, or undefined when the user cancelled. */
export async function promptForCredentials(io: CommandIo, kind: CredentialKind, verify: (credentials: AtlasCredentials) => Promise<VerifyResult>, storedId?: string): Promise<AtlasCredentials | undefined> {
	let result: AtlasCredentials | undefined;
	const app = render(
		<LoginPrompt<AtlasCredentials>
			fields={CREDENTIAL_FIELDS[kind]}
			{...(storedId === undefined ? {} : {storedId})}
			verify={verify}
			onDone={credentials => {
				result = credentials;
				app.unmount();
			}}
		/>,
		{stdin: io.stdin as NodeJS.ReadStream, stdout: io.stdout as NodeJS.WriteStream, stderr: io.stderr as NodeJS.WriteStream},
	);
	// Ctrl-C (Ink's exitOnCtrlC) also ends here, with no result.
	await app.waitUntilExit();
	return result;
}
