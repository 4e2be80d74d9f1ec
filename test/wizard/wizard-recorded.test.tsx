// The wizard against the simulator answering as real Atlas was recorded to: a key that passes the
// key check but lacks the role for registering (401 USER_UNAUTHORIZED), and an Atlas resource that
// demands an API access list on the key (403 RESOURCE_REQUIRES_ACCESS_LIST). Real client, real HTTP.
import {test, describe, afterEach, beforeEach} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import React from 'react';
import {DEMO_KEYS, DEMO_ROLE_IDS, DEMO_ROLE_KEYS, startSimulator, type Simulator} from '../../source/simulator/index.js';
import {createWizardServices} from '../../source/wizard/services.js';
import {Wizard} from '../../source/wizard/wizard.js';
import {chooseApiKey, render, waitForText, type Rendered} from './helpers.js';

let simulator: Simulator;
let profilesDir: string;

async function startSession(): Promise<Rendered> {
	const services = createWizardServices({
		baseUrl: simulator.baseUrl,
		env: {},
		profilesDir,
		keychain: async () => ({available: false, reason: 'No keychain in this test.'}),
	});
	return render(<Wizard services={services} onExit={() => undefined} />);
}

/** Keys typed in; then the project (typed when several are listed), the archive role and its bucket, up to the summary. */
async function toSummary(ui: Rendered, keys: {publicKey: string; privateKey: string}) {
	await chooseApiKey(ui);
	await ui.type(keys.publicKey);
	await ui.press('enter');
	await waitForText(ui, 'Private key:');
	for (const char of keys.privateKey) await ui.type(char);
	await ui.press('enter');
	await waitForText(ui, /Which project\?|Which AWS IAM role/);
	if (ui.frame().includes('Which project?')) {
		for (const char of 'Production') await ui.type(char);
		await ui.press('enter');
	}
	await waitForText(ui, DEMO_ROLE_IDS.productionArchive);
	for (let step = 0; step < 6 && !ui.frame().includes(`❯ ${DEMO_ROLE_IDS.productionArchive}`); step++) await ui.press('down');
	await ui.press('enter');
	await waitForText(ui, 'Bucket:');
	for (const char of 'acme-backup-archive') await ui.type(char);
	await ui.press('enter');
	await waitForText(ui, '❯ Create');
}

describe('the wizard meets what real Atlas answers', () => {
	beforeEach(async () => {
		profilesDir = mkdtempSync(path.join(tmpdir(), 'wizard-recorded-'));
		simulator = await startSimulator();
	});
	afterEach(async () => {
		await simulator.close();
		rmSync(profilesDir, {recursive: true, force: true});
	});

	test('a read-only key passes the key check, registering fails with USER_UNAUTHORIZED: the screen says so, names the role, and goes back to the key', async () => {
		const ui = await startSession();
		await toSummary(ui, DEMO_ROLE_KEYS.readOnly);
		await ui.press('enter');
		await waitForText(ui, 'The export bucket was not registered.');
		const frame = ui.frame();
		assert.match(frame, /key check passed, but this key lacks the project role/);
		assert.match(frame.replace(/\s+/g, ' '), /needs Project Owner or Project Backup Manager/);
		assert.match(frame, /❯ Go back to the API key/);
		await ui.press('enter');
		await waitForText(ui, 'Which Atlas credentials?');
		await ui.press('enter');
		await waitForText(ui, 'Public key: ');
		const create = simulator.log.filter(entry => entry.method === 'POST' && entry.authenticated);
		assert.deepEqual(create.map(entry => entry.errorCode), ['USER_UNAUTHORIZED'], 'one create, refused for the role');
		await ui.dispose();
	});

	test('backup endpoints that demand an API access list: the hint names the IP and says it is not the network access list', async () => {
		simulator.controls.requireAccessList({scope: 'resource', endpointSet: 'cloudBackups'});
		const ui = await startSession();
		await toSummary(ui, DEMO_KEYS);
		await ui.press('enter');
		await waitForText(ui, 'The export bucket was not registered.');
		const text = ui.frame().replace(/\s+/g, ' ');
		assert.match(text, /requires API keys to have an API access list/);
		assert.match(text, /IP address 127\.0\.0\.1 to this API key/);
		assert.match(text, /not the project's Network Access list/);
		assert.doesNotMatch(ui.frame(), /Go back to the API key/, 'the key is not the problem: no offer to change it');
		await ui.dispose();
	});
});
