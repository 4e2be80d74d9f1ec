// --private-key-stdin: read the whole pipe, trim the newline, refuse empty, multi-word or a terminal.
import assert from 'node:assert/strict';
import {Readable} from 'node:stream';
import {test} from 'node:test';
import {CredentialsError} from '../../source/credentials/errors.js';
import {parsePrivateKey, readPrivateKeyFromStdin} from '../../source/credentials/stdin-key.js';
import {runChild} from './helpers.js';

const stream = (...chunks: string[]) => Readable.from(chunks.map(chunk => Buffer.from(chunk)));

test('reads the key and trims the trailing newline and spaces', async () => {
	assert.equal(await readPrivateKeyFromStdin(stream('abcd-1234\n')), 'abcd-1234');
	assert.equal(await readPrivateKeyFromStdin(stream('ab', 'cd-12', '34  \r\n')), 'abcd-1234');
	assert.equal(parsePrivateKey('  key \n'), 'key');
});

test('empty input is an error', async () => {
	await assert.rejects(readPrivateKeyFromStdin(stream()), (error: unknown) => error instanceof CredentialsError && /read nothing/.test(error.message));
	await assert.rejects(readPrivateKeyFromStdin(stream('\n \n')), /read nothing/);
});

test('two words or two lines are an error (and the input is not echoed)', async () => {
	await assert.rejects(readPrivateKeyFromStdin(stream('pub-key\npriv-key\n')), (error: unknown) =>
		error instanceof CredentialsError && /more than one word/.test(error.message) && !error.message.includes('priv-key'));
});

test('a huge input is refused', async () => {
	await assert.rejects(readPrivateKeyFromStdin(stream('x'.repeat(5000))), /more than 4096 bytes/);
});

test('a terminal on stdin is refused instead of waiting for visible typing', async () => {
	const tty = Object.assign(stream('x'), {isTTY: true});
	await assert.rejects(readPrivateKeyFromStdin(tty), /stdin is a terminal/);
});

test('reads process.stdin from a real pipe', async () => {
	const module_ = new URL('../../source/credentials/stdin-key.ts', import.meta.url).href;
	const script = `import {readPrivateKeyFromStdin} from '${module_}'; console.log(JSON.stringify(await readPrivateKeyFromStdin()));`;
	const result = await runChild(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {input: 'piped-secret\n', guardMs: 20_000});
	assert.equal(result.code, 0, result.stderr);
	assert.equal(result.stdout.trim(), '"piped-secret"');
});
