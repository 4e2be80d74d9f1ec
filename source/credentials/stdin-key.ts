// Reads the private key for --private-key-stdin (and a service account's client secret for
// --client-secret-stdin): the only way, besides the environment and the keychain, to hand over a
// secret (a flag would show it in `ps` and in shell history).
import {CredentialsError} from './errors.js';

/** Longer than any Atlas private key (a UUID) by far; stops a mistaken pipe of a big file. */
const MAX_BYTES = 4096;

type StdinLike = NodeJS.ReadableStream & {isTTY?: boolean};

/** --client-secret-stdin: the same rules as the private key, with the flag and the secret named. */
export async function readClientSecretFromStdin(stream: StdinLike = process.stdin): Promise<string> {
	try {
		return await readPrivateKeyFromStdin(stream);
	} catch (error) {
		if (!(error instanceof CredentialsError)) throw error;
		const rename = (text: string) => text
			.replaceAll('--private-key-stdin', '--client-secret-stdin')
			.replaceAll('$ATLAS_PRIVATE_KEY', '$ATLAS_CLIENT_SECRET')
			.replaceAll('an API private key', "a service account's client secret")
			.replaceAll('An Atlas API private key', "A service account's client secret")
			.replaceAll('private key', 'client secret');
		throw new CredentialsError(rename(error.message), error.hint === undefined ? undefined : rename(error.hint));
	}
}

export async function readPrivateKeyFromStdin(stream: StdinLike = process.stdin): Promise<string> {
	if (stream.isTTY) {
		throw new CredentialsError(
			'--private-key-stdin reads the private key from a pipe, but stdin is a terminal.',
			'Pipe it in, e.g. `printf %s "$ATLAS_PRIVATE_KEY" | atlas-export-bucket ... --private-key-stdin`, or run `atlas-export-bucket login` to store it in the keychain.',
		);
	}

	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of stream) {
		const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk as Uint8Array);
		size += buffer.length;
		if (size > MAX_BYTES) {
			throw new CredentialsError(`--private-key-stdin read more than ${MAX_BYTES} bytes: that is not an API private key.`, 'Pipe only the private key.');
		}

		chunks.push(buffer);
	}

	return parsePrivateKey(Buffer.concat(chunks).toString('utf8'));
}

/** Trims surrounding whitespace (the trailing newline of `echo`); empty or multi-part input is an error. */
export function parsePrivateKey(text: string): string {
	const key = text.trim();
	if (key === '') {
		throw new CredentialsError('--private-key-stdin read nothing: the private key is empty.', 'Pipe the private key into the command, e.g. `printf %s "$ATLAS_PRIVATE_KEY" | atlas-export-bucket ... --private-key-stdin`.');
	}

	if (/\s/.test(key)) {
		throw new CredentialsError('--private-key-stdin read more than one word: pipe only the private key.', 'An Atlas API private key is a single token without spaces or line breaks.');
	}

	return key;
}
