import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import React, {act, useState} from 'react';
import TextInput from 'ink-text-input';
import {TextField} from '../../source/wizard/components/text-field.js';
import {ValidatedInput} from '../../source/wizard/components/validated-input.js';
import {API_KEY_FIELDS, CredentialForm} from '../../source/wizard/components/credential-form.js';
import {checkBucketName} from '../../source/atlas/validation.js';
import {checkedReplace, inputPatches} from '../../source/bundle/input-patches.mjs';
import {render, type Rendered} from './helpers.js';

function Field({onSubmit, mask}: {onSubmit(value: string): void; mask?: string}) {
	const [value, setValue] = useState('');
	return <TextField value={value} onChange={setValue} onSubmit={onSubmit} {...(mask ? {mask} : {})} />;
}

/** One write, as a terminal delivers a burst: key repeat, a paste, a slow redraw. */
async function burst(ui: Rendered, ...writes: string[]): Promise<void> {
	await act(async () => {
		for (const text of writes) ui.stdin.write(text);
	});
	await act(async () => {
		await new Promise(resolve => setImmediate(resolve));
	});
}

describe('TextField', () => {
	test('an Enter arriving before the typed keys were rendered submits the newest value', async () => {
		const submitted: string[] = [];
		const ui = await render(<Field onSubmit={value => submitted.push(value)} />);
		await burst(ui, 'acme-atlas-snapshots-eu', '\r');
		assert.deepEqual(submitted, ['acme-atlas-snapshots-eu']);
		await ui.dispose();
	});

	test('three Backspaces in one read delete three characters (not three DEL characters)', async () => {
		const submitted: string[] = [];
		const ui = await render(<Field onSubmit={value => submitted.push(value)} />);
		await burst(ui, 'abcdef\u007F\u007F\u007F');
		assert.match(ui.frame(), /^abc ?$/m);
		await burst(ui, 'xyz\u007F\r');
		assert.deepEqual(submitted, ['abcxy']);
		await ui.dispose();
	});

	test('a masked field: a burst of Backspaces shrinks the mask', async () => {
		const submitted: string[] = [];
		const ui = await render(<Field mask="*" onSubmit={value => submitted.push(value)} />);
		await burst(ui, '1234567890');
		await burst(ui, '\u007F'.repeat(7));
		assert.match(ui.frame(), /^\*{3} ?$/m);
		await burst(ui, '\r');
		assert.deepEqual(submitted, ['123']);
		assert.ok(!ui.allFrames().includes('123'));
		await ui.dispose();
	});

	test('arrows, Home/End, Ctrl-A/Ctrl-E, Ctrl-W and Ctrl-U in one burst, in order', async () => {
		const submitted: string[] = [];
		const ui = await render(<Field onSubmit={value => submitted.push(value)} />);
		await burst(ui, 'bucket', '\u001B[D', '\u001B[D', 'XX', '\u001B[H', 'my-', '\u001B[F', '-eu', '\u0001', '>', '\u0005', '<', '\r');
		assert.deepEqual(submitted, ['>my-buckXXet-eu<']);
		await burst(ui, ' two', '\u0017', '\r', '\u0015', 'fresh', '\r');
		assert.deepEqual(submitted.slice(1), ['>my-buckXXet-eu< ', 'fresh']);
		await ui.dispose();
	});

	test('a bracketed paste split over reads is inserted once, without its newline and not submitted', async () => {
		const submitted: string[] = [];
		const ui = await render(<Field onSubmit={value => submitted.push(value)} />);
		await burst(ui, '\u001B[200~acme-', 'bucket\n', '\u001B[201~');
		assert.match(ui.frame(), /^acme-bucket ?$/m);
		assert.deepEqual(submitted, []);
		await burst(ui, '\r');
		assert.deepEqual(submitted, ['acme-bucket']);
		await ui.dispose();
	});

	test('keys after an Enter that replaces the field reach the next field, none lost', async () => {
		const submitted: string[] = [];
		function TwoSteps() {
			const [step, setStep] = useState(0);
			const [value, setValue] = useState('');
			return (
				<TextField
					key={step}
					value={value}
					onChange={setValue}
					onSubmit={submittedValue => {
						submitted.push(submittedValue);
						setValue('');
						setStep(current => current + 1);
					}}
				/>
			);
		}

		const ui = await render(<TwoSteps />);
		await burst(ui, 'first\rsecond\rthird\r');
		assert.deepEqual(submitted, ['first', 'second', 'third']);
		await ui.dispose();
	});

	test('the bucket field takes a name typed and submitted at once', async () => {
		const submitted: string[] = [];
		const ui = await render(
			<ValidatedInput label="Bucket:" check={checkBucketName} onSubmit={value => submitted.push(value)} onBack={() => {}} />,
		);
		await burst(ui, 'acme-backup-archive', '\r');
		assert.deepEqual(submitted, ['acme-backup-archive']);
		assert.doesNotMatch(ui.frame(), /Enter the S3 bucket name/);
		await ui.dispose();
	});

	test('Tab completes a known name from what was typed; the hint shows only when there is one', async () => {
		const submitted: string[] = [];
		const ui = await render(
			<ValidatedInput label="Bucket:" check={checkBucketName} completions={['acme-atlas-snapshots', 'acme-backup-archive']} onSubmit={value => submitted.push(value)} onBack={() => {}} />,
		);
		await burst(ui, 'acme-b');
		assert.match(ui.frame(), /Tab uses “acme-backup-archive”/);
		await burst(ui, '\t', '\r');
		assert.deepEqual(submitted, ['acme-backup-archive']);
		await burst(ui, 'x');
		assert.doesNotMatch(ui.frame(), /Tab/);
		await ui.dispose();
	});
});

describe('CredentialForm', () => {
	test('a private key with a burst of Backspaces and Enter: the mask and the key are right', async () => {
		const submitted: Array<{publicKey: string; privateKey: string}> = [];
		const ui = await render(<CredentialForm fields={API_KEY_FIELDS} onSubmit={keys => submitted.push(keys)} onCancel={() => {}} />);
		await burst(ui, 'abcdefgh\r');
		await burst(ui, '1b2c3d4e-aaaa-bbbb-cccc-0123456789abXYZ', '\u007F\u007F\u007F');
		assert.match(ui.frame(), /Private key: \*{36} ?$/m);
		await burst(ui, '\r');
		assert.deepEqual(submitted, [{publicKey: 'abcdefgh', privateKey: '1b2c3d4e-aaaa-bbbb-cccc-0123456789ab'}]);
		await ui.dispose();
	});
});

describe('the input libraries, as the build patches them', () => {
	test('ink-text-input given a cursor reads no key itself (the wizard does)', async () => {
		const changes: string[] = [];
		const Drawn = TextInput as unknown as React.FC<React.ComponentProps<typeof TextInput> & {cursorOffset: number}>;
		const ui = await render(<Drawn value="abc" cursorOffset={0} onChange={value => changes.push(value)} />);
		assert.match(ui.frame(), /abc/);
		await burst(ui, 'x\u007F');
		assert.deepEqual(changes, []);
		await ui.dispose();
	});

	test('a changed library text stops the build and the tests', () => {
		for (const patch of inputPatches) {
			assert.throws(() => patch.edit('export {};', checkedReplace('some/file.js', patch.name)), new RegExp(`review the ${patch.name} patch`));
		}
	});
});
