// The Wizard flow with fake services: Ctrl-C and Esc from every step, what the header says about
// earlier answers. (The same flow against the simulator is in wizard-simulator.test.tsx.)
import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {Wizard} from '../../source/wizard/wizard.js';
import {createInitialState, type Step, type WizardState} from '../../source/wizard/state.js';
import {fakeServices, goodKeys, projects, roles} from './fake-services.js';
import {chooseApiKey, render, waitFor, waitForText} from './helpers.js';

const answered: WizardState = {
	...createInitialState(),
	credentials: {source: 'typed', ...goodKeys},
	project: {id: projects[0]!.id, name: 'Production', how: 'listed'},
	role: {roleId: roles[0]!.roleId, iamAssumedRoleArn: roles[0]!.iamAssumedRoleArn!},
	bucket: 'my-exports',
};

const at: Record<Exclude<Step, 'result' | 'export'>, {state: WizardState; shows: string}> = {
	credentials: {state: createInitialState(), shows: 'Which Atlas credentials?'},
	project: {state: {...answered, editing: 'project'}, shows: 'Which project?'},
	role: {state: {...answered, editing: 'role'}, shows: 'Authorized roles:'},
	bucket: {state: {...answered, editing: 'bucket'}, shows: 'Bucket: my-exports'},
	confirm: {state: answered, shows: 'Register this export bucket?'},
};

describe('Wizard', () => {
	for (const [step, {state, shows}] of Object.entries(at)) {
		test(`Ctrl-C on the ${step} step exits with 130 and aborts what is in flight`, async () => {
			const {services} = fakeServices();
			const controller = new AbortController();
			let code: number | undefined;
			const ui = await render(<Wizard services={services} controller={controller} initialState={state} onExit={exitCode => {
				code = exitCode;
			}} />);
			await waitForText(ui, shows);
			await ui.press('ctrlC');
			assert.equal(code, 130);
			assert.equal(controller.signal.aborted, true);
			await ui.dispose();
		});
	}

	test('Ctrl-C while sending exits with 130 and nothing is reported afterwards', async () => {
		let createSignal: AbortSignal | undefined;
		const {services} = fakeServices({
			async createBucket(_connection, _projectId, _input, options) {
				createSignal = options?.signal;
				return new Promise((_resolve, reject) => {
					options?.signal?.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), {name: 'AbortError'})));
				});
			},
		});
		let code: number | undefined;
		const ui = await render(<Wizard services={services} initialState={answered} onExit={exitCode => {
			code = exitCode;
		}} />);
		await waitForText(ui, '❯ Create');
		await ui.press('enter');
		await waitForText(ui, 'Registering the export bucket');
		await ui.press('ctrlC');
		assert.equal(code, 130);
		assert.equal(createSignal?.aborted, true);
		await new Promise(resolve => setTimeout(resolve, 20));
		assert.doesNotMatch(ui.frame(), /not registered/);
		await ui.dispose();
	});

	test('Esc walks back one step at a time from the summary to the keys, answers shown on the way', async () => {
		const {services} = fakeServices();
		const ui = await render(<Wizard services={services} initialState={answered} onExit={() => {}} />);
		await waitForText(ui, 'Register this export bucket?');
		await ui.press('escape');
		await waitForText(ui, 'Bucket: my-exports');
		assert.match(ui.frame(), /step 4 of 5 · S3 bucket/);
		assert.match(ui.frame(), /✔ Role\s+a-rather-long-role-name-for-atlas-snapshot-exports · 6650b2e3d4f5a6b7c8d9e0f1/);
		await ui.press('escape');
		await waitForText(ui, 'Authorized roles:');
		await ui.press('escape');
		await waitForText(ui, 'Which project?');
		assert.match(ui.frame(), /✔ API key\s+abcdefgh/);
		await ui.press('escape');
		await waitForText(ui, 'Which Atlas credentials?');
		await ui.press('enter');
		await waitForText(ui, 'Public key: abcdefgh');
		assert.match(ui.frame(), /step 1 of 5/);
		await ui.dispose();
	});

	test('the only project is picked and the screen says so; the keychain note is shown', async () => {
		const {services} = fakeServices({listProjects: async () => [projects[0]!], keychainStatus: async () => ({available: false, reason: 'OS keychain unavailable: no D-Bus session bus.'})});
		const ui = await render(<Wizard services={services} onExit={() => {}} />);
		await chooseApiKey(ui);
		await ui.type(goodKeys.publicKey);
		await ui.press('enter');
		for (const char of goodKeys.privateKey) await ui.type(char);
		await ui.press('enter');
		await waitForText(ui, 'Authorized roles:');
		assert.match(ui.frame(), /✔ Project\s+Production \(6650a1f2c3d4e5f6a7b8c9d0\)/);
		assert.match(ui.frame(), /the only project this key can see/);
		assert.match(ui.frame(), /OS keychain unavailable: no D-Bus session bus\./);
		assert.ok(!ui.allFrames().includes(goodKeys.privateKey));
		await ui.dispose();
	});

	test('Edit a step from the summary: a new project asks the role again', async () => {
		const {services} = fakeServices();
		const ui = await render(<Wizard services={services} initialState={answered} onExit={() => {}} />);
		await waitForText(ui, '❯ Create');
		await ui.press('down');
		await ui.press('enter');
		await waitForText(ui, 'Which answer do you want to change?');
		await ui.press('down', 2);
		await ui.press('enter');
		await waitForText(ui, 'Which project?');
		await ui.press('down');
		await ui.press('enter');
		await waitForText(ui, 'Authorized roles:');
		await waitFor(() => /step 3 of 5/.test(ui.frame()));
		await ui.dispose();
	});
});
