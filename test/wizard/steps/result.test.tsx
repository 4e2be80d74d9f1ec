import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {ResultStep, type ResultStepProps} from '../../../source/wizard/steps/result.js';
import type {EditableStep} from '../../../source/wizard/state.js';
import {render, waitForText} from '../helpers.js';

function setup(submission: ResultStepProps['submission']) {
	const events: string[] = [];
	const props: ResultStepProps = {
		submission,
		projectId: '6650a1f2c3d4e5f6a7b8c9d0',
		command: 'atlas-export-bucket create --project-id 6650a1f2c3d4e5f6a7b8c9d0 --iam-role-id 6650b2e3d4f5a6b7c8d9e0f1 --bucket my-exports --yes',
		iamWaitMs: 60_000,
		onRetry: ({waitForIam}) => events.push(waitForIam ? 'wait' : 'retry'),
		onEdit: (step: EditableStep) => events.push(`edit:${step}`),
		onQuit: () => events.push('quit'),
		onDone: () => events.push('done'),
		onBack: () => events.push('back'),
	};
	return {events, props};
}

const error = {message: 'Atlas could not assume the IAM role (HTTP 400 CANNOT_ASSUME_ROLE).', hint: 'Check the trust policy.', status: 400, errorCode: 'CANNOT_ASSUME_ROLE', authFailure: false, cannotAssumeRole: true, aborted: false};

describe('ResultStep', () => {
	test('sending shows a spinner, then the IAM wait progress', async () => {
		const {props} = setup({status: 'sending', attempt: 1});
		const ui = await render(<ResultStep {...props} />);
		assert.match(ui.frame(), /Registering the export bucket with Atlas/);
		await ui.update(<ResultStep {...props} submission={{status: 'sending', attempt: 2, iamWait: {attempt: 2, elapsedMs: 4000, budgetMs: 60_000, nextDelayMs: 4000}}} />);
		await waitForText(ui, 'Waiting for AWS IAM to let Atlas assume the role');
		assert.match(ui.frame(), /Attempt 2 failed with CANNOT_ASSUME_ROLE · 4 s of 60 s · next try in 4 s/);
		await ui.dispose();
	});

	test('success shows the registered bucket and the equivalent command; Enter exits', async () => {
		const {events, props} = setup({status: 'succeeded', attempt: 1, bucket: {id: '6650c3f4a5b6c7d8e9f0a1ff', bucketName: 'my-exports', cloudProvider: 'AWS', iamRoleId: '6650b2e3d4f5a6b7c8d9e0f1', region: 'eu-west-1'}});
		const ui = await render(<ResultStep {...props} />);
		const frame = ui.frame();
		for (const expected of ['✔ Export bucket registered.', 'Id             6650c3f4a5b6c7d8e9f0a1ff', 'Bucket         my-exports', 'Provider       AWS', 'Atlas role id  6650b2e3d4f5a6b7c8d9e0f1', 'Project id     6650a1f2c3d4e5f6a7b8c9d0', 'Region         eu-west-1', 'atlas-export-bucket create --project-id']) {
			assert.ok(frame.includes(expected), `${expected} in:\n${frame}`);
		}

		await ui.press('enter');
		assert.deepEqual(events, ['done']);
		await ui.dispose();
	});

	test('a failure shows message and hint with Retry, Edit and Quit; CANNOT_ASSUME_ROLE offers the IAM wait', async () => {
		const {events, props} = setup({status: 'failed', attempt: 1, error});
		const ui = await render(<ResultStep {...props} />);
		const frame = ui.frame();
		assert.match(frame, /The export bucket was not registered\./);
		assert.match(frame, /CANNOT_ASSUME_ROLE/);
		assert.match(frame, /Check the trust policy\./);
		assert.match(frame, /❯ Wait for IAM to propagate and retry \(up to 60 s\)/);
		await ui.press('enter');
		await ui.press('down');
		await ui.press('enter');
		await ui.press('down');
		await ui.press('enter');
		await waitForText(ui, 'Which answer do you want to change?');
		await ui.press('enter');
		assert.deepEqual(events, ['wait', 'retry', 'edit:bucket']);
		await ui.dispose();

		const plain = setup({status: 'failed', attempt: 1, error: {...error, errorCode: 'UNEXPECTED_ERROR', cannotAssumeRole: false}});
		const ui2 = await render(<ResultStep {...plain.props} />);
		assert.doesNotMatch(ui2.frame(), /Wait for IAM/);
		await ui2.press('up');
		await ui2.press('enter');
		await ui2.press('escape');
		assert.deepEqual(plain.events, ['quit', 'back']);
		await ui2.dispose();
	});
});
