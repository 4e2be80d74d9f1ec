import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {RoleStep} from '../../../source/wizard/steps/role.js';
import {middleTruncate} from '../../../source/wizard/components/middle-truncate.js';
import type {RoleSetupEvent} from '../../../source/wizard/role-setup/setup-state.js';
import type {RoleAnswer} from '../../../source/wizard/state.js';
import {fakeServices, goodKeys, projects, roles} from '../fake-services.js';
import {renderWith, resize, waitFor, waitForText} from '../helpers.js';

const projectId = projects[0]!.id;

function collect() {
	const answers: RoleAnswer[] = [];
	const events: RoleSetupEvent[] = [];
	let backs = 0;
	return {
		answers,
		events,
		backs: () => backs,
		props: {projectId, projectLabel: 'Production', onSetup: (event: RoleSetupEvent) => events.push(event), onSetUp: (answer: RoleAnswer) => answers.push(answer), onAnswer: (answer: RoleAnswer) => answers.push(answer), onBack: () => void backs++},
	};
}

describe('RoleStep', () => {
	test('roles read IAM role name first, Atlas role id beside; used ones marked; an unauthorized role offers “Authorize it”', async () => {
		const {services} = fakeServices();
		const out = collect();
		const ui = await renderWith(services, <RoleStep {...out.props} />);
		await waitForText(ui, 'Authorized roles:');
		const frame = ui.frame();
		assert.match(frame, /not an AWS\s+id or ARN/);
		assert.match(frame, /❯ a-rather-long-role-name-for-atlas-snapshot-exports · 6650b2e3d4f5a6b7c8d9e0f1/);
		assert.match(frame, /backup-archive · 6650b2e3d4f5a6b7c8d9e0f2/);
		assert.match(frame, /★ already used for exports/);
		assert.match(frame, /Authorize it: 6650b2e3d4f5a6b7c8d9e0f3/);
		assert.match(frame, /external id c4d5e6f7-a8b9-4c0d-8e1f-2a3b4c5d6e7f/);
		assert.match(frame, /Set up a new role/);
		await ui.press('down');
		await ui.press('enter');
		assert.deepEqual(out.answers, [{roleId: roles[1]!.roleId, iamAssumedRoleArn: roles[1]!.iamAssumedRoleArn, atlasAWSAccountArn: roles[1]!.atlasAWSAccountArn, externalId: roles[1]!.atlasAssumedRoleExternalId}]);
		await ui.dispose();
		// “Authorize it” resumes that role: no new role is made.
		const again = collect();
		const ui2 = await renderWith(services, <RoleStep {...again.props} />);
		await waitForText(ui2, 'Authorize it:');
		await ui2.press('down', 2);
		await ui2.press('enter');
		assert.equal(again.events.length, 1);
		const started = again.events[0]!;
		assert.ok(started.type === 'start' && started.setup.mode === 'resume' && started.setup.role?.roleId === roles[2]!.roleId);
		await ui2.dispose();
	});

	test('with authorized roles the first is the default; “Set up a new role” is always offered', async () => {
		const {services} = fakeServices();
		const out = collect();
		const ui = await renderWith(services, <RoleStep {...out.props} />);
		await waitForText(ui, 'Set up a new role');
		await ui.press('down', 3);
		assert.match(ui.frame(), /❯ Set up a new role/);
		await ui.press('enter');
		assert.deepEqual(out.events, [{type: 'start', setup: {mode: 'new'}}]);
		await ui.dispose();
	});

	test('no authorized role: “Set up a new role” is the default; Check again lists again', async () => {
		let fetches = 0;
		const {services} = fakeServices({
			async listRoles() {
				fetches++;
				return [roles[2]!];
			},
		});
		const ui = await renderWith(services, <RoleStep {...collect().props} />);
		await waitForText(ui, '❯ Set up a new role');
		assert.match(ui.frame(), /Authorize it: 6650b2e3d4f5a6b7c8d9e0f3/);
		await ui.press('down', 2);
		await ui.press('enter');
		await waitFor(() => fetches === 2);
		await waitForText(ui, 'Set up a new role');
		await ui.dispose();
	});

	test('a new set-up in a project with a role never authorized offers to pick that one up (the newest), not a new one', async () => {
		const older = {...roles[2]!, roleId: '6650b2e3d4f5a6b7c8d9e0e1', createdDate: '2026-01-05T10:00:00Z'};
		const newer = {...roles[2]!, createdDate: '2026-11-30T09:00:00Z'};
		const {services} = fakeServices({listRoles: async () => [older, newer, roles[0]!]});
		const out = collect();
		const ui = await renderWith(services, <RoleStep {...out.props} setup={{mode: 'new', bucket: 'acme-exports'}} />);
		await waitForText(ui, `❯ Authorize ${roles[2]!.roleId} instead (no new role)`);
		assert.match(ui.frame(), /This project already has a role created and never authorized/);
		assert.match(ui.frame(), /Create another role in Atlas/);
		await ui.press('enter');
		assert.match(ui.frame().replace(/\s*\n\s*/g, ' '), /\(created 2026-11-30\)/);
		assert.deepEqual(out.events, [{type: 'pick-up', role: newer}]);
		await ui.dispose();
	});

	test('at 80 columns an unauthorized role shows its date and its whole external id', async () => {
		const {services} = fakeServices({listRoles: async () => [{...roles[2]!, createdDate: '2026-12-02T07:00:00Z'}]});
		const ui = await renderWith(services, <RoleStep {...collect().props} />);
		await resize(ui, 80);
		await waitForText(ui, 'Authorize it: 6650b2e3d4f5a6b7c8d9e0f3 (created 2026-12-02)');
		assert.match(ui.frame(), /^ +not authorized yet · external id c4d5e6f7-a8b9-4c0d-8e1f-2a3b4c5d6e7f$/m);
		await ui.dispose();
	});

	for (const columns of [80, 40]) {
		test(`at ${columns} columns the role id note wraps with every row flush`, async () => {
			const ui = await renderWith(fakeServices().services, <RoleStep {...collect().props} />);
			await resize(ui, columns);
			await waitForText(ui, 'Authorized roles:');
			// Ink's wrap began these rows with the space after “Provider” (80) and after “for” (40).
			assert.match(ui.frame(), /^Access\), not an AWS id or ARN\.$/m);
			if (columns === 40) assert.match(ui.frame(), /^the IAM role it assumes \(Cloud Provider$/m);
			await ui.dispose();
		});
	}

	test('no roles at all: what the role is, and the set-up offered first', async () => {
		const {services} = fakeServices({listRoles: async () => []});
		const ui = await renderWith(services, <RoleStep {...collect().props} />);
		await waitForText(ui, 'This project has no AWS IAM role for Atlas yet.');
		assert.match(ui.frame(), /assuming an IAM role in your AWS account/);
		assert.match(ui.frame(), /❯ Set up a new role/);
		assert.doesNotMatch(ui.frame(), /<atlasAWSAccountArn>|BUCKET/, 'no placeholders');
		await ui.dispose();
	});

	test('a typed role id is checked: an ARN is explained, an unauthorized role refused, a listed one taken', async () => {
		const {services} = fakeServices();
		const out = collect();
		const ui = await renderWith(services, <RoleStep {...out.props} />);
		await waitForText(ui, 'Type an Atlas role id');
		await ui.press('down', 4);
		await ui.press('enter');
		await waitForText(ui, 'Role id:');
		await ui.type('arn:aws:iam::123456789012:role/backup-archive');
		await waitForText(ui, 'That is the AWS IAM role ARN');
		for (let index = 0; index < 60; index++) await ui.press('backspace');
		await ui.type(roles[2]!.roleId);
		await waitForText(ui, 'not authorized yet');
		await ui.press('enter');
		assert.equal(out.answers.length, 0);
		for (let index = 0; index < 24; index++) await ui.press('backspace');
		await ui.type('6650b2e3d4f5a6b7c8d9e0aa');
		await waitForText(ui, 'This project has no Atlas role with that id');
		for (let index = 0; index < 24; index++) await ui.press('backspace');
		await ui.type(roles[1]!.roleId);
		await ui.press('enter');
		assert.deepEqual(out.answers, [{roleId: roles[1]!.roleId, iamAssumedRoleArn: roles[1]!.iamAssumedRoleArn, atlasAWSAccountArn: roles[1]!.atlasAWSAccountArn, externalId: roles[1]!.atlasAssumedRoleExternalId}]);
		await ui.dispose();
	});

	test('Esc goes back; at 40 columns a long ARN is cut in the middle', async () => {
		const {services} = fakeServices();
		const out = collect();
		const ui = await renderWith(services, <RoleStep {...out.props} />);
		await waitForText(ui, 'Authorized roles:');
		await resize(ui, 40);
		await waitForText(ui, 'arn:aws:iam::123');
		const arnLine = ui.frame().split('\n').find(line => line.includes('arn:aws:iam::123') && line.includes('…'));
		assert.ok(arnLine, `a middle-truncated ARN line in:\n${ui.frame()}`);
		assert.ok(arnLine.trimEnd().endsWith('exports'), 'the end of the role name is kept');
		assert.ok(ui.frame().split('\n').every(line => line.length <= 40), 'no line is wider than 40 columns');
		await ui.press('escape');
		assert.equal(out.backs(), 1);
		await ui.dispose();
	});

	test('middleTruncate keeps both ends', () => {
		const arn = 'arn:aws:iam::123456789012:role/a-rather-long-role-name-for-atlas-snapshot-exports';
		const cut = middleTruncate(arn, 30);
		assert.equal(cut.length, 30);
		assert.ok(cut.startsWith('arn:aws:iam::'));
		assert.ok(cut.endsWith('exports'));
		assert.equal(middleTruncate('short', 30), 'short');
	});
});
