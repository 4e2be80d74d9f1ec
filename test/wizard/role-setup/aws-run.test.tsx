// The role set-up's "run the aws commands" path in the whole wizard (not --demo), against the
// simulator over real HTTP with a stand-in `aws` on PATH (test/support/fake-aws.ts) that reads the
// policy files the wizard wrote, as the AWS CLI does. The IAM role it creates is then put into the
// simulator's AWS with the trust policy aws was given (so a wrong document would fail authorize),
// and IAM propagation is held and released through the simulator's controls: no sleeps.
import {test, describe, afterEach, beforeEach} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {createAtlasClient} from '../../../source/atlas/client.js';
import {DEMO_KEYS, DEMO_PROJECTS, startSimulator, type Simulator} from '../../../source/simulator/index.js';
import {fakeAws, FAKE_AWS_ACCOUNT, type FakeAws, type FakeAwsCall} from '../../support/fake-aws.js';
import {waitFor, waitForText} from '../helpers.js';
import {startSession, toSandboxGoAhead, typeSlowly, type Session} from '../simulator-session.js';

const bucket = 'acme-atlas-snapshots';
const iamRoleName = `atlas-export-${bucket}`;
const iamRoleArn = `arn:aws:iam::${FAKE_AWS_ACCOUNT}:role/${iamRoleName}`;

let simulator: Simulator;
let aws: FakeAws;
let profilesDir: string;
let cwd: string;

beforeEach(async () => {
	simulator = await startSimulator({seed: undefined});
	aws = await fakeAws();
	profilesDir = mkdtempSync(path.join(tmpdir(), 'wizard-profiles-'));
	cwd = mkdtempSync(path.join(tmpdir(), 'wizard-policies-'));
});

afterEach(async () => {
	await simulator.close();
	await aws.remove();
	rmSync(profilesDir, {recursive: true, force: true});
	rmSync(cwd, {recursive: true, force: true});
});

/** The Atlas role the set-up created in Demo Sandbox (the only one there). */
async function createdRole() {
	const {awsIamRoles} = await createAtlasClient({baseUrl: simulator.baseUrl, keys: DEMO_KEYS}).listCloudProviderAccess(DEMO_PROJECTS.sandbox.id);
	assert.equal(awsIamRoles.length, 1, 'one create');
	return awsIamRoles[0]!;
}

/** Authorize requests as the simulator answered them. */
function authorizes() {
	return simulator.log.filter(entry => entry.method === 'PATCH' && entry.path.includes('/cloudProviderAccess/') && entry.authenticated);
}

type Statement = {Principal?: {AWS: string}; Condition?: {StringEquals: Record<string, string>}; Resource?: string};

/**
 * Puts the IAM role aws created into the simulator's AWS, with the trust policy and the buckets of
 * the documents aws read: the wizard's files decide whether Atlas can assume it.
 */
function registerCreatedRole(calls: FakeAwsCall[]) {
	const created = calls.find(call => call.args[1] === 'create-role' && call.document)!;
	const permission = calls.find(call => call.args[1] === 'put-role-policy' && call.document)!;
	const [trust] = (created.document as {Statement: Statement[]}).Statement;
	const writable = (permission.document as {Statement: Statement[]}).Statement.map(statement => /^arn:aws:s3:::([^/]+)$/.exec(statement.Resource ?? '')?.[1]).filter((name): name is string => name !== undefined);
	simulator.controls.registerAwsRole({arn: iamRoleArn, trust: {principal: trust!.Principal!.AWS, externalId: trust!.Condition!.StringEquals['sts:ExternalId']!}}, {writableBuckets: writable});
}

/** Demo Sandbox (no roles) → Set up a new role → bucket → create → policy files → the aws offer. */
async function toAwsOffer(): Promise<Session> {
	const ui = await startSession({simulator, profilesDir, cwd, env: aws.env()});
	await toSandboxGoAhead(ui, bucket);
	await ui.press('enter');
	await waitForText(ui, 'Write both documents to files');
	await ui.press('enter');
	await waitForText(ui, '❯ Run them now');
	return ui;
}

/** From the authorize that succeeded to "Export bucket registered.", the set-up's bucket carried on. */
async function registerBucket(ui: Session, roleId: string) {
	await waitForText(ui, 'Which S3 bucket should receive the snapshots?');
	assert.match(ui.frame(), new RegExp(`Bucket: ${bucket}`), 'the set-up\'s bucket is carried on');
	assert.match(ui.frame(), new RegExp(`✔ Role\\s+${iamRoleName} · ${roleId}`));
	await waitForText(ui, `✔ ${bucket}`);
	await ui.press('enter');
	await waitForText(ui, '❯ Create');
	await ui.press('enter');
	await waitForText(ui, '✔ Export bucket registered.');
}

describe('role set-up with the aws CLI on PATH (whole wizard, simulator)', () => {
	test('shows the two commands, asks, runs them, reads the ARN from create-role, authorizes through the IAM wait, registers', async () => {
		const ui = await toAwsOffer();
		const role = await createdRole();
		const trustFile = path.join(cwd, `atlas-role-${role.roleId}-trust-policy.json`);
		const policyFile = path.join(cwd, `atlas-export-${bucket}-policy.json`);
		const createLine = `aws iam create-role --role-name ${iamRoleName} --assume-role-policy-document file://${trustFile}`;
		const putLine = `aws iam put-role-policy --role-name ${iamRoleName} --policy-name ${iamRoleName} --policy-document file://${policyFile}`;
		assert.ok(ui.allFrames().includes(createLine), 'create-role is shown whole');
		assert.ok(ui.allFrames().includes(putLine), 'put-role-policy is shown whole');
		assert.match(ui.frame(), new RegExp(`The aws CLI is at ${path.join(aws.dir, 'aws').replaceAll('/', '\\/')}\\. Run these 2 commands now`));
		assert.deepEqual(await aws.calls(), [], 'nothing runs before the user says so');

		// Authorize meets an IAM that has not propagated: held until the test releases it.
		simulator.controls.holdIamPropagation({stages: ['authorize']});
		await ui.press('enter');
		await waitForText(ui, '✗ attempt 1 at');
		const calls = await aws.calls();
		assert.deepEqual(calls.map(call => call.args), [
			['iam', 'create-role', '--role-name', iamRoleName, '--assume-role-policy-document', `file://${trustFile}`],
			['iam', 'put-role-policy', '--role-name', iamRoleName, '--policy-name', iamRoleName, '--policy-document', `file://${policyFile}`],
		]);
		assert.ok(calls.every(call => call.pager === '' && call.output === 'json'));
		assert.ok(authorizes().length > 0);
		for (const entry of authorizes()) assert.deepEqual(JSON.parse(entry.body!), {providerName: 'AWS', iamAssumedRoleArn: iamRoleArn}, 'the ARN from create-role\'s output');

		registerCreatedRole(calls);
		// With the role's trust in place, Atlas is still refused while IAM propagates.
		const before = authorizes().length;
		await waitFor(() => authorizes().length > before, {what: 'an attempt after the role exists'});
		assert.equal(authorizes().at(-1)!.errorCode, 'CANNOT_ASSUME_ROLE');
		assert.doesNotMatch(ui.frame(), /Which S3 bucket should receive/);
		simulator.controls.releaseIamPropagation();
		await registerBucket(ui, role.roleId);
		assert.equal((await createdRole()).iamAssumedRoleArn, iamRoleArn);
		await ui.dispose();
	});

	test('put-role-policy fails: AWS\'s text shown terminal-safe; a new run starts after create-role; then authorized and registered', async () => {
		const refusal = 'An error occurred (AccessDenied) when calling the PutRolePolicy operation: User: arn:aws:iam::123456789012:user/dev is not authorized to perform: iam:PutRolePolicy';
		await aws.fail('put-role-policy', `${refusal}\u001B]0;owned\u0007`);
		const ui = await toAwsOffer();
		const role = await createdRole();
		await ui.press('enter');
		await waitForText(ui, '✖ aws iam put-role-policy failed. AWS said:');
		const flat = () => ui.frame().replace(/\s*\n\s*/g, ' ');
		assert.ok(flat().includes(`${refusal}\\x1B]0;owned\\x07`), 'AWS\'s own words, the escape sequence made visible');
		assert.ok(!ui.allFrames().includes('\u001B]0;owned'), 'no frame carries the raw sequence');
		assert.ok(ui.frame().includes(iamRoleArn), 'the role create-role made is shown');
		assert.match(ui.frame(), /❯ Run the rest again/);
		assert.match(ui.frame(), /The policy files and the aws commands are printed in full above\./, 'AWS\'s text gets their room');
		assert.match(ui.frame(), /Enter to choose · Esc to go back/);
		assert.match(ui.frame(), /Paste the role ARN instead/);

		// Still refused: shown again, and create-role is never sent twice (IAM would answer EntityAlreadyExists).
		await ui.press('enter');
		assert.doesNotMatch(ui.frame(), /AWS said:/, 'the run is under way');
		await waitForText(ui, '✖ aws iam put-role-policy failed. AWS said:');
		assert.deepEqual((await aws.calls()).map(call => call.args[1]), ['create-role', 'put-role-policy', 'put-role-policy']);
		await aws.clearFailure();
		registerCreatedRole(await aws.calls());
		await ui.press('enter');
		await registerBucket(ui, role.roleId);
		assert.deepEqual((await aws.calls()).map(call => call.args[1]), ['create-role', 'put-role-policy', 'put-role-policy', 'put-role-policy']);
		assert.deepEqual(authorizes().map(entry => JSON.parse(entry.body!) as unknown), [{providerName: 'AWS', iamAssumedRoleArn: iamRoleArn}]);
		await ui.dispose();
	});

	test('create-role fails: AWS\'s text shown, and the ARN can be pasted instead', async () => {
		const refusal = 'An error occurred (EntityAlreadyExists) when calling the CreateRole operation: Role with name atlas-export-acme-atlas-snapshots already exists.';
		await aws.fail('create-role', refusal);
		const ui = await toAwsOffer();
		const role = await createdRole();
		await ui.press('enter');
		await waitForText(ui, '✖ aws iam create-role failed. AWS said:');
		assert.ok(ui.frame().replace(/\s*\n\s*/g, ' ').includes(refusal));
		// The role an earlier set-up left can be used: its trust re-pointed with the file shown, then its ARN pasted.
		const trustFile = path.join(cwd, `atlas-role-${role.roleId}-trust-policy.json`);
		const updateLine = `aws iam update-assume-role-policy --role-name ${iamRoleName} --policy-document file://${trustFile}`;
		assert.ok(ui.allFrames().split('\n').includes(updateLine), 'the update command printed as one whole line');
		assert.ok(ui.frame().replace(/\s*\n\s*/g, ' ').includes(`→ To use that role: update its trust policy with ${path.basename(trustFile)} (this Atlas role's principal and external id) by running this command, then paste the role's ARN:`));
		assert.match(ui.frame(), /❯ Paste that role's ARN \(after updating its trust policy\)\n {2}Run them again/);
		assert.deepEqual((await aws.calls()).map(call => call.args[1]), ['create-role'], 'nothing after the failed command, nothing run for the hint');
		await ui.press('enter');
		await waitForText(ui, 'IAM role ARN:');
		// The user fixed the existing role's trust in AWS by hand.
		simulator.controls.registerAwsRole({arn: iamRoleArn, trust: {principal: role.atlasAWSAccountArn!, externalId: role.atlasAssumedRoleExternalId!}}, {writableBuckets: [bucket]});
		await typeSlowly(ui, iamRoleArn);
		await ui.press('enter');
		await registerBucket(ui, role.roleId);
		await ui.dispose();
	});
});
