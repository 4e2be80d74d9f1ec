import {identityOf} from '../../../source/atlas/types.js';
import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {CredentialsStep} from '../../../source/wizard/steps/credentials.js';
import type {CredentialsAnswer} from '../../../source/wizard/state.js';
import {deferred, fakeServices, goodKeys} from '../fake-services.js';
import {chooseApiKey, renderWith, waitFor, waitForText, type Rendered} from '../helpers.js';

async function typeKeys(ui: Rendered, publicKey: string, privateKey: string) {
	await waitForText(ui, 'Public key:');
	await ui.type(publicKey);
	await ui.press('enter');
	await waitForText(ui, 'Private key:');
	for (const char of privateKey) await ui.type(char);
	await ui.press('enter');
}

function collect() {
	const answers: Array<{answer: CredentialsAnswer; note?: string}> = [];
	let backs = 0;
	return {
		answers,
		backs: () => backs,
		props: {
			auto: true,
			onAnswer: (answer: CredentialsAnswer, note?: string) => answers.push({answer, ...(note ? {note} : {})}),
			onBack: () => {
				backs++;
			},
		},
	};
}

describe('CredentialsStep', () => {
	test('typed keys are verified with a spinner, then saved in the keychain when the user agrees', async () => {
		const verification = deferred<void>();
		const {services, calls} = fakeServices();
		const original = services.verifyKeys;
		services.verifyKeys = async (connection, signal) => {
			await verification.promise;
			return original(connection, signal);
		};

		const out = collect();
		const ui = await renderWith(services, <CredentialsStep {...out.props} />);
		await chooseApiKey(ui);
		await typeKeys(ui, goodKeys.publicKey, goodKeys.privateKey);
		await waitForText(ui, 'Checking the key with Atlas');
		verification.resolve();
		await waitForText(ui, 'Save it in the OS keychain');
		assert.match(ui.frame(), /Save as profile “default”/);
		await ui.press('enter');
		await waitFor(() => out.answers.length === 1);
		assert.deepEqual(out.answers[0]!.answer, {source: 'typed', ...goodKeys, profileName: 'default'});
		assert.match(out.answers[0]!.note ?? '', /Saved as profile “default”/);
		assert.ok(calls.some(call => call.method === 'saveProfile' && call.args[0] === 'default'));
		assert.ok(!ui.allFrames().includes(goodKeys.privateKey), 'the private key is in no frame');
		await ui.dispose();
	});

	test('wrong keys return to the form with the hint; the right keys then pass', async () => {
		const {services} = fakeServices({keychainStatus: async () => ({available: false, reason: 'OS keychain unavailable: no D-Bus.'})});
		const out = collect();
		const ui = await renderWith(services, <CredentialsStep {...out.props} />);
		await chooseApiKey(ui);
		await typeKeys(ui, goodKeys.publicKey, 'wrong-private-key');
		await waitForText(ui, 'Atlas refused the API key (HTTP 401).');
		assert.match(ui.frame(), /Check the public and private key\./);
		assert.match(ui.frame(), /Public key: abcdefgh/);
		assert.equal(out.answers.length, 0);
		// Back on the public key, kept: Enter moves on to an empty private key field.
		await ui.press('enter');
		assert.match(await waitForText(ui, 'Private key:'), /Private key: ?\n/);
		for (const char of goodKeys.privateKey) await ui.type(char);
		await ui.press('enter');
		await waitFor(() => out.answers.length === 1);
		assert.equal(out.answers[0]!.note, 'Not saved in the keychain: OS keychain unavailable: no D-Bus.', 'one line says why the keys were not saved');
		assert.ok(!ui.allFrames().includes(goodKeys.privateKey));
		assert.ok(!ui.allFrames().includes('wrong-private-key'));
		await ui.dispose();
	});

	test('environment keys are used and checked without asking', async () => {
		const {services, calls} = fakeServices({envKeys: goodKeys, keychainStatus: async () => ({available: false, reason: 'no keychain'})});
		const out = collect();
		const ui = await renderWith(services, <CredentialsStep {...out.props} />);
		await waitFor(() => out.answers.length === 1);
		assert.equal(out.answers[0]!.answer.source, 'env');
		assert.equal(out.answers[0]!.note, undefined, 'no keychain note: nothing was offered to save');
		assert.deepEqual(calls.filter(call => call.method === 'verifyKeys').map(call => call.args[0]), ['abcdefgh']);
		await ui.dispose();
	});

	test('stored profiles are offered by name and public key; choosing one loads it from the keychain', async () => {
		const {services, calls} = fakeServices({
			listProfiles: async () => [
				{name: 'default', publicKey: 'abcdefgh', isDefault: true},
				{name: 'work', publicKey: 'wxyzwxyz', isDefault: false},
			],
		});
		const out = collect();
		const ui = await renderWith(services, <CredentialsStep {...out.props} />);
		await waitForText(ui, 'Which Atlas credentials?');
		assert.match(ui.frame(), /Profile “default”: abcdefgh \(default\)/);
		assert.match(ui.frame(), /Profile “work”: wxyzwxyz/);
		assert.match(ui.frame(), /Enter a key pair/);
		await ui.press('enter');
		await waitFor(() => out.answers.length === 1);
		assert.equal(out.answers[0]!.answer.source, 'profile');
		assert.equal(out.answers[0]!.answer.profileName, 'default');
		assert.ok(calls.some(call => call.method === 'loadProfile' && call.args[0] === 'default'));
		assert.ok(!calls.some(call => call.method === 'keychainStatus'), 'no save offer for stored keys');
		assert.ok(!ui.allFrames().includes(goodKeys.privateKey));
		await ui.dispose();
	});

	test('the demo offers its keys; Esc on the list goes back, Esc on the form returns to the list', async () => {
		const {services} = fakeServices({demo: {keys: goodKeys, writableBuckets: ['demo-bucket']}});
		const out = collect();
		const ui = await renderWith(services, <CredentialsStep {...out.props} />);
		await waitForText(ui, 'Use the demo key abcdefgh');
		await chooseApiKey(ui);
		await ui.press('escape');
		await waitForText(ui, 'Which Atlas credentials?');
		await ui.press('escape');
		assert.equal(out.backs(), 1);
		await ui.press('enter');
		await waitFor(() => out.answers.length === 1);
		assert.equal(out.answers[0]!.answer.source, 'demo');
		await ui.dispose();
	});
});

describe('CredentialsStep when the user comes back', () => {
	test('the same keys again are not offered for saving a second time', async () => {
		const {services, calls} = fakeServices();
		const answers: CredentialsAnswer[] = [];
		const current: CredentialsAnswer = {source: 'typed', ...goodKeys, profileName: 'default'};
		const ui = await renderWith(services, <CredentialsStep current={current} auto={false} onAnswer={answer => answers.push(answer)} onBack={() => {}} />);
		await waitForText(ui, 'Which Atlas credentials?');
		await ui.press('enter');
		await waitForText(ui, 'Public key: abcdefgh');
		await ui.press('enter');
		await waitForText(ui, 'Private key:');
		for (const char of goodKeys.privateKey) await ui.type(char);
		await ui.press('enter');
		await waitFor(() => answers.length === 1);
		assert.deepEqual(answers[0], current);
		assert.ok(!calls.some(call => call.method === 'keychainStatus'));
		await ui.dispose();
	});
});

describe('CredentialsStep: service account or API key', () => {
	test('with nothing stored the first question is the kind, service account first; a refused secret is emptied, the client id kept; the accepted one is offered for the keychain', async () => {
		const {services, calls} = fakeServices();
		const out = collect();
		const ui = await renderWith(services, <CredentialsStep {...out.props} />);
		const frame = await waitForText(ui, 'Enter a key pair (API key)');
		assert.ok(frame.indexOf('Enter a service account (recommended by Atlas)') >= 0);
		assert.ok(frame.indexOf('Enter a service account (recommended by Atlas)') < frame.indexOf('Enter a key pair (API key)'));
		assert.doesNotMatch(frame, /Public key:/);
		await ui.press('enter');
		await waitForText(ui, 'Client id:');
		const clientId = 'mdb_sa_id_6650a1f2c3d4e5f6a7b8c9aa';
		await ui.type(clientId);
		await ui.press('enter');
		await waitForText(ui, 'Client secret:');
		for (const char of 'wrong-secret') await ui.type(char);
		await ui.press('enter');
		await waitForText(ui, 'Atlas refused');
		assert.match(ui.frame(), new RegExp(`Client id: ${clientId}`));
		assert.equal(out.answers.length, 0);
		// Back on the client id, kept; the secret field is empty again.
		await ui.press('enter');
		assert.match(await waitForText(ui, 'Client secret:'), /Client secret: ?\n/);
		for (const char of goodKeys.privateKey) await ui.type(char);
		await ui.press('enter');
		await waitForText(ui, `Atlas accepted the service account ${clientId}.`);
		await ui.press('enter');
		await waitFor(() => out.answers.length === 1);
		assert.deepEqual(out.answers[0]!.answer, {source: 'typed', clientId, clientSecret: goodKeys.privateKey, profileName: 'default'});
		const saved = calls.find(call => call.method === 'saveProfile');
		assert.deepEqual(saved?.args.slice(0, 3), ['default', clientId, goodKeys.privateKey], 'the client secret is what is saved with the profile');
		assert.ok(!ui.allFrames().includes(goodKeys.privateKey) && !ui.allFrames().includes('wrong-secret'), 'no secret in a frame');
		await ui.dispose();
		assert.ok(calls.some(call => call.method === 'verifyKeys' && call.args[0] === clientId));
	});

	test('a save that waits for another process\'s lock on the profile file says so, then goes on', async () => {
		const release = deferred<void>();
		const {services} = fakeServices({
			async saveProfile(_name, _connection, _projectId, hooks) {
				hooks?.onLockWait?.('/home/ada/.config/atlas-export-bucket/profiles.json');
				await release.promise;
			},
		});
		const out = collect();
		const ui = await renderWith(services, <CredentialsStep {...out.props} />);
		await chooseApiKey(ui);
		await typeKeys(ui, goodKeys.publicKey, goodKeys.privateKey);
		await waitForText(ui, 'Save it in the OS keychain');
		await ui.press('enter');
		const frame = await waitForText(ui, 'Another atlas-export-bucket is changing');
		assert.match(frame.replaceAll(/\s+/g, ' '), /Another atlas-export-bucket is changing \/home\/ada\/\.config\/atlas-export-bucket\/profiles\.json/);
		assert.equal(out.answers.length, 0);
		release.resolve();
		await waitFor(() => out.answers.length === 1);
		assert.match(out.answers[0]!.note ?? '', /Saved as profile “default”/);
		await ui.dispose();
	});

	test('the demo offers its service account too', async () => {
		const serviceAccount = {clientId: 'mdb_sa_id_6650a1f2c3d4e5f6a7b8c9fe', clientSecret: goodKeys.privateKey};
		const {services, calls} = fakeServices({demo: {keys: goodKeys, serviceAccount, writableBuckets: ['demo-bucket']}});
		const out = collect();
		const ui = await renderWith(services, <CredentialsStep {...out.props} />);
		await waitForText(ui, `Use the demo service account ${serviceAccount.clientId}`);
		await ui.press('down');
		await ui.press('enter');
		await waitFor(() => out.answers.length === 1);
		assert.deepEqual(out.answers[0]!.answer, {source: 'demo', ...serviceAccount});
		assert.ok(calls.some(call => call.method === 'verifyKeys' && call.args[0] === serviceAccount.clientId));
		await ui.dispose();
	});
});

describe('CredentialsStep while checking', () => {
	test('Esc during the check of a stored key returns to the choice and ignores the late answer', async () => {
		const verification = deferred<void>();
		const {services} = fakeServices({
			listProfiles: async () => [{name: 'default', publicKey: 'abcdefgh', isDefault: true}],
			async verifyKeys(connection) {
				await verification.promise;
				return {publicKey: identityOf(connection), roles: [], accessList: []};
			},
		});
		const answers: CredentialsAnswer[] = [];
		const ui = await renderWith(services, <CredentialsStep auto onAnswer={answer => answers.push(answer)} onBack={() => {}} />);
		await waitForText(ui, 'Profile “default”');
		await ui.press('enter');
		await waitForText(ui, 'Checking profile “default” with Atlas');
		await ui.press('escape');
		await waitForText(ui, 'Which Atlas credentials?');
		verification.resolve();
		await new Promise(resolve => setTimeout(resolve, 30));
		assert.equal(answers.length, 0);
		await ui.dispose();
	});

	test('an Atlas on this machine is named on the key step and its keys are offered as profile “simulator”, never “default”', async () => {
		const local = 'http://127.0.0.1:45678';
		const {services, calls} = fakeServices();
		services.target = connection => ({baseUrl: connection?.baseUrl ?? local, apiVersion: 'v2'});
		const out = collect();
		const ui = await renderWith(services, <CredentialsStep {...out.props} />);
		assert.match(await chooseApiKey(ui), /Atlas at http:\/\/127\.0\.0\.1:45678 \(on this machine\)/);
		await typeKeys(ui, goodKeys.publicKey, goodKeys.privateKey);
		await waitForText(ui, 'Save it in the OS keychain');
		assert.match(ui.frame(), /Save as profile “simulator”/);
		assert.doesNotMatch(ui.frame(), /“default”/);
		await ui.press('enter');
		await waitFor(() => out.answers.length === 1);
		assert.ok(calls.some(call => call.method === 'saveProfile' && call.args[0] === 'simulator'));
		await ui.dispose();
	});
});
