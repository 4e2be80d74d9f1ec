// The role set-up screens with fake services: the bucket first, the go-ahead, one create, the
// policies with this role's own values written to files (never over existing ones without asking),
// the aws commands, the ARN checked, and the authorize with its visible, stoppable IAM wait.
import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import React, {useReducer} from 'react';
import type {AwsIamRole} from '../../../source/atlas/types.js';
import {AtlasError} from '../../../source/atlas/errors.js';
import {AwsCliError} from '../../../source/roles/aws-cli.js';
import {RoleSetupFlow} from '../../../source/wizard/role-setup/role-setup.js';
import {applySetupEvent, startSetup, type RoleSetup, type RoleSetupEvent} from '../../../source/wizard/role-setup/setup-state.js';
import type {WizardServices} from '../../../source/wizard/services.js';
import {cannotAssumeRole, fakeServices, newRole, roles} from '../fake-services.js';
import {renderWith, resize, waitFor, waitForText} from '../helpers.js';

const projectId = '6650a1f2c3d4e5f6a7b8c9d1';
const arn = 'arn:aws:iam::123456789012:role/atlas-export-acme';

function Harness({initial, unauthorizedRoles, onDone, onLeave}: {initial: RoleSetup; unauthorizedRoles?: AwsIamRole[]; onDone(role: AwsIamRole): void; onLeave(): void}) {
	const [setup, dispatch] = useReducer((current: RoleSetup | undefined, event: RoleSetupEvent) => applySetupEvent(current, event), initial);
	if (!setup) return null;
	return <RoleSetupFlow setup={setup} projectId={projectId} projectLabel="Demo Sandbox" {...(unauthorizedRoles ? {unauthorizedRoles} : {})} dispatch={dispatch} onAuthorized={onDone} onLeave={onLeave} />;
}

async function start(services: WizardServices, initial: RoleSetup = startSetup('new'), unauthorizedRoles?: AwsIamRole[]) {
	const done: AwsIamRole[] = [];
	let left = 0;
	const ui = await renderWith(services, <Harness initial={initial} {...(unauthorizedRoles ? {unauthorizedRoles} : {})} onDone={role => done.push(role)} onLeave={() => void left++} />);
	return {ui, done, left: () => left};
}

/** Bucket, go-ahead, and Enter on "write the files to the current directory". */
async function throughFiles(ui: Awaited<ReturnType<typeof start>>['ui']) {
	await waitForText(ui, 'Which S3 bucket will Atlas export to?');
	await ui.type('acme-exports');
	await ui.press('enter');
	await waitForText(ui, 'Add an AWS IAM role to Demo Sandbox?');
	await ui.press('enter');
	await waitForText(ui, 'Write both documents to files');
	await ui.press('enter');
}

async function toArn(ui: Awaited<ReturnType<typeof start>>['ui']) {
	await throughFiles(ui);
	await waitForText(ui, 'IAM role ARN:');
}

describe('role set-up', () => {
	test('new role: bucket, go-ahead, one create, the policies with its own values, the files, the aws commands, the ARN, authorized', async () => {
		const {services, calls} = fakeServices({cwd: '/work/exports'});
		const {ui, done} = await start(services);
		await waitForText(ui, 'Which S3 bucket will Atlas export to?');
		assert.equal(calls.filter(call => call.method === 'createRole').length, 0, 'nothing changes before the go-ahead');
		await ui.type('acme-exports');
		await ui.press('enter');
		await waitForText(ui, 'Add an AWS IAM role to Demo Sandbox?');
		assert.match(ui.frame(), /^Bucket: acme-exports \(the role's permission policy names it\)$/m, 'the go-ahead names the bucket');
		assert.equal(calls.filter(call => call.method === 'createRole').length, 0);
		await ui.press('enter');
		await waitForText(ui, 'two policy documents');
		assert.equal(calls.filter(call => call.method === 'createRole').length, 1, 'one POST');
		const frame = ui.frame();
		// Sentences are checked with the frame's own line breaks taken out.
		const flat = frame.replace(/\s*\n\s*/g, ' ');
		assert.match(flat, new RegExp(`${newRole.atlasAWSAccountArn} may assume the role`));
		assert.match(flat, new RegExp(`sts:ExternalId ${newRole.atlasAssumedRoleExternalId}`));
		assert.match(flat, /s3:GetBucketLocation on arn:aws:s3:::acme-exports, s3:PutObject on arn:aws:s3:::acme-exports\/\*/);
		assert.match(flat, /customer-managed KMS key/);
		assert.match(frame, /"sts:ExternalId": "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"/, 'the JSON is printed');
		assert.match(frame, /❯ Write them to the current directory \(\/work\/exports\)/);
		await ui.press('enter');
		await waitForText(ui, 'IAM role ARN:');
		const written = calls.find(call => call.method === 'writePolicyFiles')!;
		assert.deepEqual(written.args, [[`/work/exports/atlas-role-${newRole.roleId}-trust-policy.json`, '/work/exports/atlas-export-acme-exports-policy.json'], false]);
		assert.ok(ui.frame().includes(`aws iam create-role --role-name atlas-export-acme-exports --assume-role-policy-document file:///work/exports/atlas-role-${newRole.roleId}-trust-policy.json`));
		assert.ok(ui.frame().includes('aws iam put-role-policy --role-name atlas-export-acme-exports --policy-name atlas-export-acme-exports --policy-document file:///work/exports/atlas-export-acme-exports-policy.json'));
		await ui.type('atlas-export-acme');
		await waitForText(ui, 'That is a role name');
		for (let index = 0; index < 'atlas-export-acme'.length; index++) await ui.press('backspace');
		await ui.type(`${arn}\r`);
		await waitFor(() => done.length === 1);
		assert.equal(done[0]!.iamAssumedRoleArn, arn);
		assert.deepEqual(calls.find(call => call.method === 'authorizeRole')!.args, [projectId, newRole.roleId, arn]);
		await ui.dispose();
	});

	test('existing files are not replaced without asking; Overwrite writes them', async () => {
		const writes: boolean[] = [];
		const {services} = fakeServices({
			async writePolicyFiles(files, options) {
				writes.push(options?.overwrite ?? false);
				return options?.overwrite ? {written: files.map(file => file.path)} : {conflicts: [files[0]!.path]};
			},
		});
		const {ui} = await start(services);
		await throughFiles(ui);
		await waitForText(ui, 'Already there, not replaced:');
		assert.deepEqual(writes, [false]);
		await ui.press('enter');
		await waitForText(ui, 'IAM role ARN:');
		assert.deepEqual(writes, [false, true]);
		await ui.dispose();
	});

	test('“Authorize it” resumes the role with its own external id (never another role\'s), without a create', async () => {
		const {services, calls} = fakeServices();
		const {ui} = await start(services, startSetup('resume', roles[2]!));
		await waitForText(ui, `Setting up Atlas role ${roles[2]!.roleId}`);
		await ui.type('acme-exports\r');
		await waitForText(ui, 'two policy documents');
		assert.match(ui.frame().replace(/\s*\n\s*/g, ' '), /sts:ExternalId c4d5e6f7-a8b9-4c0d-8e1f-2a3b4c5d6e7f/);
		for (const other of [roles[0]!, roles[1]!]) assert.ok(!ui.frame().includes(other.atlasAssumedRoleExternalId!));
		assert.equal(calls.filter(call => call.method === 'createRole').length, 0);
		await ui.dispose();
	});

	test('a role created earlier and never authorized is picked up instead of a new one; “Create another role” still can', async () => {
		const {services, calls} = fakeServices();
		const {ui} = await start(services, startSetup('new'), [roles[2]!]);
		await waitForText(ui, 'Which S3 bucket');
		await ui.type('acme-exports\r');
		await waitForText(ui, `❯ Authorize ${roles[2]!.roleId} instead (no new role)`);
		await ui.press('enter');
		await waitForText(ui, 'two policy documents');
		assert.match(ui.frame(), new RegExp(`Setting up Atlas role ${roles[2]!.roleId}`));
		assert.match(ui.frame().replace(/\s*\n\s*/g, ' '), /sts:ExternalId c4d5e6f7-a8b9-4c0d-8e1f-2a3b4c5d6e7f/);
		assert.equal(calls.filter(call => call.method === 'createRole').length, 0);
		// Back to the bucket, and on: the picked-up role is kept (no go-ahead asked again).
		await ui.press('escape');
		await waitForText(ui, 'Which S3 bucket');
		assert.match(ui.frame(), /Bucket: acme-exports/, 'the answer taken back is there to edit');
		await ui.press('backspace', 'exports'.length);
		await ui.type('other\r');
		await waitForText(ui, 'two policy documents');
		assert.match(ui.frame(), /atlas-export-acme-other-policy\.json/);
		assert.match(ui.frame(), new RegExp(`Setting up Atlas role ${roles[2]!.roleId}`));
		await ui.dispose();

		const again = await start(fakeServices().services, startSetup('new'), [roles[2]!]);
		await waitForText(again.ui, 'Which S3 bucket');
		await again.ui.type('acme-exports\r');
		await waitForText(again.ui, 'Create another role in Atlas');
		await again.ui.press('down');
		await again.ui.press('enter');
		await waitForText(again.ui, `Setting up Atlas role ${newRole.roleId}`);
		await again.ui.dispose();
	});

	test('CANNOT_ASSUME_ROLE on authorize: each attempt shown, then authorized once IAM propagates', async () => {
		let propagated = false;
		let attempts = 0;
		const {services} = fakeServices({
			// A budget no busy machine spends: propagation is the test's to release.
			iamWaitMs: 3_600_000,
			// Attempts far enough apart for React's act() to settle between them.
			iamRetryDelays: {baseDelayMs: 250, maxDelayMs: 250},
			async authorizeRole(_connection, _projectId, roleId, iamRoleArn) {
				attempts++;
				if (!propagated) throw cannotAssumeRole(iamRoleArn);
				return {...newRole, roleId, iamAssumedRoleArn: iamRoleArn};
			},
		});
		const {ui, done} = await start(services);
		await toArn(ui);
		await ui.type(`${arn}\r`);
		await waitForText(ui, '✗ attempt 2 at');
		assert.match(ui.frame(), /Authorizing the role in Atlas: waiting for AWS IAM/);
		assert.match(ui.frame(), /✗ attempt 1 at 0 s: CANNOT_ASSUME_ROLE/);
		assert.match(ui.frame(), /Esc stops waiting \(your answers are kept\)/);
		propagated = true;
		await waitFor(() => done.length === 1);
		assert.ok(attempts >= 3);
		await ui.dispose();
	});

	test('Esc stops the wait, keeping every answer; “Wait again” offered, Esc goes back to the ARN', async () => {
		const {services} = fakeServices({
			iamWaitMs: 3_600_000,
			// Attempts far enough apart for React's act() to settle between them.
			iamRetryDelays: {baseDelayMs: 250, maxDelayMs: 250},
			async authorizeRole(_connection, _projectId, _roleId, iamRoleArn) {
				throw cannotAssumeRole(iamRoleArn);
			},
		});
		const {ui, done} = await start(services);
		await toArn(ui);
		await ui.type(`${arn}\r`);
		await waitForText(ui, '✗ attempt 1 at');
		await ui.press('escape');
		await waitForText(ui, 'You stopped waiting after');
		assert.match(ui.frame(), /❯ Wait again \(up to 3600 s\)/);
		assert.equal(done.length, 0);
		await ui.press('escape');
		await waitForText(ui, 'IAM role ARN:');
		assert.match(ui.frame(), /aws iam create-role/, 'the files and commands are still there');
		await ui.dispose();
	});

	test('a wait that runs out ends in a conclusion naming this role\'s principal and external id', async () => {
		const {services} = fakeServices({
			iamWaitMs: 1,
			async authorizeRole(_connection, _projectId, _roleId, iamRoleArn) {
				throw cannotAssumeRole(iamRoleArn);
			},
		});
		const {ui} = await start(services);
		await toArn(ui);
		await ui.type(`${arn}\r`);
		await waitForText(ui, 'Atlas still cannot assume');
		const frame = ui.frame().replace(/\s*\n\s*/g, ' ');
		assert.match(frame, new RegExp(`Atlas still cannot assume ${arn.replaceAll('/', '\\/')}`));
		assert.match(frame, /principal arn:aws:iam::536727724300:root/);
		assert.match(frame, /sts:ExternalId = 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/);
		assert.match(frame, /Fix the role's trust policy in AWS, then authorize again\./);
		assert.doesNotMatch(frame, /Wait again/);
		await ui.dispose();
	});

	test('aws put-role-policy failed: the ARN create-role printed is offered on Tab when pasting instead', async () => {
		const created = 'arn:aws:iam::123456789012:role/atlas-export-acme-exports';
		const runs: Array<string | undefined> = [];
		const {services} = fakeServices({
			findAwsCli: async () => '/usr/local/bin/aws',
			async runAwsRoleSetup(_awsPath, _commands, options) {
				runs.push(options?.createdRoleArn);
				const error = new AwsCliError('aws iam put-role-policy --role-name atlas-export-acme-exports', 'An error occurred (Throttling) when calling the PutRolePolicy operation: Rate exceeded', 254);
				error.roleArn = created;
				throw error;
			},
		});
		const {ui, done} = await start(services);
		await throughFiles(ui);
		await waitForText(ui, 'The aws CLI is at /usr/local/bin/aws. Run these 2 commands now');
		await ui.press('enter');
		await waitForText(ui, 'AWS said:');
		assert.match(ui.frame(), /Rate exceeded/);
		await ui.press('enter');
		await waitFor(() => runs.length === 2);
		await waitForText(ui, 'AWS said:');
		assert.deepEqual(runs, [undefined, created], 'the second run starts after create-role');
		await ui.press('down');
		await ui.press('enter');
		await waitForText(ui, 'IAM role ARN:');
		assert.match(ui.frame(), /Tab fills in the role create-role made/);
		await ui.press('tab');
		await ui.press('enter');
		await waitFor(() => done.length === 1);
		assert.equal(done[0]!.iamAssumedRoleArn, created);
		await ui.dispose();
	});

	test('AWS\'s text wrapped at 40 columns starts every row flush (Ink\'s wrap put the space before “already” first)', async () => {
		const said = 'An error occurred (EntityAlreadyExists) when calling the CreateRole operation: Role with name atlas-export-acme-exports already exists.';
		const {services} = fakeServices({
			findAwsCli: async () => '/usr/local/bin/aws',
			async runAwsRoleSetup() {
				throw new AwsCliError('aws iam create-role --role-name atlas-export-acme-exports', said, 254);
			},
		});
		const {ui} = await start(services);
		await throughFiles(ui);
		await waitForText(ui, 'Run these 2 commands now');
		await resize(ui, 40);
		await ui.press('enter');
		await waitForText(ui, 'AWS said:');
		const rows = ui.frame().split('\n');
		const first = rows.findIndex(row => row.startsWith('An error occurred'));
		const shown = rows.slice(first, rows.findIndex(row => row.endsWith('already exists.')) + 1);
		assert.equal(shown.join(' ').replace(/ +/g, ' '), said);
		assert.deepEqual(shown.filter(row => row.startsWith(' ')), [], ui.frame());
		await ui.dispose();
	});

	test('a key without Project Owner: the create\'s 403 and the authorize\'s 401 USER_UNAUTHORIZED both name the role it needs', async () => {
		const refused = (status: number, errorCode: string, operation: 'createAwsRole' | 'authorizeAwsRole') => new AtlasError({kind: 'api', method: operation === 'createAwsRole' ? 'POST' : 'PATCH', path: `/api/atlas/v2/groups/${projectId}/cloudProviderAccess`, status, errorCode, operation});
		let creates = 0;
		const {services} = fakeServices({
			async createRole() {
				if (++creates === 1) throw refused(403, 'USER_CANNOT_ACCESS_GROUP', 'createAwsRole');
				return {...newRole};
			},
			async authorizeRole() {
				throw refused(401, 'USER_UNAUTHORIZED', 'authorizeAwsRole');
			},
		});
		const {ui} = await start(services);
		await waitForText(ui, 'Which S3 bucket');
		await ui.type('acme-exports\r');
		await waitForText(ui, 'Add an AWS IAM role');
		await ui.press('enter');
		await waitForText(ui, 'The role was not created.');
		assert.match(ui.frame().replace(/\s*\n\s*/g, ' '), /Creating or authorizing a cloud provider access role needs Project Owner\./);
		assert.match(ui.frame(), /❯ Try again/, 'Atlas answered: nothing was created, so it may be sent again');
		await ui.press('enter');
		await waitForText(ui, 'Write both documents to files');
		await ui.press('enter');
		await waitForText(ui, 'IAM role ARN:');
		await ui.type(`${arn}\r`);
		await waitForText(ui, 'The role is not authorized yet.');
		assert.match(ui.frame().replace(/\s*\n\s*/g, ' '), /needs Project Owner\. Give the API key that role on the project/);
		await ui.dispose();
	});

	test('a create whose outcome is unknown is not sent again: the roles are checked instead', async () => {
		const {services, calls} = fakeServices({
			async createRole() {
				calls.push({method: 'createRole', args: []});
				throw Object.assign(new Error('The connection was reset.'), {kind: 'network'});
			},
		});
		const {ui, left} = await start(services);
		await waitForText(ui, 'Which S3 bucket');
		await ui.type('acme-exports\r');
		await waitForText(ui, 'Add an AWS IAM role');
		await ui.press('enter');
		await waitForText(ui, 'The role was not created.');
		assert.match(ui.frame(), /outcome is unknown/);
		assert.doesNotMatch(ui.frame(), /Try again/);
		await ui.press('enter');
		assert.equal(left(), 1);
		assert.equal(calls.filter(call => call.method === 'createRole').length, 1);
		await ui.dispose();
	});
});
