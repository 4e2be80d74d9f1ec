// roles create / policy / authorize against the simulator over loopback, and the whole set-up with
// commands only: roles create -> (the AWS side) -> roles authorize -> create.
import assert from 'node:assert/strict';
import {readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {describe, test} from 'node:test';
import {DEMO_AWS_ROLE_ARNS, DEMO_PROJECTS, DEMO_ROLE_IDS} from '../../source/simulator/index.js';
import {runInProcess, simEnv, simulator, tempDir} from './helpers.js';

const sandbox = DEMO_PROJECTS.sandbox.id;
const production = DEMO_PROJECTS.production.id;
const ACCOUNT = 'arn:aws:iam::536727724300:root';

function posts(sim: Awaited<ReturnType<typeof simulator>>, suffix: string) {
	return sim.log.filter(entry => entry.authenticated && entry.method !== 'GET' && entry.path.endsWith(suffix));
}

describe('roles create', () => {
	test('creates the Atlas side and prints ids, both documents and the two aws commands, each on one line', async t => {
		const sim = await simulator(t);
		const run = await runInProcess(['roles', 'create', '--project-id', sandbox, '--bucket', 'acme-atlas-snapshots'], {env: simEnv(sim, tempDir(t)), columns: 40});
		assert.equal(run.code, 0, run.stderr);
		const roleId = /Atlas role id: +([a-f\d]{24})/.exec(run.stdout)?.[1];
		assert.ok(roleId, run.stdout);
		const externalId = /External id: +(\S+)/.exec(run.stdout)?.[1];
		assert.match(run.stdout, new RegExp(`Atlas AWS account: +${ACCOUNT}`));
		assert.match(run.stdout, new RegExp(`"sts:ExternalId": "${externalId}"`));
		assert.match(run.stdout, /"Resource": "arn:aws:s3:::acme-atlas-snapshots\/\*"/);
		assert.match(run.stdout, /kms:GenerateDataKey/);
		const lines = run.stdout.split('\n');
		assert.ok(lines.includes(`aws iam create-role --role-name atlas-export-acme-atlas-snapshots --assume-role-policy-document file://atlas-role-${roleId}-trust-policy.json`), run.stdout);
		assert.ok(lines.includes('aws iam put-role-policy --role-name atlas-export-acme-atlas-snapshots --policy-name atlas-export-acme-atlas-snapshots --policy-document file://atlas-export-acme-atlas-snapshots-policy.json'));
		assert.ok(lines.some(line => line.startsWith(`atlas-export-bucket roles authorize --project-id ${sandbox} --role-id ${roleId} --iam-role-arn `)));
		assert.match(run.stderr, /Created Atlas role .* \(not authorized yet\)/);
		assert.equal(posts(sim, '/cloudProviderAccess').length, 1);
	});

	test('--json: the role as Atlas sent it, the trust policy, and the permission policy only with --bucket', async t => {
		const sim = await simulator(t);
		const withBucket = await runInProcess(['roles', 'create', '--projectId', sandbox, '--bucket', 'acme-atlas-snapshots', '--json'], {env: simEnv(sim, tempDir(t))});
		assert.equal(withBucket.code, 0, withBucket.stderr);
		const parsed = JSON.parse(withBucket.stdout);
		assert.deepEqual(Object.keys(parsed), ['role', 'trustPolicy', 'permissionPolicy']);
		assert.equal(parsed.role.iamAssumedRoleArn, null, 'as Atlas sent it: explicit nulls');
		assert.equal(parsed.role.authorizedDate, null);
		assert.equal(parsed.trustPolicy.Statement[0].Condition.StringEquals['sts:ExternalId'], parsed.role.atlasAssumedRoleExternalId);
		assert.equal(parsed.permissionPolicy.Statement[0].Resource, 'arn:aws:s3:::acme-atlas-snapshots');
		const without = await runInProcess(['roles', 'create', '--project-id', sandbox, '--json'], {env: simEnv(sim, tempDir(t))});
		assert.deepEqual(Object.keys(JSON.parse(without.stdout)), ['role', 'trustPolicy']);
	});

	test('--out writes both documents; an existing file stops it before anything is sent (no terminal)', async t => {
		const sim = await simulator(t);
		const dir = tempDir(t);
		const run = await runInProcess(['roles', 'create', '--project-id', sandbox, '--bucket', 'acme-atlas-snapshots', '--out', dir, '--json'], {env: simEnv(sim, tempDir(t))});
		assert.equal(run.code, 0, run.stderr);
		const {role, trustPolicy, permissionPolicy} = JSON.parse(run.stdout);
		assert.deepEqual(JSON.parse(await readFile(path.join(dir, `atlas-role-${role.roleId}-trust-policy.json`), 'utf8')), trustPolicy);
		assert.deepEqual(JSON.parse(await readFile(path.join(dir, 'atlas-export-acme-atlas-snapshots-policy.json'), 'utf8')), permissionPolicy);
		await writeFile(path.join(dir, 'atlas-export-acme-atlas-snapshots-policy.json'), 'mine');
		const again = await runInProcess(['roles', 'create', '--project-id', sandbox, '--bucket', 'acme-atlas-snapshots', '--out', dir], {env: simEnv(sim, tempDir(t))});
		assert.equal(again.code, 2);
		assert.match(again.stderr, /already exists; nothing was written or sent/);
		assert.equal(await readFile(path.join(dir, 'atlas-export-acme-atlas-snapshots-policy.json'), 'utf8'), 'mine');
		assert.equal(posts(sim, '/cloudProviderAccess').length, 1);
	});

	test('a bad bucket name is refused before anything is sent (exit 2, with the suggestion)', async t => {
		const sim = await simulator(t);
		const run = await runInProcess(['roles', 'create', '--project-id', sandbox, '--bucket', 's3://acme-atlas-snapshots'], {env: simEnv(sim, tempDir(t))});
		assert.equal(run.code, 2);
		assert.match(run.stderr, /Did you mean 'acme-atlas-snapshots'/);
		assert.equal(sim.log.length, 0);
	});
});

describe('roles policy', () => {
	test('an existing role\'s documents with its own external id; nothing changes in Atlas', async t => {
		const sim = await simulator(t);
		const run = await runInProcess(['roles', 'policy', '--project-id', production, '--role-id', DEMO_ROLE_IDS.productionUnauthorized, '--bucket', 'acme-atlas-snapshots', '--json'], {env: simEnv(sim, tempDir(t))});
		assert.equal(run.code, 0, run.stderr);
		const parsed = JSON.parse(run.stdout);
		assert.equal(parsed.role.roleId, DEMO_ROLE_IDS.productionUnauthorized);
		assert.equal(parsed.trustPolicy.Statement[0].Condition.StringEquals['sts:ExternalId'], 'c4d5e6f7-a8b9-4c0d-8e1f-2a3b4c5d6e7f');
		assert.equal(parsed.trustPolicy.Statement[0].Principal.AWS, ACCOUNT);
		assert.ok(sim.log.every(entry => entry.method === 'GET'));
	});

	test('an unknown role: exit 1 naming it; a missing --bucket: exit 2', async t => {
		const sim = await simulator(t);
		const unknown = await runInProcess(['roles', 'policy', '--project-id', sandbox, '--role-id', DEMO_ROLE_IDS.productionUnauthorized, '--bucket', 'acme-atlas-snapshots'], {env: simEnv(sim, tempDir(t))});
		assert.equal(unknown.code, 1);
		assert.match(unknown.stderr, /no AWS IAM role 6650b2e3d4f5a6b7c8d9e0f3 in project/);
		const missing = await runInProcess(['roles', 'policy', '--project-id', sandbox, '--role-id', DEMO_ROLE_IDS.productionUnauthorized], {env: simEnv(sim, tempDir(t))});
		assert.equal(missing.code, 2);
		assert.match(missing.stderr, /Missing --bucket/);
	});
});

describe('roles authorize', () => {
	test('an ARN that is not a role ARN: exit 2, explained, nothing sent', async t => {
		const sim = await simulator(t);
		const run = await runInProcess(['roles', 'authorize', '--project-id', production, '--role-id', DEMO_ROLE_IDS.productionUnauthorized, '--iam-role-arn', 'arn:aws:iam::123456789012:instance-profile/atlas-export-wizard'], {env: simEnv(sim, tempDir(t))});
		assert.equal(run.code, 2);
		assert.match(run.stderr, /instance profile ARN/);
		assert.match(run.stderr, /Did you mean 'arn:aws:iam::123456789012:role\/atlas-export-wizard'/);
		assert.equal(sim.log.length, 0);
	});

	test('a role that does not trust Atlas: exit 1, the hint names the principal and this role\'s external id', async t => {
		const sim = await simulator(t);
		const run = await runInProcess(['roles', 'authorize', '--project-id', production, '--role-id', DEMO_ROLE_IDS.productionUnauthorized, '--iamAssumedRoleArn', DEMO_AWS_ROLE_ARNS.snapshotExport], {env: simEnv(sim, tempDir(t))});
		assert.equal(run.code, 1);
		assert.match(run.stderr, new RegExp(`could not assume the AWS IAM role ${DEMO_AWS_ROLE_ARNS.snapshotExport.replaceAll('/', '\\/')}`));
		assert.match(run.stderr, /Principal AWS = arn:aws:iam::536727724300:root, action sts:AssumeRole, condition sts:ExternalId = c4d5e6f7-a8b9-4c0d-8e1f-2a3b4c5d6e7f/);
	});

	test('--wait-for-iam retries while IAM propagates, printing each attempt', async t => {
		const sim = await simulator(t);
		sim.controls.holdIamPropagation({releaseAfterRefusals: 1, stages: ['authorize']});
		const run = await runInProcess(['roles', 'authorize', '--project-id', production, '--role-id', DEMO_ROLE_IDS.productionUnauthorized, '--iam-role-arn', DEMO_AWS_ROLE_ARNS.wizardNew, '--wait-for-iam', '30'], {env: simEnv(sim, tempDir(t))});
		assert.equal(run.code, 0, run.stderr);
		assert.match(run.stderr, /attempt 1/);
		assert.match(run.stdout, new RegExp(`Role ${DEMO_ROLE_IDS.productionUnauthorized} authorized as ${DEMO_AWS_ROLE_ARNS.wizardNew.replaceAll('/', '\\/')}\\.`));
		assert.deepEqual(posts(sim, `/cloudProviderAccess/${DEMO_ROLE_IDS.productionUnauthorized}`).map(entry => entry.status), [400, 200]);
	});
});

test('with commands only: roles create -> roles authorize -> create registers the bucket', async t => {
	const sim = await simulator(t);
	const env = simEnv(sim, tempDir(t));
	const created = await runInProcess(['roles', 'create', '--project-id', sandbox, '--bucket', 'acme-atlas-snapshots', '--json'], {env});
	assert.equal(created.code, 0, created.stderr);
	const roleId = JSON.parse(created.stdout).role.roleId as string;
	const authorized = await runInProcess(['roles', 'authorize', '--project-id', sandbox, '--role-id', roleId, '--iam-role-arn', DEMO_AWS_ROLE_ARNS.wizardNew], {env});
	assert.equal(authorized.code, 0, authorized.stderr);
	const registered = await runInProcess(['create', '--project-id', sandbox, '--iam-role-id', roleId, '--bucket', 'acme-atlas-snapshots', '--yes'], {env});
	assert.equal(registered.code, 0, registered.stderr);
	assert.match(registered.stdout, /Export destination created using 'acme-atlas-snapshots'\./);
});
