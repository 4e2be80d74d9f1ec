import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {createInitialState, currentStep, wizardReducer, type WizardAction, type WizardState} from '../../source/wizard/state.js';
import type {AtlasErrorView} from '../../source/wizard/services.js';
import {setupScreen, startSetup} from '../../source/wizard/role-setup/setup-state.js';

const keysA = {source: 'typed' as const, publicKey: 'pubkeyaa', privateKey: 'secret-a'};
const keysB = {source: 'typed' as const, publicKey: 'pubkeybb', privateKey: 'secret-b'};
const projectP = {id: '6650a1f2c3d4e5f6a7b8c9d0', name: 'P'};
const projectQ = {id: '6650a1f2c3d4e5f6a7b8c9d1', name: 'Q'};
const roleR = {roleId: '6650b2e3d4f5a6b7c8d9e0f1', iamAssumedRoleArn: 'arn:aws:iam::123456789012:role/r'};
const roleS = {roleId: '6650b2e3d4f5a6b7c8d9e0f2'};
const failure: AtlasErrorView = {message: 'boom', authFailure: false, cannotAssumeRole: false, aborted: false};

function run(...actions: WizardAction[]): WizardState {
	return actions.reduce(wizardReducer, createInitialState());
}

const complete: WizardAction[] = [
	{type: 'answer-credentials', credentials: keysA},
	{type: 'answer-project', project: projectP},
	{type: 'answer-role', role: roleR},
	{type: 'answer-bucket', bucket: 'my-bucket'},
];

describe('wizard state', () => {
	test('the role set-up left for the role list keeps its bucket; the next set-up starts from it, the bucket step too', () => {
		const toRoles: WizardAction[] = [{type: 'answer-credentials', credentials: keysA}, {type: 'answer-project', project: projectP}];
		const begin: WizardAction = {type: 'role-setup', event: {type: 'start', setup: startSetup('new')}};
		const named: WizardAction = {type: 'role-setup', event: {type: 'bucket', bucket: 'acme-exports'}};
		const left = run(...toRoles, begin, named, {type: 'role-setup', event: {type: 'leave'}});
		assert.equal(left.roleSetup, undefined);
		assert.equal(left.bucketDraft, 'acme-exports');
		const again = wizardReducer(left, begin);
		assert.equal(again.roleSetup?.draftBucket, 'acme-exports');
		assert.equal(setupScreen(again.roleSetup!), 'bucket', 'shown to confirm, not taken as the answer');
		// Esc on the question with the answer taken back leaves too, and keeps it the same way.
		const escaped = run(...toRoles, begin, named, {type: 'role-setup', event: {type: 'back'}}, {type: 'role-setup', event: {type: 'back'}});
		assert.equal(escaped.roleSetup, undefined);
		assert.equal(escaped.bucketDraft, 'acme-exports');
	});

	test('the step is the first question without an answer', () => {
		let state = createInitialState();
		assert.equal(currentStep(state), 'credentials');
		const expected = ['project', 'role', 'bucket', 'confirm'];
		for (const [index, action] of complete.entries()) {
			state = wizardReducer(state, action);
			assert.equal(currentStep(state), expected[index]);
		}

		state = wizardReducer(state, {type: 'confirm'});
		assert.equal(currentStep(state), 'result');
	});

	test('Back goes one step back from every step and keeps every answer', () => {
		let state = run(...complete);
		const seen: string[] = [currentStep(state)];
		for (let index = 0; index < 5; index++) {
			state = wizardReducer(state, {type: 'back'});
			seen.push(currentStep(state));
		}

		assert.deepEqual(seen, ['confirm', 'bucket', 'role', 'project', 'credentials', 'credentials']);
		assert.equal(state.bucket, 'my-bucket');
		assert.deepEqual(state.role, roleR);
		assert.deepEqual(state.project, projectP);
	});

	test('answering an edited step with the same value returns to the summary with later answers kept', () => {
		let state = run(...complete, {type: 'back'}, {type: 'back'}, {type: 'back'});
		assert.equal(currentStep(state), 'project');
		state = wizardReducer(state, {type: 'answer-project', project: projectP});
		assert.equal(currentStep(state), 'confirm');
		assert.deepEqual(state.role, roleR);
		assert.equal(state.bucket, 'my-bucket');
	});

	test('a new project clears the role and the bucket', () => {
		const state = run(...complete, {type: 'edit', step: 'project'}, {type: 'answer-project', project: projectQ});
		assert.equal(currentStep(state), 'role');
		assert.equal(state.role, undefined);
		assert.equal(state.bucket, undefined);
	});

	test('a new role keeps the bucket; a new bucket keeps everything else', () => {
		let state = run(...complete, {type: 'edit', step: 'role'}, {type: 'answer-role', role: roleS});
		assert.equal(currentStep(state), 'confirm');
		assert.equal(state.bucket, 'my-bucket');
		state = wizardReducer(wizardReducer(state, {type: 'back'}), {type: 'answer-bucket', bucket: 'other-bucket'});
		assert.equal(currentStep(state), 'confirm');
		assert.deepEqual(state.role, roleS);
		assert.equal(state.bucket, 'other-bucket');
	});

	test('the same key keeps everything; a new key asks the project again and restores role and bucket if it is the same project', () => {
		let state = run(...complete, {type: 'edit', step: 'credentials'}, {type: 'answer-credentials', credentials: {...keysA}});
		assert.equal(currentStep(state), 'confirm');

		state = run(...complete, {type: 'edit', step: 'credentials'}, {type: 'answer-credentials', credentials: keysB});
		assert.equal(currentStep(state), 'project');
		assert.equal(state.project, undefined);
		assert.deepEqual(state.setAside?.project, projectP);
		const same = wizardReducer(state, {type: 'answer-project', project: projectP});
		assert.equal(currentStep(same), 'confirm');
		assert.deepEqual(same.role, roleR);
		assert.equal(same.bucket, 'my-bucket');
		const other = wizardReducer(state, {type: 'answer-project', project: projectQ});
		assert.equal(currentStep(other), 'role');
		assert.equal(other.bucket, undefined);
		assert.equal(other.setAside, undefined);
	});

	test('confirm only from the summary; a failed send keeps every answer and Retry counts attempts', () => {
		assert.equal(currentStep(run(complete[0]!, {type: 'confirm'})), 'project');
		let state = run(...complete, {type: 'confirm'}, {type: 'send-started'}, {type: 'send-failed', error: failure});
		assert.equal(currentStep(state), 'result');
		assert.equal(state.submission?.status, 'failed');
		assert.equal(state.submission?.attempt, 1);
		state = wizardReducer(state, {type: 'send-started'});
		assert.equal(state.submission?.attempt, 2);
		assert.equal(state.submission?.status, 'sending');
		assert.deepEqual([state.project, state.role, state.bucket], [projectP, roleR, 'my-bucket']);
	});

	test('Edit after a failure goes to that step; Back from a failure returns to the summary', () => {
		const failed = run(...complete, {type: 'confirm'}, {type: 'send-started'}, {type: 'send-failed', error: failure});
		const edited = wizardReducer(failed, {type: 'edit', step: 'bucket'});
		assert.equal(currentStep(edited), 'bucket');
		assert.equal(edited.submission, undefined);
		assert.equal(currentStep(wizardReducer(failed, {type: 'back'})), 'confirm');
	});

	test('nothing goes back or edits while sending or after success', () => {
		const sending = run(...complete, {type: 'confirm'}, {type: 'send-started'});
		assert.equal(wizardReducer(sending, {type: 'back'}), sending);
		assert.equal(wizardReducer(sending, {type: 'edit', step: 'bucket'}), sending);
		const done = wizardReducer(sending, {type: 'send-succeeded', bucket: {id: 'x', bucketName: 'my-bucket', cloudProvider: 'AWS'}});
		assert.equal(wizardReducer(done, {type: 'back'}), done);
		assert.equal(wizardReducer(done, {type: 'send-started'}), done, 'no second create after success');
		assert.equal(wizardReducer(sending, {type: 'send-started'}), sending, 'no second create while one is out');
	});

	test('send-started without a confirmation does nothing', () => {
		const state = run(...complete);
		assert.equal(wizardReducer(state, {type: 'send-started'}), state);
	});
});

describe('going on to export with a registered bucket', () => {
	const registered = {id: '6650c3f4a5b6c7d8e9f0a1b2', bucketName: 'acme-atlas-snapshots', cloudProvider: 'AWS'};

	test('use-bucket shows the export screens; Back (or leave-export) returns to where the user was', () => {
		const atBucket: WizardState = {...createInitialState(), credentials: {source: 'typed', publicKey: 'abcdefgh', privateKey: 'x'}, project: {id: '6650a1f2c3d4e5f6a7b8c9d0'}, role: {roleId: '6650b2e3d4f5a6b7c8d9e0f1'}};
		const exporting = wizardReducer(atBucket, {type: 'use-bucket', bucket: registered});
		assert.equal(currentStep(exporting), 'export');
		assert.equal(currentStep(wizardReducer(exporting, {type: 'back'})), 'bucket');
		assert.equal(currentStep(wizardReducer(exporting, {type: 'leave-export'})), 'bucket');
		assert.equal(wizardReducer({...atBucket, project: undefined}, {type: 'use-bucket', bucket: registered}).exporting, undefined, 'no project, no export');
	});
});
