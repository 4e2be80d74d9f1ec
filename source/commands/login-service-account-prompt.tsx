// The terminal half of `login --service-account`: the ServiceAccountForm with the check passed in
// (the component never touches the network). A refused account brings the form back with the reason;
// Esc or Ctrl-C give up.
import {useState} from 'react';
import {render} from 'ink';
import type {ServiceAccount} from '../atlas/types.js';
import {ServiceAccountForm} from '../wizard/components/service-account-form.js';
import type {CommandIo} from './io.js';
import type {VerifyResult} from './login-prompt.js';

type Props = {
	initialClientId?: string;
	verify(account: ServiceAccount): Promise<VerifyResult>;
	onDone(account: ServiceAccount | undefined): void;
};

function ServiceAccountPrompt({initialClientId, verify, onDone}: Props) {
	const [busy, setBusy] = useState(false);
	const [error, setError] = useState<{message: string; hint?: string} | undefined>();
	const submit = (account: ServiceAccount) => {
		setBusy(true);
		setError(undefined);
		void verify(account).then(result => {
			setBusy(false);
			if (result.ok) onDone(account);
			else setError(result.hint === undefined ? {message: result.message} : {message: result.message, hint: result.hint});
		});
	};

	return (
		<ServiceAccountForm
			{...(initialClientId === undefined ? {} : {initialClientId})}
			busy={busy}
			{...(error === undefined ? {} : {error})}
			onSubmit={submit}
			onCancel={() => onDone(undefined)}
		/>
	);
}

/** The verified service account, or undefined when the user cancelled. */
export async function promptForServiceAccount(io: CommandIo, verify: Props['verify'], initialClientId?: string): Promise<ServiceAccount | undefined> {
	let result: ServiceAccount | undefined;
	const app = render(
		<ServiceAccountPrompt
			{...(initialClientId === undefined ? {} : {initialClientId})}
			verify={verify}
			onDone={account => {
				result = account;
				app.unmount();
			}}
		/>,
		{stdin: io.stdin as NodeJS.ReadStream, stdout: io.stdout as NodeJS.WriteStream, stderr: io.stderr as NodeJS.WriteStream},
	);
	await app.waitUntilExit();
	return result;
}
