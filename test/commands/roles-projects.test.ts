import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {DEMO_AWS_ROLE_ARNS, DEMO_EXPORT_BUCKET_ID, DEMO_PROJECTS, DEMO_ROLE_IDS} from '../../source/simulator/index.js';
import {runInProcess, selfLinks, simEnv, simulator, tempDir} from './helpers.js';

describe('roles', () => {
	test('too wide for 80 columns: one aligned key/value block per role, nothing cut', async t => {
		const sim = await simulator(t);
		const run = await runInProcess(['roles', '--project-id', DEMO_PROJECTS.production.id], {env: simEnv(sim, tempDir(t))});
		assert.equal(run.code, 0, run.stderr);
		const blocks = run.stdout.trimEnd().split('\n\n').map(block => block.split('\n'));
		assert.equal(blocks.length, 4, run.stdout);
		assert.deepEqual(blocks[3], [
			`Role ${DEMO_ROLE_IDS.productionUnauthorized} (unauthorized): its AWS role must trust`,
			'Atlas AWS account: arn:aws:iam::536727724300:root',
			'External id:       c4d5e6f7-a8b9-4c0d-8e1f-2a3b4c5d6e7f',
			`atlas-export-bucket roles policy --project-id ${DEMO_PROJECTS.production.id} --role-id ${DEMO_ROLE_IDS.productionUnauthorized} --bucket <name> --out .`,
		], 'an unauthorized role shows what its trust policy needs');
		assert.ok(blocks.slice(0, 3).flat().every(line => line.length <= 80), run.stdout);
		const exporting = blocks.find(block => block.some(line => line.includes(DEMO_ROLE_IDS.productionExport)))!;
		assert.deepEqual(exporting, [
			'Status           authorized',
			`Role ID          ${DEMO_ROLE_IDS.productionExport}`,
			`IAM role ARN     ${DEMO_AWS_ROLE_ARNS.snapshotExport}`,
			'Used for export  yes (1)',
		]);
		assert.match(run.stderr, /Unauthorized roles cannot be used/);
	});

	test('a terminal wide enough: the table with status, id, ARN and export use', async t => {
		const sim = await simulator(t);
		const run = await runInProcess(['roles', '--project-id', DEMO_PROJECTS.production.id], {env: simEnv(sim, tempDir(t)), tty: true, columns: 120});
		assert.equal(run.code, 0, run.stderr);
		const lines = run.stdout.trimEnd().split('\n');
		assert.match(lines[0]!, /^STATUS {2,}ROLE ID {2,}IAM ROLE ARN {2,}USED FOR EXPORT$/);
		const line = (roleId: string) => lines.find(item => item.includes(roleId)) ?? '';
		assert.match(line(DEMO_ROLE_IDS.productionExport), new RegExp(`^authorized {2,}${DEMO_ROLE_IDS.productionExport} {2,}${DEMO_AWS_ROLE_ARNS.snapshotExport.replaceAll('/', '\\/')} {2,}yes`));
		assert.match(line(DEMO_ROLE_IDS.productionArchive), / {2,}no$/);
		assert.match(line(DEMO_ROLE_IDS.productionUnauthorized), new RegExp(`^unauthorized {2,}${DEMO_ROLE_IDS.productionUnauthorized} {2,}- {2,}no$`));
		assert.match(run.stderr, /Unauthorized roles cannot be used/);
	});

	for (const apiVersion of ['v2', 'v1.0'] as const) {
		test(`--json prints the cloud provider access object as Atlas sent it (${apiVersion})`, async t => {
			const sim = await simulator(t);
			const run = await runInProcess(['roles', '--project-id', DEMO_PROJECTS.production.id, '--api-version', apiVersion, '--json'], {env: simEnv(sim, tempDir(t))});
			assert.equal(run.code, 0, run.stderr);
			assert.equal(run.stderr, '');
			const access = JSON.parse(run.stdout) as {awsIamRoles: Array<Record<string, unknown>>; [key: string]: unknown};
			// Every key Atlas sent, the Azure and GCP lists included (the client models only AWS).
			assert.deepEqual(Object.keys(access).sort(), ['awsIamRoles', 'azureServicePrincipals', 'gcpServiceAccounts']);
			assert.equal(access.awsIamRoles.length, 3);
			const exporting = access.awsIamRoles.find(role => role.roleId === DEMO_ROLE_IDS.productionExport)!;
			assert.equal(exporting.providerName, 'AWS');
			assert.equal(exporting.iamAssumedRoleArn, DEMO_AWS_ROLE_ARNS.snapshotExport);
			assert.deepEqual(exporting.featureUsages, [{featureType: 'EXPORT_SNAPSHOT', featureId: {exportBucketId: DEMO_EXPORT_BUCKET_ID, groupId: DEMO_PROJECTS.production.id}}]);
			const unauthorized = access.awsIamRoles.find(role => role.roleId === DEMO_ROLE_IDS.productionUnauthorized)!;
			assert.equal(unauthorized.iamAssumedRoleArn, null, 'as recorded: explicit null until authorized');
		});
	}

	test('a project without roles explains what is needed', async t => {
		const sim = await simulator(t);
		const run = await runInProcess(['roles'], {env: simEnv(sim, tempDir(t), {MONGODB_ATLAS_PROJECT_ID: DEMO_PROJECTS.sandbox.id})});
		assert.equal(run.code, 0, run.stderr);
		assert.match(run.stdout, /No AWS IAM roles/);
		assert.match(run.stderr, /authorize/);
	});
});

describe('projects', () => {
	test('lists every project in a table', async t => {
		const sim = await simulator(t);
		const run = await runInProcess(['projects'], {env: simEnv(sim, tempDir(t))});
		assert.equal(run.code, 0, run.stderr);
		const lines = run.stdout.trimEnd().split('\n');
		assert.match(lines[0]!, /^ID {2,}NAME {2,}ORG ID {2,}CLUSTERS$/);
		for (const project of Object.values(DEMO_PROJECTS)) {
			assert.ok(lines.some(line => line.startsWith(`${project.id}  `) && line.includes(project.name)), run.stdout);
		}
	});

	for (const apiVersion of ['v2', 'v1.0'] as const) {
		test(`--json prints the results array as Atlas sent it, links included (${apiVersion})`, async t => {
			const sim = await simulator(t);
			const run = await runInProcess(['projects', '--api-version', apiVersion, '--json'], {env: simEnv(sim, tempDir(t))});
			assert.equal(run.code, 0, run.stderr);
			const projects = JSON.parse(run.stdout) as Array<{id: string; links: unknown}>;
			assert.deepEqual(projects.map(project => project.id).sort(), Object.values(DEMO_PROJECTS).map(project => project.id).sort());
			for (const project of projects) assert.deepEqual(project.links, selfLinks(sim, apiVersion, `/groups/${project.id}`));
		});
	}

	test('no keys anywhere: exit 2 saying how to give them, nothing sent', async t => {
		const sim = await simulator(t);
		const run = await runInProcess(['projects'], {env: {ATLAS_EXPORT_BUCKET_CONFIG_DIR: tempDir(t), MONGODB_ATLAS_OPS_MANAGER_URL: sim.baseUrl}});
		assert.equal(run.code, 2);
		assert.match(run.stderr, /MONGODB_ATLAS_PUBLIC_API_KEY/);
		assert.equal(sim.log.length, 0);
	});
});
