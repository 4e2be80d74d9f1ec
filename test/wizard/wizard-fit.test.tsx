// Every screen keeps its header, its question and its choices in view on a small terminal: at 80x24
// (and for the summary and the outcome, 40x20) the live frame is shorter than the terminal, so
// nothing scrolls away; what does not fit is folded behind a choice or printed whole above the frame.
// The frame counted is the live one (from the header down), not the printed lines above it.
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import React, {act} from 'react';
import type {AtlasErrorView, WizardServices} from '../../source/wizard/services.js';
import {createInitialState, type WizardState} from '../../source/wizard/state.js';
import {Wizard} from '../../source/wizard/wizard.js';
import {cannotAssumeRole, fakeServices, goodKeys, newRole, projects, roles} from './fake-services.js';
import {render, waitForText, type Rendered} from './helpers.js';

const answered: WizardState = {
	...createInitialState(),
	credentials: {source: 'typed', ...goodKeys},
	// Both notes under the answers: the tallest header the role step can have.
	keychainNote: 'Saved in your keychain as profile “default” (the private key never leaves it).',
	project: {id: projects[0]!.id, name: 'Production', how: 'preselected'},
	role: {roleId: roles[0]!.roleId, iamAssumedRoleArn: roles[0]!.iamAssumedRoleArn!, atlasAWSAccountArn: 'arn:aws:iam::536727724300:root', externalId: '3f2a8c1e-5b7d-4e9a-8c6f-1d2e3a4b5c6d'},
	bucket: 'my-exports',
};

const cannotAssume: AtlasErrorView = {
	message: 'Atlas cannot assume the role arn:aws:iam::123456789012:role/atlas-export-acme.',
	hint: 'Check the trust policy: it must allow sts:AssumeRole to arn:aws:iam::536727724300:root with sts:ExternalId 3f2a8c1e-5b7d-4e9a-8c6f-1d2e3a4b5c6d.',
	errorCode: 'CANNOT_ASSUME_ROLE',
	status: 400,
	cannotAssumeRole: true,
} as AtlasErrorView;

const registered: WizardState = {
	...answered,
	confirmed: true,
	submission: {status: 'succeeded', attempt: 1, bucket: {id: '6650c3f4a5b6c7d8e9f0a1b2', bucketName: 'my-exports', cloudProvider: 'AWS', iamRoleId: roles[0]!.roleId, region: 'eu-west-1'}},
};

async function renderAt(state: WizardState, columns: number, rows: number, overrides: Partial<WizardServices> = {}): Promise<Rendered> {
	// The demo note is one more line above every screen.
	const {services} = fakeServices({demo: {keys: goodKeys, writableBuckets: ['acme-atlas-snapshots'], setupRole: {iamRoleArn: 'arn:aws:iam::123456789012:role/atlas-export-wizard', buckets: ['acme-exports']}}, ...overrides});
	const ui = await render(<Wizard services={services} initialState={state} onExit={() => {}} />);
	await act(async () => {
		Object.defineProperty(ui.stdout, 'rows', {configurable: true, get: () => rows});
		Object.defineProperty(ui.stdout, 'columns', {configurable: true, get: () => columns});
		ui.stdout.emit('resize');
	});
	return ui;
}

/** The live frame's lines: from the header down (lines printed above it stay in the scrollback). */
function liveLines(ui: Rendered): string[] {
	const lines = ui.frame().split('\n');
	return lines.slice(lines.findIndex(line => line.startsWith('atlas-export-bucket ·')));
}

/** Ink keeps one row under the frame: a frame of `rows` lines or more pushes the header away. */
function assertFits(ui: Rendered, columns: number, rows: number, ...shown: string[]): string[] {
	const lines = liveLines(ui);
	const frame = lines.join('\n');
	assert.ok(lines.length < rows, `${lines.length} lines at ${columns}x${rows}: the header scrolls away\n${frame}`);
	assert.ok(lines.every(line => line.length <= columns), `a line wider than ${columns}:\n${frame}`);
	for (const text of shown) assert.ok(frame.includes(text), `“${text}” is not in view at ${columns}x${rows}:\n${frame}`);
	return lines;
}

describe('screens fit a small terminal', () => {
	test('the role step at 80x24 with both notes and the demo: the question and every choice, details under the highlighted role', async () => {
		const ui = await renderAt({...answered, role: undefined, bucket: undefined}, 80, 24);
		await waitForText(ui, '❯');
		const lines = assertFits(ui, 80, 24, 'step 3 of 5', 'Which AWS IAM role', 'Authorize it:', 'Set up a new role', 'Type an Atlas role id', 'Check again');
		// The highlighted role shows its ARN; another role's ARN shows when the cursor reaches it.
		assert.ok(lines.includes('    arn:aws:iam::123456789012:role/a-rath…role-name-for-atlas-snapshot-exports'), lines.join('\n'));
		assert.ok(!lines.includes('    arn:aws:iam::123456789012:role/backup-archive'), lines.join('\n'));
		await ui.press('down');
		assert.ok(liveLines(ui).includes('    arn:aws:iam::123456789012:role/backup-archive'), ui.frame());
		await ui.dispose();
	});

	test('the role step on a tall terminal shows every role with its details', async () => {
		const ui = await renderAt({...answered, role: undefined, bucket: undefined}, 80, 40);
		await waitForText(ui, '❯');
		const lines = liveLines(ui);
		assert.ok(lines.includes('    arn:aws:iam::123456789012:role/backup-archive'), lines.join('\n'));
		assert.ok(lines.some(line => line.includes('(Cloud Provider')), lines.join('\n'));
		await ui.dispose();
	});

	for (const [columns, rows] of [[80, 24], [40, 20]] as const) {
		test(`registered at ${columns}x${rows} with a region and the demo note: the headline and the offer in view`, async () => {
			const ui = await renderAt(registered, columns, rows);
			await waitForText(ui, '❯ Done');
			assertFits(ui, columns, rows, 'Export bucket registered.', 'Next?', 'Export a snapshot now', 'Turn on automatic export');
			// Whatever the frame has no room for is printed whole above it.
			const all = ui.frame().split('\n');
			assert.ok(all.some(line => line.startsWith('Region') && line.endsWith('eu-west-1')), ui.frame());
			assert.ok(all.includes(`atlas-export-bucket create --project-id ${projects[0]!.id} --iam-role-id ${roles[0]!.roleId} --bucket my-exports --yes`), ui.frame());
			await ui.dispose();
		});

		test(`the failure at ${columns}x${rows}: the headline and the choices first, the reason in view or behind “Show details”`, async () => {
			const ui = await renderAt({...answered, confirmed: true, submission: {status: 'failed', attempt: 1, error: cannotAssume}}, columns, rows);
			await waitForText(ui, '❯ Wait for IAM');
			const lines = assertFits(ui, columns, rows, 'The export bucket was not registered.', 'Retry now', 'Edit a step', 'Quit');
			assert.equal(lines[lines.findIndex(line => line.startsWith('The export bucket')) + 2]?.startsWith('❯ Wait for IAM'), true, lines.join('\n'));
			if (!lines.join('\n').includes('Atlas cannot assume')) {
				await ui.press('down', 3);
				await ui.press('enter');
				assert.match((await waitForText(ui, '❯ Hide details')).replace(/\s+/g, ' '), /✖ Atlas cannot assume the role .*→ Check the trust policy/);
			}

			await ui.dispose();
		});

		test(`a whole IAM wait in vain at ${columns}x${rows}: the conclusion in view or behind “Show details”`, async () => {
			const ui = await renderAt({...answered, confirmed: true, submission: {status: 'failed', attempt: 1, error: cannotAssume, waited: {ended: 'budget-spent', attempts: 7}}}, columns, rows);
			await waitForText(ui, '❯ Retry now');
			const lines = assertFits(ui, columns, rows, 'The export bucket was not registered.', 'Edit a step', 'Quit');
			if (!lines.join('\n').includes('Atlas still cannot assume')) {
				await ui.press('down', 2);
				await ui.press('enter');
				assert.match((await waitForText(ui, '❯ Hide details')).replace(/\s+/g, ' '), /Atlas still cannot assume .* after 5 s \(7 attempts\)/);
			}

			await ui.dispose();
		});

		test(`the summary at ${columns}x${rows}: the question and its choices in view`, async () => {
			const ui = await renderAt(answered, columns, rows);
			await waitForText(ui, '❯ Create');
			assertFits(ui, columns, rows, 'Register this export bucket?', 'Edit a step', 'Show request', 'Cancel');
			await ui.dispose();
		});
	}

	// The role set-up's screens, below the same answers and notes (the project Sandbox, preselected).
	const settingUp = (roleSetup: WizardState['roleSetup']): WizardState => ({...answered, project: {id: projects[1]!.id, name: 'Sandbox', how: 'preselected'}, role: undefined, bucket: undefined, roleSetup});
	const files = {dir: '/work/exports', paths: ['/work/exports/trust.json', '/work/exports/policy.json']};
	for (const [screen, roleSetup, shown] of [
		['the policies', {mode: 'new', bucket: 'acme-exports', approved: true, role: newRole}, ['two policy documents', 'Write them to the current directory', 'Write them to another directory']],
		['the aws commands and the ARN', {mode: 'new', bucket: 'acme-exports', approved: true, role: newRole, files}, ['Create the role in AWS', 'IAM role ARN:', 'Enter to continue']],
	] as const) {
		test(`the role set-up at 80x24: ${screen} with the question and its choices in view`, async () => {
			const ui = await renderAt(settingUp(roleSetup), 80, 24, {cwd: '/work/exports'});
			await waitForText(ui, shown[0]);
			assertFits(ui, 80, 24, 'step 3 of 5', ...shown);
			await ui.dispose();
		});
	}

	test('the role set-up at 80x24: an authorize whose whole IAM wait ran out keeps its choices in view, what to check behind “Show details”', async () => {
		const iamRoleArn = 'arn:aws:iam::123456789012:role/atlas-export-acme';
		const ui = await renderAt(settingUp({mode: 'new', bucket: 'acme-exports', approved: true, role: newRole, files, iamRoleArn}), 80, 24, {
			iamWaitMs: 30,
			iamRetryDelays: {baseDelayMs: 10, maxDelayMs: 10},
			async authorizeRole() {
				throw cannotAssumeRole(iamRoleArn);
			},
		});
		await waitForText(ui, 'The role is not authorized yet.');
		await waitForText(ui, '❯ I fixed it in AWS');
		assertFits(ui, 80, 24, 'step 3 of 5', 'I fixed it in AWS: authorize again', 'Use another role ARN', 'Back to the project\'s roles', 'Show details');
		await ui.press('down', 3);
		await ui.press('enter');
		assert.match((await waitForText(ui, '❯ Hide details')).replace(/\s+/g, ' '), /Atlas still cannot assume arn:aws:iam::123456789012:role\/atlas-export-acme .*sts:ExternalId = 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/);
		await ui.dispose();
	});

	test('a tall terminal shows the failure\'s reason without asking', async () => {
		const ui = await renderAt({...answered, confirmed: true, submission: {status: 'failed', attempt: 1, error: cannotAssume}}, 80, 40);
		await waitForText(ui, '❯ Wait for IAM');
		assert.match(ui.frame(), /✖ Atlas cannot assume the role/);
		assert.doesNotMatch(ui.frame(), /Show details/);
		await ui.dispose();
	});
});
