import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {AwsCliError, findAwsCli, roleArnFromCreateRole, runAwsRoleSetup} from '../../source/roles/aws-cli.js';
import {writePolicyFiles} from '../../source/roles/policy-files.js';
import {planRoleSetup} from '../../source/roles/setup-plan.js';
import {fakeAws, type FakeAws} from '../support/fake-aws.js';

const role = {roleId: '6650b2e3d4f5a6b7c8d9e0f3', atlasAWSAccountArn: 'arn:aws:iam::536727724300:root', atlasAssumedRoleExternalId: 'c4d5e6f7-a8b9-4c0d-8e1f-2a3b4c5d6e7f'};

let work: string;
const fakes: FakeAws[] = [];
before(async () => {
	work = await mkdtemp(path.join(tmpdir(), 'aws-cli-work-'));
});
after(async () => {
	await Promise.all(fakes.map(async fake => fake.remove()));
	await rm(work, {recursive: true, force: true});
});

/** A working directory with the policy files, and an aws of its own (its own roles and log). */
async function scenario(name: string) {
	const dir = path.join(work, name);
	await mkdir(dir);
	const aws = await fakeAws();
	fakes.push(aws);
	// Paths relative to the working directory, as `roles create` prints them.
	const plan = planRoleSetup(role, {bucketName: 'acme-atlas-snapshots'});
	await writePolicyFiles(plan.files.map(file => ({...file, path: path.join(dir, file.path)})));
	// The user's own pager and output format: the runner overrides both.
	const env = aws.env({AWS_PAGER: 'less', AWS_DEFAULT_OUTPUT: 'table'});
	return {dir, plan, env, aws, calls: aws.calls};
}

describe('runAwsRoleSetup with an aws on PATH', () => {
	test('runs create-role then put-role-policy, as argv, and reads the new role\'s ARN', async () => {
		const {dir, plan, env, calls} = await scenario('ok');
		const shown: string[] = [];
		const result = await runAwsRoleSetup(plan.commands, {env, cwd: dir, onCommand: line => shown.push(line)});
		assert.deepEqual(result, {roleArn: 'arn:aws:iam::123456789012:role/atlas-export-acme-atlas-snapshots'});
		assert.deepEqual(shown, plan.lines);
		assert.deepEqual((await calls()).map(call => call.args), plan.commands, 'exactly the planned argv, nothing added');
	});

	test('a path with spaces and quotes reaches aws as one argument (no shell)', async () => {
		const {dir, env} = await scenario('odd');
		const odd = path.join(dir, "my policies; $(touch pwned) 'x'");
		await mkdir(odd);
		const plan = planRoleSetup(role, {bucketName: 'acme-atlas-snapshots', dir: odd});
		await writePolicyFiles(plan.files);
		const result = await runAwsRoleSetup(plan.commands, {env, cwd: dir});
		assert.match(result.roleArn, /role\/atlas-export-acme-atlas-snapshots$/);
		await assert.rejects(readFile(path.join(dir, 'pwned')), {code: 'ENOENT'});
	});

	test('AWS\'s own error text when create-role fails, and put-role-policy is not run', async () => {
		const message = 'An error occurred (EntityAlreadyExists) when calling the CreateRole operation: Role with name atlas-export-acme-atlas-snapshots already exists.';
		const {dir, plan, env, aws, calls} = await scenario('exists');
		await aws.fail('create-role', `${message}\u001b[31m`);
		const error = await runAwsRoleSetup(plan.commands, {env, cwd: dir}).catch((caught: unknown) => caught);
		assert.ok(error instanceof AwsCliError);
		assert.equal(error.awsMessage, `${message}\\x1B[31m`, 'AWS\'s words, the escape made visible (terminal-safe.ts), so it cannot drive the terminal');
		assert.equal(error.command, plan.lines[0]);
		assert.equal(error.exitCode, 254);
		assert.equal(error.reason, 'role-exists', 'the name is taken: the wizard offers to use that role');
		assert.equal((await calls()).length, 1);
	});

	test('a failing put-role-policy is reported after a successful create-role', async () => {
		const message = 'An error occurred (NoSuchEntity) when calling the PutRolePolicy operation: The role with name atlas-export-acme-atlas-snapshots cannot be found.';
		const {dir, plan, env, aws} = await scenario('put-fails');
		await aws.fail('put-role-policy', message);
		const error = await runAwsRoleSetup(plan.commands, {env, cwd: dir}).catch((caught: unknown) => caught);
		assert.ok(error instanceof AwsCliError);
		assert.equal(error.command, plan.lines[1]);
		assert.equal(error.awsMessage, message);
		assert.equal(error.reason, undefined);
		assert.equal(error.roleArn, 'arn:aws:iam::123456789012:role/atlas-export-acme-atlas-snapshots', 'the role create-role made, to resume from');
	});

	test('a run after a failed put-role-policy resumes there: create-role is not sent again (IAM would refuse it)', async () => {
		const {dir, plan, env, aws, calls} = await scenario('resume');
		await aws.fail('put-role-policy', 'An error occurred (Throttling) when calling the PutRolePolicy operation: Rate exceeded');
		const error = await runAwsRoleSetup(plan.commands, {env, cwd: dir}).catch((caught: unknown) => caught);
		assert.ok(error instanceof AwsCliError && error.roleArn);
		await aws.clearFailure();
		// Starting over is what IAM refuses: the role exists now.
		const again = await runAwsRoleSetup(plan.commands, {env, cwd: dir}).catch((caught: unknown) => caught);
		assert.ok(again instanceof AwsCliError);
		assert.match(again.awsMessage, /EntityAlreadyExists/);
		const shown: string[] = [];
		const resumed = await runAwsRoleSetup(plan.commands, {env, cwd: dir, createdRoleArn: error.roleArn, onCommand: line => shown.push(line)});
		assert.deepEqual(resumed, {roleArn: error.roleArn});
		assert.deepEqual(shown, [plan.lines[1]]);
		assert.deepEqual((await calls()).map(call => call.args[1]), ['create-role', 'put-role-policy', 'create-role', 'put-role-policy']);
	});

	test('a policy file that is not JSON fails in aws as it would for real', async () => {
		const {dir, plan, env} = await scenario('bad-json');
		await writeFile(path.join(dir, plan.files[0]!.path), '{"Version": ');
		const error = await runAwsRoleSetup(plan.commands, {env, cwd: dir}).catch((caught: unknown) => caught);
		assert.ok(error instanceof AwsCliError);
		assert.match(error.awsMessage, /MalformedPolicyDocument.*invalid Json/);
	});

	test('a missing policy file: aws says it cannot load it', async () => {
		const {dir, plan, env} = await scenario('missing');
		const error = await runAwsRoleSetup(plan.commands, {env, cwd: path.join(dir, '..')}).catch((caught: unknown) => caught);
		assert.ok(error instanceof AwsCliError);
		assert.match(error.awsMessage, /Unable to load paramfile file:\/\/atlas-role-/);
		assert.equal(error.exitCode, 252);
	});

	test('no aws on PATH: an AwsCliError saying so, nothing run', async () => {
		const {plan} = await scenario('none');
		assert.equal(await findAwsCli({PATH: work}), undefined);
		const error = await runAwsRoleSetup(plan.commands, {env: {PATH: work}}).catch((caught: unknown) => caught);
		assert.ok(error instanceof AwsCliError);
		assert.match(error.awsMessage, /not on PATH/);
	});

	test('findAwsCli finds the executable on PATH', async () => {
		const {aws} = await scenario('find');
		assert.equal(await findAwsCli({PATH: `${work}${path.delimiter}${aws.dir}`}), path.join(aws.dir, 'aws'));
	});

	test('an abort stops the run with the caller\'s reason', async () => {
		const {dir, plan, env} = await scenario('abort');
		const controller = new AbortController();
		controller.abort(new Error('stopped by the user'));
		await assert.rejects(runAwsRoleSetup(plan.commands, {env, cwd: dir, signal: controller.signal}), /stopped by the user/);
	});
});

describe('roleArnFromCreateRole', () => {
	test('Role.Arn of the documented output', () => {
		assert.equal(roleArnFromCreateRole('{"Role": {"Arn": "arn:aws:iam::123456789012:role/x", "RoleName": "x"}}'), 'arn:aws:iam::123456789012:role/x');
	});
	test('undefined for anything else', () => {
		for (const text of ['', 'Role x created', '{"Role": {}}', '{"Role": {"Arn": "arn:aws:iam::123456789012:user/x"}}', 'null']) assert.equal(roleArnFromCreateRole(text), undefined);
	});
});
