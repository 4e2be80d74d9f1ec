import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import React, {act, useState} from 'react';
import {TextField} from '../../source/wizard/components/text-field.js';
import {ValidatedInput} from '../../source/wizard/components/validated-input.js';
import {checkBucketName} from '../../source/atlas/validation.js';
import {render} from './helpers.js';

function Field({onSubmit}: {onSubmit(value: string): void}) {
	const [value, setValue] = useState('');
	return <TextField value={value} onChange={setValue} onSubmit={onSubmit} />;
}

// Keys and Enter written in one act() reach Ink before React renders in between: what a script,
// tmux send-keys or a fast terminal does.
async function typeThenEnterAtOnce(ui: Awaited<ReturnType<typeof render>>, text: string): Promise<void> {
	await act(async () => {
		ui.stdin.write(text);
		ui.stdin.write('\r');
	});
}

describe('TextField', () => {
	test('an Enter arriving before the typed keys were rendered submits the newest value', async () => {
		const submitted: string[] = [];
		const ui = await render(<Field onSubmit={value => submitted.push(value)} />);
		await typeThenEnterAtOnce(ui, 'acme-atlas-snapshots-eu');
		assert.deepEqual(submitted, ['acme-atlas-snapshots-eu']);
		await ui.dispose();
	});

	test('the bucket field takes a name typed and submitted at once', async () => {
		const submitted: string[] = [];
		const ui = await render(
			<ValidatedInput label="Bucket:" check={checkBucketName} onSubmit={value => submitted.push(value)} onBack={() => {}} />,
		);
		await typeThenEnterAtOnce(ui, 'acme-backup-archive');
		assert.deepEqual(submitted, ['acme-backup-archive']);
		assert.doesNotMatch(ui.frame(), /Enter the S3 bucket name/);
		await ui.dispose();
	});
});
