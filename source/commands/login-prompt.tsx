// The terminal half of `login`: the wizard's masked KeyEntryForm, with the key check passed in as a
// prop (the component itself never touches the network). Refused keys bring the form back with the
// reason; Esc or Ctrl-C give up.
import {useState} from 'react';
import {render} from 'ink';
import type {ApiKeyPair} from '../atlas/types.js';
import {KeyEntryForm} from '../wizard/components/key-entry-form.js';
import type {CommandIo} from './io.js';

export type VerifyResult = {ok: true} | {ok: false; message: string; hint?: string};

type LoginPromptProps = {
	/** The stored profile's public key: offered (Enter on the empty field keeps it), never typed in for the user. */
	storedPublicKey?: string;
	verify(keys: ApiKeyPair): Promise<VerifyResult>;
	onDone(keys: ApiKeyPair | undefined): void;
};

function LoginPrompt({storedPublicKey, verify, onDone}: LoginPromptProps) {
	const [busy, setBusy] = useState(false);
	const [error, setError] = useState<{message: string; hint?: string} | undefined>();
	const submit = (keys: ApiKeyPair) => {
		setBusy(true);
		setError(undefined);
		void verify(keys).then(result => {
			setBusy(false);
			if (result.ok) onDone(keys);
			else setError(result.hint === undefined ? {message: result.message} : {message: result.message, hint: result.hint});
		});
	};

	return (
		<KeyEntryForm
			{...(storedPublicKey === undefined ? {} : {storedPublicKey})}
			busy={busy}
			{...(error === undefined ? {} : {error})}
			onSubmit={submit}
			onCancel={() => {
				onDone(undefined);
			}}
		/>
	);
}

/** The verified key pair, or undefined when the user cancelled. */
export async function promptForKeys(io: CommandIo, verify: LoginPromptProps['verify'], storedPublicKey?: string): Promise<ApiKeyPair | undefined> {
	let result: ApiKeyPair | undefined;
	const app = render(
		<LoginPrompt
			{...(storedPublicKey === undefined ? {} : {storedPublicKey})}
			verify={verify}
			onDone={keys => {
				result = keys;
				app.unmount();
			}}
		/>,
		{stdin: io.stdin as NodeJS.ReadStream, stdout: io.stdout as NodeJS.WriteStream, stderr: io.stderr as NodeJS.WriteStream},
	);
	// Ctrl-C (Ink's exitOnCtrlC) also ends here, with no result.
	await app.waitUntilExit();
	return result;
}
