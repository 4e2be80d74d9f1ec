import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import React, {act} from 'react';
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
		trust: {iamRoleArn: 'arn:aws:iam::123456789012:role/atlas-export-acme', atlasAWSAccountArn: 'arn:aws:iam::536727724300:root', externalId: '3f2a8c1e-5b7d-4e9a-8c6f-1d2e3a4b5c6d', bucketName: 'my-exports'},
		onRetry: ({waitForIam}) => events.push(waitForIam ? 'wait' : 'retry'),
		onStopWaiting: () => events.push('stop'),
		onEdit: (step: EditableStep) => events.push(`edit:${step}`),
		onQuit: () => events.push('quit'),
		onDone: () => events.push('done'),
		onBack: () => events.push('back'),
		onExport: goal => events.push(`export:${goal}`),
	};
	return {events, props};
}

const error = {message: 'Atlas could not assume the IAM role (HTTP 400 CANNOT_ASSUME_ROLE).', hint: 'Check the trust policy.', status: 400, errorCode: 'CANNOT_ASSUME_ROLE', authFailure: false, cannotAssumeRole: true, aborted: false};

describe('ResultStep', () => {
	test('sending shows a spinner, then every attempt of the IAM wait; Esc stops waiting', async () => {
		const {events, props} = setup({status: 'sending', attempt: 1});
		const ui = await render(<ResultStep {...props} />);
		assert.match(ui.frame(), /Registering the export bucket with Atlas/);
		const attempt = (n: number, elapsedMs: number) => ({attempt: n, elapsedMs, budgetMs: 60_000, nextDelayMs: 4000, error});
		await ui.update(<ResultStep {...props} submission={{status: 'sending', attempt: 2, iamWait: {attempts: [attempt(1, 0), attempt(2, 4000)], stopping: false}}} />);
		await waitForText(ui, 'waiting for AWS IAM to let Atlas assume the role');
		assert.match(ui.frame(), /✗ attempt 1 at 0 s: CANNOT_ASSUME_ROLE/);
		assert.match(ui.frame(), /✗ attempt 2 at 4 s: CANNOT_ASSUME_ROLE/);
		assert.match(ui.frame(), /4 s of 60 s · next try in 4 s/);
		assert.match(ui.frame(), /Esc stops waiting \(your answers are kept\)/);
		await ui.press('escape');
		assert.deepEqual(events, ['stop']);
		await ui.update(<ResultStep {...props} submission={{status: 'sending', attempt: 2, iamWait: {attempts: [attempt(1, 0), attempt(2, 4000)], stopping: true}}} />);
		assert.match(ui.frame(), /Stopping after this attempt; your answers are kept\./);
		await ui.dispose();
	});

	test('after a whole wait in vain: a conclusion naming the role, principal, external id and bucket, no second wait offer', async () => {
		const {events, props} = setup({status: 'failed', attempt: 1, error, waited: {ended: 'budget-spent', attempts: 7}});
		const ui = await render(<ResultStep {...props} />);
		const frame = ui.frame();
		assert.match(frame, /Atlas still cannot assume arn:aws:iam::123456789012:role\/atlas-export-acme after 60 s \(7 attempts\)/);
		assert.match(frame, /arn:aws:iam::536727724300:root/);
		assert.match(frame, /sts:ExternalId = 3f2a8c1e-5b7d-4e9a-8c6f-1d2e3a4b5c6d/);
		assert.match(frame, /arn:aws:s3:::my-exports\/\*/);
		assert.match(frame, /Fix the role in AWS, then Retry now/);
		assert.doesNotMatch(frame, /Wait for IAM to propagate/);
		assert.match(frame, /❯ Retry now/);
		await ui.press('enter');
		assert.deepEqual(events, ['retry']);
		await ui.dispose();
	});

	test('after stopping the wait: the answers are kept and the wait is offered again', async () => {
		const {props} = setup({status: 'failed', attempt: 1, error, waited: {ended: 'stopped', attempts: 2}});
		const ui = await render(<ResultStep {...props} />);
		assert.match(ui.frame(), /You stopped waiting after 2 attempts\./);
		assert.match(ui.frame(), /❯ Wait for IAM to propagate and retry/);
		await ui.dispose();
	});

	test('success shows the registered bucket and the equivalent command; Enter exits', async () => {
		const {events, props} = setup({status: 'succeeded', attempt: 1, bucket: {id: '6650c3f4a5b6c7d8e9f0a1ff', bucketName: 'my-exports', cloudProvider: 'AWS', iamRoleId: '6650b2e3d4f5a6b7c8d9e0f1', region: 'eu-west-1'}});
		const ui = await render(<ResultStep {...props} />);
		const frame = ui.frame();
		for (const expected of ['✔ Export bucket registered.', 'Id             6650c3f4a5b6c7d8e9f0a1ff', 'Bucket         my-exports', 'Provider       AWS', 'Atlas role id  6650b2e3d4f5a6b7c8d9e0f1', 'Project id     6650a1f2c3d4e5f6a7b8c9d0', 'Region         eu-west-1', 'atlas-export-bucket create --project-id']) {
			assert.ok(frame.includes(expected), `${expected} in:\n${frame}`);
		}

		// Done is preselected: Enter still exits; the other offers lead on to the export screens.
		assert.match(frame, /Export a snapshot now\s+Turn on automatic export\s+❯ Done/);
		await ui.press('enter');
		assert.deepEqual(events, ['done']);
		await ui.press('up', 2);
		await ui.press('enter');
		await ui.press('down');
		await ui.press('enter');
		assert.deepEqual(events, ['done', 'export:export', 'export:auto']);
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

	test('a failure on a short terminal (40x20): the headline and the choices first, the reason after', async () => {
		const {props} = setup({status: 'failed', attempt: 1, error});
		const ui = await render(<ResultStep {...props} />);
		await act(async () => {
			Object.defineProperty(ui.stdout, 'rows', {configurable: true, get: () => 20});
			Object.defineProperty(ui.stdout, 'columns', {configurable: true, get: () => 40});
			ui.stdout.emit('resize');
		});
		const lines = ui.frame().split('\n');
		assert.equal(lines[0], 'The export bucket was not registered.');
		const choice = lines.findIndex(line => line.startsWith('❯ Wait for IAM'));
		const reason = lines.findIndex(line => line.includes('CANNOT_ASSUME_ROLE'));
		assert.ok(choice > 0 && choice < reason, lines.join('\n'));
		await ui.dispose();
	});

	test('a missing role with a service account: the offer goes back to the service account, and Edit names it', async () => {
		const missingRole = {message: 'Atlas accepted the service account but refused this operation (HTTP 401 USER_UNAUTHORIZED).', hint: 'Give it Project Owner.', status: 401, errorCode: 'USER_UNAUTHORIZED', authFailure: true, cannotAssumeRole: false, missingRole: true, aborted: false};
		const {events, props} = setup({status: 'failed', attempt: 1, error: missingRole});
		const ui = await render(<ResultStep {...props} credentials="Service account" />);
		assert.match(ui.frame(), /❯ Go back to the service account \(use one with the role\)/);
		assert.match(ui.frame(), /this service account lacks the project role/);
		await ui.press('down', 2);
		await ui.press('enter');
		assert.match(await waitForText(ui, 'Which answer'), /Service account/);
		await ui.press('down', 3);
		assert.match(ui.frame(), /❯ Service account/);
		await ui.press('enter');
		assert.deepEqual(events, ['edit:credentials']);
		await ui.dispose();
	});
});
