// The step list is data: the header's numbering and the answered rows come from it, not the layout.
import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {answeredRows, isBefore, stepPosition} from '../../source/wizard/step-list.js';
import {createInitialState, previousStep, steps, type WizardState} from '../../source/wizard/state.js';

const answered: WizardState = {
	...createInitialState(),
	credentials: {source: 'profile', profileName: 'work', publicKey: 'abcdefgh', privateKey: 'secret-never-shown'},
	project: {id: '6650a1f2c3d4e5f6a7b8c9d0', name: 'Production', how: 'only-project'},
	role: {roleId: '6650b2e3d4f5a6b7c8d9e0f1'},
	bucket: 'my-exports',
	keychainNote: 'Saved in the OS keychain.',
};

describe('step list', () => {
	test('numbers the questions; the result and the export screens keep the last question\'s number', () => {
		assert.deepEqual(steps.map(step => stepPosition(step).position), [1, 2, 3, 4, 5, 5, 5]);
		assert.ok(steps.every(step => stepPosition(step).count === 5));
		assert.equal(stepPosition('result').title, 'Register');
		assert.equal(stepPosition('export').title, 'Export');
		assert.equal(stepPosition('role').title, 'IAM role');
	});

	test('Back goes to the step before in the list', () => {
		assert.deepEqual(steps.map(step => previousStep(step)), [undefined, 'credentials', 'project', 'role', 'bucket', 'confirm', 'result']);
		assert.ok(isBefore('project', 'role'));
		assert.ok(!isBefore('role', 'role'));
	});

	test('each step shows the answers given before it, never the private key', () => {
		assert.deepEqual(answeredRows(answered, 'credentials'), []);
		assert.deepEqual(answeredRows(answered, 'project'), [{label: 'API key', value: 'abcdefgh (profile “work”)', note: 'Saved in the OS keychain.'}]);
		const atBucket = answeredRows(answered, 'bucket');
		assert.deepEqual(atBucket.map(row => row.label), ['API key', 'Project', 'Role']);
		assert.equal(atBucket[0]!.note, undefined, 'the keychain note is gone by the bucket step');
		assert.equal(atBucket[1]!.note, 'the only project this key can see');
		assert.equal(atBucket[2]!.value, '6650b2e3d4f5a6b7c8d9e0f1');
		assert.ok(!JSON.stringify(atBucket).includes('secret-never-shown'));
	});

	test('the keychain note is read on the first question after the key step only', () => {
		// The project was chosen automatically: the role is the first question after the keys.
		assert.equal(answeredRows(answered, 'role')[0]!.note, 'Saved in the OS keychain.');
		const asked: WizardState = {...answered, project: {id: '6650a1f2c3d4e5f6a7b8c9d0', name: 'Production', how: 'listed'}};
		assert.equal(answeredRows(asked, 'project')[0]!.note, 'Saved in the OS keychain.');
		assert.equal(answeredRows(asked, 'role')[0]!.note, undefined);
	});

	test('the summary and the result show their own summary instead', () => {
		assert.deepEqual(answeredRows(answered, 'confirm'), []);
		assert.deepEqual(answeredRows(answered, 'result'), []);
	});
});
