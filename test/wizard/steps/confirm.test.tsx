import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import React, {act} from 'react';
import {ConfirmStep} from '../../../source/wizard/steps/confirm.js';
import type {EditableStep} from '../../../source/wizard/state.js';
import {fakeServices, goodKeys, projects, roles} from '../fake-services.js';
import {renderWith, waitForText} from '../helpers.js';

function setup() {
	const events: string[] = [];
	const props = {
		project: {id: projects[0]!.id, name: 'Production'},
		role: {roleId: roles[0]!.roleId, iamAssumedRoleArn: roles[0]!.iamAssumedRoleArn!},
		bucket: 'my-exports',
		onCreate: () => events.push('create'),
		onEdit: (step: EditableStep) => events.push(`edit:${step}`),
		onCancel: () => events.push('cancel'),
		onBack: () => events.push('back'),
	};
	return {events, props};
}

describe('ConfirmStep', () => {
	test('the summary and the exact request, without secrets', async () => {
		const {services} = fakeServices();
		const {props} = setup();
		const ui = await renderWith(services, <ConfirmStep {...props} />);
		await waitForText(ui, 'POST https://cloud.mongodb.com/api/atlas/v2/groups/6650a1f2c3d4e5f6a7b8c9d0/backup/exportBuckets');
		const frame = ui.frame();
		for (const expected of [
			'Production (6650a1f2c3d4e5f6a7b8c9d0)',
			'Atlas role id  6650b2e3d4f5a6b7c8d9e0f1',
			'role/a-rather-long-role-name-for-atlas-snapshot-exports',
			'Bucket         my-exports',
			'Provider       AWS',
			'API version    v2',
			'Base URL       https://cloud.mongodb.com',
			'Accept: application/vnd.atlas.2024-05-30+json',
			'"bucketName": "my-exports"',
			'"cloudProvider": "AWS"',
			'"iamRoleId": "6650b2e3d4f5a6b7c8d9e0f1"',
		]) {
			assert.ok(frame.includes(expected), `${expected} in:\n${frame}`);
		}

		assert.ok(!ui.allFrames().includes(goodKeys.privateKey));
		await ui.dispose();
	});

	test('Create, Edit a step, Cancel and Esc', async () => {
		const {services} = fakeServices();
		const {events, props} = setup();
		const ui = await renderWith(services, <ConfirmStep {...props} />);
		await waitForText(ui, '❯ Create');
		await ui.press('enter');
		assert.deepEqual(events, ['create']);
		await ui.press('down');
		await ui.press('enter');
		await waitForText(ui, 'Which answer do you want to change?');
		await ui.press('escape');
		await waitForText(ui, '❯ Create');
		await ui.press('down');
		await ui.press('enter');
		await ui.press('down', 2);
		await ui.press('enter');
		assert.deepEqual(events, ['create', 'edit:project']);
		await ui.dispose();

		const second = setup();
		const ui2 = await renderWith(services, <ConfirmStep {...second.props} />);
		await waitForText(ui2, '❯ Create');
		await ui2.press('up');
		await ui2.press('enter');
		await ui2.press('escape');
		assert.deepEqual(second.events, ['cancel', 'back']);
		await ui2.dispose();
	});

	test('a short terminal (80x24, 40x20): the question and the choices first, the request behind "Show request"', async () => {
		for (const [columns, rows] of [[80, 24], [40, 20]] as const) {
			const {services} = fakeServices();
			const {props, events} = setup();
			const ui = await renderWith(services, <ConfirmStep {...props} />);
			await act(async () => {
				Object.defineProperty(ui.stdout, 'rows', {configurable: true, get: () => rows});
				Object.defineProperty(ui.stdout, 'columns', {configurable: true, get: () => columns});
				ui.stdout.emit('resize');
			});
			const frame = await waitForText(ui, 'Show request');
			const lines = frame.split('\n');
			assert.equal(lines[0], 'Register this export bucket?');
			assert.ok(lines.indexOf('❯ Create') < lines.findIndex(line => line.startsWith('Bucket: ')), `choices before the summary:\n${frame}`);
			assert.ok(lines.length <= rows - 3, `${lines.length} lines leave no room for the header at ${columns}x${rows}:\n${frame}`);
			assert.ok(lines.every(line => line.length <= columns), `a line wider than ${columns}:\n${frame}`);
			assert.doesNotMatch(frame, /POST /);
			await ui.press('down');
			await ui.press('down');
			await ui.press('enter');
			assert.match(await waitForText(ui, 'Hide request'), /POST https:\/\/cloud\.mongodb\.com/);
			assert.deepEqual(events, []);
			await ui.dispose();
		}
	});
});
