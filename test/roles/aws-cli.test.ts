import {after, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {AwsCliError, findAwsCli, roleArnFromCreateRole, runAwsRoleSetup} from '../../source/roles/aws-cli.js';
import {writePolicyFiles} from '../../source/roles/policy-files.js';
import {planRoleSetup} from '../../source/roles/setup-plan.js';
import {fakeAwsDir} from './fake-aws.js';

const role = {roleId: '6650b2e3d4f5a6b7c8d9e0f3', atlasAWSAccountArn: 'arn:aws:iam::536727724300:root', atlasAssumedRoleExternalId: 'c4d5e6f7-a8b9-4c0d-8e1f-2a3b4c5d6e7f'};

let awsDir: string;
let work: string;
before(async () => {
	awsDir = await fakeAwsDir();
	work = await mkdtemp(path.join(tmpdir(), 'aws-cli-work-'));
});
after(async () => {
	await rm(awsDir, {recursive: true, force: true});
	await rm(work, {recursive: true, force: true});
});

async function scenario(name: string, extraEnv: Record<string, string> = {}) {
	const dir = path.join(work, name);
	const {mkdir} = await import('node:fs/promises');
	await mkdir(dir);
	const logFile = path.join(dir, 'aws.log');
	// Paths relative to the working directory, as `roles create` prints them.
	const plan = planRoleSetup(role, {bucketName: 'acme-atlas-snapshots'});
	await writePolicyFiles(plan.files.map(file => ({...file, path: path.join(dir, file.path)})));
	const env = {PATH: `${awsDir}${path.delimiter}${process.env.PATH}`, FAKE_AWS_LOG: logFile, AWS_PAGER: 'less', AWS_DEFAULT_OUTPUT: 'table', ...extraEnv};
	const calls = async () => (await readFile(logFile, 'utf8').catch(() => '')).trim().split('\n').filter(Boolean).map(line => JSON.parse(line) as {args: string[]; cwd: string});
	return {dir, plan, env, calls};
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
		const {mkdir} = await import('node:fs/promises');
		await mkdir(odd);
		const plan = planRoleSetup(role, {bucketName: 'acme-atlas-snapshots', dir: odd});
		await writePolicyFiles(plan.files);
		const result = await runAwsRoleSetup(plan.commands, {env, cwd: dir});
		assert.match(result.roleArn, /role\/atlas-export-acme-atlas-snapshots$/);
		await assert.rejects(readFile(path.join(dir, 'pwned')), {code: 'ENOENT'});
	});

	test('AWS\'s own error text when create-role fails, and put-role-policy is not run', async () => {
		const message = 'An error occurred (EntityAlreadyExists) when calling the CreateRole operation: Role with name atlas-export-acme-atlas-snapshots already exists.';
		const {dir, plan, env, calls} = await scenario('exists', {FAKE_AWS_FAIL: `create-role:${message}\u001b[31m`});
		const error = await runAwsRoleSetup(plan.commands, {env, cwd: dir}).catch((caught: unknown) => caught);
		assert.ok(error instanceof AwsCliError);
		assert.equal(error.awsMessage, `${message}\\x1B[31m`, 'AWS\'s words, the escape made visible (terminal-safe.ts), so it cannot drive the terminal');
		assert.equal(error.command, plan.lines[0]);
		assert.equal(error.exitCode, 254);
		assert.equal((await calls()).length, 1);
	});

	test('a failing put-role-policy is reported after a successful create-role', async () => {
		const message = 'An error occurred (NoSuchEntity) when calling the PutRolePolicy operation: The role with name atlas-export-acme-atlas-snapshots cannot be found.';
		const {dir, plan, env} = await scenario('put-fails', {FAKE_AWS_FAIL: `put-role-policy:${message}`});
		const error = await runAwsRoleSetup(plan.commands, {env, cwd: dir}).catch((caught: unknown) => caught);
		assert.ok(error instanceof AwsCliError);
		assert.equal(error.command, plan.lines[1]);
		assert.equal(error.awsMessage, message);
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
		assert.equal(await findAwsCli({PATH: `${work}${path.delimiter}${awsDir}`}), path.join(awsDir, 'aws'));
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
