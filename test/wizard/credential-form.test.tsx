import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {API_KEY_FIELDS, CredentialForm, SERVICE_ACCOUNT_FIELDS, cleanKey} from '../../source/wizard/components/credential-form.js';
import {render, waitForText} from './helpers.js';

const privateKey = '1b2c3d4e-aaaa-bbbb-cccc-0123456789ab';

function setup(props: {initialId?: string; storedId?: string; busy?: boolean} = {}) {
	const submitted: Array<{publicKey: string; privateKey: string}> = [];
	let cancelled = 0;
	const element = (
		<CredentialForm
			fields={API_KEY_FIELDS}
			onSubmit={keys => submitted.push(keys)}
			onCancel={() => {
				cancelled++;
			}}
			{...props}
		/>
	);
	return {element, submitted, cancelled: () => cancelled};
}

describe('CredentialForm with an API key pair', () => {
	test('asks for the public key, then the private key masked, and submits both', async () => {
		const {element, submitted} = setup();
		const ui = await render(element);
		assert.match(ui.frame(), /Public key:/);
		await ui.type('abcdefgh');
		assert.match(ui.frame(), /Public key: abcdefgh/);
		await ui.press('enter');
		await waitForText(ui, 'Private key:');
		for (const char of privateKey) await ui.type(char);
		assert.match(ui.frame(), new RegExp(`Private key: \\*{${privateKey.length}}`));
		await ui.press('enter');
		assert.deepEqual(submitted, [{publicKey: 'abcdefgh', privateKey}]);
		assert.ok(!ui.allFrames().includes(privateKey), 'the private key appears in no frame');
		assert.ok(!ui.allFrames().includes('1b2c3d4e'), 'no part of the private key appears in any frame');
		await ui.dispose();
	});

	test('a paste with a trailing newline and spaces is cleaned and submitted', async () => {
		const {element, submitted} = setup();
		const ui = await render(element);
		await ui.type('  abcdefgh \r');
		await waitForText(ui, 'Private key:');
		await ui.type(`${privateKey}  \r\n`);
		assert.deepEqual(submitted, [{publicKey: 'abcdefgh', privateKey}]);
		assert.ok(!ui.allFrames().includes(privateKey));
		await ui.dispose();
	});

	test('empty fields and a private key in the public field are refused with a message', async () => {
		const {element, submitted} = setup();
		const ui = await render(element);
		await ui.press('enter');
		await waitForText(ui, 'Enter the public key');
		await ui.type('0f0e0d0c-1111-2222-3333-444455556666');
		await ui.press('enter');
		await waitForText(ui, 'looks like a private key');
		assert.doesNotMatch(ui.frame(), /Private key:/);
		assert.equal(submitted.length, 0);
		await ui.dispose();
	});

	test('Esc on the private key returns to the public key; Esc there cancels', async () => {
		const state = setup({initialId: 'pubkey01'});
		const ui = await render(state.element);
		assert.match(ui.frame(), /Public key: pubkey01/);
		await ui.press('enter');
		await waitForText(ui, 'Private key:');
		await ui.press('escape');
		await waitForText(ui, 'Esc to cancel');
		assert.equal(state.cancelled(), 0);
		await ui.press('escape');
		assert.equal(state.cancelled(), 1);
		await ui.dispose();
	});

	test('busy shows a spinner and takes no input; an error shows its hint', async () => {
		const {element, submitted} = setup({initialId: 'abcdefgh', busy: true});
		const ui = await render(element);
		assert.match(ui.frame(), /Checking the key with Atlas/);
		await ui.type('x\r');
		assert.equal(submitted.length, 0);
		await ui.update(
			<CredentialForm
				fields={API_KEY_FIELDS}
				initialId="abcdefgh"
				error={{message: 'Atlas refused the API key (401).', hint: 'Check the key pair.'}}
				onSubmit={() => {}}
				onCancel={() => {}}
			/>,
		);
		await waitForText(ui, 'Atlas refused the API key (401).');
		assert.match(ui.frame(), /Check the key pair\./);
		await ui.dispose();
	});

	test('after a refusal the private key field is empty and the public key kept: a corrected key is not appended', async () => {
		const submitted: Array<{publicKey: string; privateKey: string}> = [];
		const form = (error?: {message: string}) => <CredentialForm fields={API_KEY_FIELDS} {...(error ? {error} : {})} onSubmit={keys => submitted.push(keys)} onCancel={() => {}} />;
		const ui = await render(form());
		await ui.type('abcdefgh\r');
		await waitForText(ui, 'Private key:');
		await ui.type('wrong-private-key\r');
		await ui.update(form({message: 'Atlas refused the API key (401).'}));
		assert.match(ui.frame(), /Public key: abcdefgh/);
		await ui.type('\r');
		assert.match(await waitForText(ui, 'Private key:'), /Private key: ?\n/);
		await ui.type(`${privateKey}\r`);
		assert.deepEqual(submitted.at(-1), {publicKey: 'abcdefgh', privateKey});
		await ui.dispose();
	});

	test('a stored public key is offered, not typed in: Enter keeps it, typing replaces it', async () => {
		const kept = setup({storedId: 'storedpk'});
		const ui = await render(kept.element);
		assert.match(ui.frame(), /Enter keeps the stored public key storedpk/);
		assert.match(ui.frame(), /Public key: ?\n/);
		await ui.type('\r');
		await waitForText(ui, 'Private key:');
		await ui.type(`${privateKey}\r`);
		assert.deepEqual(kept.submitted, [{publicKey: 'storedpk', privateKey}]);
		await ui.dispose();

		const replaced = setup({storedId: 'storedpk'});
		const other = await render(replaced.element);
		await other.type('newkey01\r');
		await waitForText(other, 'Private key:');
		await other.type(`${privateKey}\r`);
		assert.deepEqual(replaced.submitted, [{publicKey: 'newkey01', privateKey}]);
		await other.dispose();
	});

	test('cleanKey drops every whitespace character', () => {
		assert.equal(cleanKey(' ab\tc\r\n'), 'abc');
	});
});

describe('CredentialForm with a service account', () => {
	const clientId = 'mdb_sa_id_6650a1f2c3d4e5f6a7b8c9aa';
	const clientSecret = 'mdb_sa_sk_0123456789abcdef0123456789abcdef01234567';

	function form(submitted: Array<{clientId: string; clientSecret: string}>, error?: {message: string; hint?: string}) {
		return <CredentialForm fields={SERVICE_ACCOUNT_FIELDS} {...(error ? {error} : {})} onSubmit={account => submitted.push(account)} onCancel={() => {}} />;
	}

	test('asks for the client id, then the client secret masked, and submits both; the secret is in no frame', async () => {
		const submitted: Array<{clientId: string; clientSecret: string}> = [];
		const ui = await render(form(submitted));
		assert.match(ui.frame(), /Atlas service account/);
		await ui.type(`${clientId}\r`);
		await waitForText(ui, 'Client secret:');
		for (const char of clientSecret) await ui.type(char);
		assert.match(ui.frame(), new RegExp(`Client secret: \\*{${clientSecret.length}}`));
		await ui.press('enter');
		assert.deepEqual(submitted, [{clientId, clientSecret}]);
		assert.ok(!ui.allFrames().includes('mdb_sa_sk_'), 'no part of the secret appears in any frame');
		await ui.dispose();
	});

	test('a client id of the wrong shape, or the secret in the id field, is refused before the secret is asked for', async () => {
		const submitted: Array<{clientId: string; clientSecret: string}> = [];
		const ui = await render(form(submitted));
		await ui.type('abcdefgh\r');
		await waitForText(ui, 'A client id is mdb_sa_id_ followed by 24 hex characters');
		await ui.type('\u0015');
		await ui.type(`${clientSecret}\r`);
		await waitForText(ui, 'That looks like the client secret');
		assert.doesNotMatch(ui.frame(), /Client secret:/);
		assert.equal(submitted.length, 0);
		await ui.dispose();
	});

	test('after a refusal (401 invalid client) the secret is emptied and the client id kept', async () => {
		const submitted: Array<{clientId: string; clientSecret: string}> = [];
		const ui = await render(form(submitted));
		await ui.type(`${clientId}\r`);
		await waitForText(ui, 'Client secret:');
		await ui.type('mdb_sa_sk_wrong\r');
		await ui.update(form(submitted, {message: 'Atlas rejected the service account (HTTP 401 invalid_client).', hint: 'Check the client id.'}));
		await waitForText(ui, 'Atlas rejected the service account');
		assert.match(ui.frame(), new RegExp(`Client id: ${clientId}`));
		await ui.type('\r');
		assert.match(await waitForText(ui, 'Client secret:'), /Client secret: ?\n/);
		await ui.type(`${clientSecret}\r`);
		assert.deepEqual(submitted.at(-1), {clientId, clientSecret});
		await ui.dispose();
	});
});
