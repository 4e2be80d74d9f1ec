import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {RoleStep} from '../../../source/wizard/steps/role.js';
import {middleTruncate} from '../../../source/wizard/components/middle-truncate.js';
import type {RoleAnswer} from '../../../source/wizard/state.js';
import {fakeServices, goodKeys, projects, roles} from '../fake-services.js';
import {renderWith, resize, waitFor, waitForText} from '../helpers.js';

const projectId = projects[0]!.id;

function collect() {
	const answers: RoleAnswer[] = [];
	let backs = 0;
	return {answers, backs: () => backs, props: {projectId, onAnswer: (answer: RoleAnswer) => answers.push(answer), onBack: () => void backs++}};
}

describe('RoleStep', () => {
	test('authorized roles are listed with role id and ARN, marked when used for exports; unauthorized ones are not selectable', async () => {
		const {services} = fakeServices();
		const out = collect();
		const ui = await renderWith(services, <RoleStep {...out.props} />);
		await waitForText(ui, 'Authorized roles:');
		const frame = ui.frame();
		assert.match(frame, /not an AWS\s+id or ARN/);
		assert.match(frame, /❯ 6650b2e3d4f5a6b7c8d9e0f1/);
		assert.match(frame, /role\/a-rather-long-role-name-for-atlas-snapshot-exports/);
		assert.match(frame, /★ already used for exports/);
		assert.match(frame, /Not authorized yet, so not selectable:\n\s+✗ 6650b2e3d4f5a6b7c8d9e0f3/);
		// ↓ moves over the two authorized roles and then to the typed-id choice: never to the unauthorized role.
		await ui.press('down');
		await ui.press('enter');
		assert.deepEqual(out.answers, [{roleId: roles[1]!.roleId, iamAssumedRoleArn: roles[1]!.iamAssumedRoleArn, atlasAWSAccountArn: roles[1]!.atlasAWSAccountArn, externalId: roles[1]!.atlasAssumedRoleExternalId}]);
		await ui.dispose();
	});

	test('the setup help names the trust policy and the S3 permissions', async () => {
		const {services} = fakeServices();
		const ui = await renderWith(services, <RoleStep {...collect().props} />);
		await waitForText(ui, 'How to set up or authorize a role');
		await ui.press('down', 3);
		await ui.press('enter');
		await waitForText(ui, 'sts:ExternalId = c4d5e6f7-a8b9-4c0d-8e1f-2a3b4c5d6e7f');
		assert.match(ui.frame(), /Principal AWS = arn:aws:iam::536727724300:root/);
		assert.match(ui.frame(), /s3:GetBucketLocation/);
		assert.match(ui.frame(), /s3:PutObject/);
		await ui.dispose();
	});

	test('no roles: what the role is and how to set one up', async () => {
		let fetches = 0;
		const {services} = fakeServices({
			async listRoles() {
				fetches++;
				return [];
			},
		});
		const ui = await renderWith(services, <RoleStep {...collect().props} />);
		await waitForText(ui, 'This project has no AWS IAM role for Atlas yet.');
		assert.match(ui.frame(), /assuming an IAM role in your AWS account/);
		assert.match(ui.frame(), /sts:AssumeRole/);
		assert.match(ui.frame(), /❯ Type an Atlas role id/);
		// "Check again" fetches once more.
		await ui.press('down');
		await ui.press('enter');
		await waitFor(() => fetches === 2);
		await waitForText(ui, 'This project has no AWS IAM role for Atlas yet.');
		await ui.dispose();
	});

	test('a typed role id is checked: an ARN is explained, an unauthorized role refused, a listed one taken', async () => {
		const {services} = fakeServices();
		const out = collect();
		const ui = await renderWith(services, <RoleStep {...out.props} />);
		await waitForText(ui, 'Type an Atlas role id');
		await ui.press('down', 2);
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
