import assert from 'node:assert/strict';
import {PassThrough} from 'node:stream';
import {describe, test} from 'node:test';
import {DEMO_EXPORT_BUCKET_ID, DEMO_PROJECTS, DEMO_READONLY_BUCKET, DEMO_ROLE_IDS} from '../../source/simulator/index.js';
import {runInProcess, simEnv, simulator, tempDir} from './helpers.js';

const project = DEMO_PROJECTS.production.id;
const role = DEMO_ROLE_IDS.productionExport;

function creates(sim: {log: Array<{method: string; path: string; status: number}>}) {
	return sim.log.filter(entry => entry.method === 'POST' && entry.path.endsWith('/backup/exportBuckets') && entry.status !== 401);
}

describe('create', () => {
	test('registers the bucket and says so in one sentence', async t => {
		const sim = await simulator(t);
		const run = await runInProcess(['create', '--project-id', project, '--iam-role-id', role, '--bucket', 'acme-atlas-snapshots-eu', '--yes'], {env: simEnv(sim, tempDir(t))});
		assert.equal(run.code, 0, run.stderr);
		assert.match(run.stdout, /^Export destination created using 'acme-atlas-snapshots-eu'\.\nExport bucket id: [a-f\d]{24}\n$/);
		assert.equal(creates(sim).length, 1);
		const body = JSON.parse(sim.log.find(entry => entry.method === 'POST' && entry.status === 200)?.body ?? '{}') as Record<string, unknown>;
		assert.deepEqual(body, {bucketName: 'acme-atlas-snapshots-eu', cloudProvider: 'AWS', iamRoleId: role});
	});

	for (const apiVersion of ['v2', 'v1.0'] as const) {
		test(`--json prints exactly the created object as Atlas sent it (${apiVersion})`, async t => {
			const sim = await simulator(t);
			const env = simEnv(sim, tempDir(t));
			const privateNetworking = apiVersion === 'v2' ? ['--require-private-networking'] : [];
			const run = await runInProcess(['create', '--projectId', project, '--iamRoleId', role, '--bucket', 'acme-atlas-snapshots-eu', '--api-version', apiVersion, '--yes', '--json', ...privateNetworking], {env});
			assert.equal(run.code, 0, run.stderr);
			assert.equal(run.stderr, '');
			const bucket = JSON.parse(run.stdout) as Record<string, unknown>;
			assert.deepEqual(Object.keys(bucket).sort(), ['_id', 'bucketName', 'cloudProvider', 'iamRoleId', 'requirePrivateNetworking']);
			assert.match(String(bucket._id), /^[a-f\d]{24}$/);
			assert.equal(bucket.bucketName, 'acme-atlas-snapshots-eu');
			assert.equal(bucket.iamRoleId, role);
			assert.equal(bucket.requirePrivateNetworking, apiVersion === 'v2');
			// The same object Atlas answers when asked for it again, plus the region GET one adds.
			const described = await runInProcess(['describe', '--project-id', project, '--bucket-id', String(bucket._id), '--api-version', apiVersion, '--json'], {env});
			assert.deepEqual(JSON.parse(described.stdout), {...bucket, region: 'eu-west-1'});
			const sent = JSON.parse(sim.log.find(entry => entry.method === 'POST' && entry.status === 200)!.body!) as Record<string, unknown>;
			assert.equal(sent.requirePrivateNetworking, apiVersion === 'v2' ? true : undefined);
		});
	}

	test('refuses the same bucket with the same role (exit 2, naming the existing id); nothing is sent', async t => {
		const sim = await simulator(t);
		const run = await runInProcess(['create', '--project-id', project, '--iam-role-id', role, '--bucket', 'acme-atlas-snapshots', '--yes'], {env: simEnv(sim, tempDir(t))});
		assert.equal(run.code, 2);
		assert.match(run.stderr, new RegExp(`already registered in project ${project} with role ${role}: export bucket ${DEMO_EXPORT_BUCKET_ID}\\. Nothing was sent\\.`));
		assert.match(run.stderr, new RegExp(`describe --project-id ${project} --bucket-id ${DEMO_EXPORT_BUCKET_ID}`));
		assert.equal(run.stdout, '');
		assert.equal(creates(sim).length, 0);
	});

	test('the same bucket with another role: a warning, then sent with --yes', async t => {
		const sim = await simulator(t);
		const env = simEnv(sim, tempDir(t));
		const first = await runInProcess(['create', '--project-id', project, '--iam-role-id', role, '--bucket', 'acme-atlas-snapshots-eu', '--yes', '--json'], {env});
		assert.equal(first.code, 0, first.stderr);
		const firstId = String((JSON.parse(first.stdout) as {_id: string})._id);
		const second = await runInProcess(['create', '--project-id', project, '--iam-role-id', DEMO_ROLE_IDS.productionArchive, '--bucket', 'acme-atlas-snapshots-eu', '--yes'], {env});
		assert.equal(second.code, 0, second.stderr);
		assert.match(second.stderr, new RegExp(`^Warning: bucket 'acme-atlas-snapshots-eu' is already registered in project ${project} with another role \\(export bucket ${firstId}, role ${role}\\)`, 'm'));
		assert.match(second.stdout, /Export destination created using 'acme-atlas-snapshots-eu'/);
		assert.equal(creates(sim).length, 2);
	});

	test('the same bucket with another role, in a terminal: the warning and the question; "n" sends nothing', async t => {
		const sim = await simulator(t);
		const run = await runInProcess(['create', '--project-id', project, '--iam-role-id', DEMO_ROLE_IDS.productionArchive, '--bucket', 'acme-atlas-snapshots'], {
			env: simEnv(sim, tempDir(t)),
			tty: true,
			onStdin: answer('n'),
		});
		assert.equal(run.code, 130);
		assert.match(run.stderr, new RegExp(`Warning: .*with another role \\(export bucket ${DEMO_EXPORT_BUCKET_ID}, role ${role}\\)`));
		assert.match(run.stderr, /Register 'acme-atlas-snapshots' a second time in project [a-f\d]{24}, with role [a-f\d]{24}\? \(y\/N\)/);
		assert.equal(creates(sim).length, 0);
	});

	test('validates inputs before sending anything (exit 2)', async t => {
		const sim = await simulator(t);
		const env = simEnv(sim, tempDir(t));
		const cases: Array<[string[], RegExp]> = [
			[['--iam-role-id', role, '--bucket', 's3://acme-atlas-snapshots-eu'], /bare bucket name[\s\S]*acme-atlas-snapshots-eu/],
			[['--iam-role-id', 'arn:aws:iam::123456789012:role/atlas-snapshot-export', '--bucket', 'acme-atlas-snapshots-eu'], /ARN/],
			[['--iam-role-id', role, '--bucket', 'Bad_Bucket'], /bucket name/i],
			[['--bucket', 'acme-atlas-snapshots-eu'], /--iam-role-id/],
			[['--iam-role-id', role], /--bucket/],
		];
		for (const [args, message] of cases) {
			const run = await runInProcess(['create', '--project-id', project, ...args, '--yes'], {env});
			assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
			assert.match(run.stderr, message);
		}

		const badProject = await runInProcess(['create', '--project-id', '12345', '--iam-role-id', role, '--bucket', 'acme-atlas-snapshots-eu', '--yes'], {env});
		assert.equal(badProject.code, 2);
		assert.equal(sim.log.length, 0);
	});

	test('without --yes and stdin not a terminal: refuses with exit 2 and names --yes; nothing sent', async t => {
		const sim = await simulator(t);
		const run = await runInProcess(['create', '--project-id', project, '--iam-role-id', role, '--bucket', 'acme-atlas-snapshots-eu'], {env: simEnv(sim, tempDir(t))});
		assert.equal(run.code, 2);
		assert.match(run.stderr, /--yes/);
		assert.equal(sim.log.length, 0);
	});

	test('in a terminal: shows the request, asks, and creates on "y"', async t => {
		const sim = await simulator(t);
		const run = await runInProcess(['create', '--project-id', project, '--iam-role-id', role, '--bucket', 'acme-atlas-snapshots-eu'], {
			env: simEnv(sim, tempDir(t)),
			tty: true,
			onStdin: answer('y'),
		});
		assert.equal(run.code, 0, run.stderr);
		assert.match(run.stderr, /About to send: POST http:\/\/127\.0\.0\.1:\d+\/api\/atlas\/v2\/groups\/[a-f\d]{24}\/backup\/exportBuckets/);
		assert.match(run.stderr, /\(y\/N\)/);
		assert.equal(creates(sim).length, 1);
	});

	test('in a terminal: any other answer cancels with 130 and sends no create', async t => {
		const sim = await simulator(t);
		const run = await runInProcess(['create', '--project-id', project, '--iam-role-id', role, '--bucket', 'acme-atlas-snapshots-eu'], {
			env: simEnv(sim, tempDir(t)),
			tty: true,
			onStdin: answer('n'),
		});
		assert.equal(run.code, 130);
		assert.match(run.stderr, /nothing was sent/);
		assert.equal(creates(sim).length, 0);
	});

	test('CANNOT_ASSUME_ROLE: exit 1 with the IAM hint', async t => {
		const sim = await simulator(t);
		const run = await runInProcess(['create', '--project-id', project, '--iam-role-id', role, '--bucket', DEMO_READONLY_BUCKET.name, '--yes'], {env: simEnv(sim, tempDir(t))});
		assert.equal(run.code, 1);
		assert.match(run.stderr, /assume/);
		assert.match(run.stderr, /--wait-for-iam/);
	});

	test('--wait-for-iam retries while IAM propagates and prints each attempt on stderr', async t => {
		const sim = await simulator(t);
		sim.controls.holdIamPropagation({releaseAfterRefusals: 1, stages: ['create']});
		const env = simEnv(sim, tempDir(t));
		// Authorize a fresh role so the propagation delay applies.
		const {createAtlasClient} = await import('../../source/atlas/client.js');
		const client = createAtlasClient({baseUrl: sim.baseUrl, keys: sim.keys, apiVersion: 'v2'});
		const newRole = await client.createAwsRole(project);
		await client.authorizeAwsRole(project, newRole.roleId, 'arn:aws:iam::123456789012:role/atlas-export-wizard');
		const run = await runInProcess(['create', '--project-id', project, '--iam-role-id', newRole.roleId, '--bucket', 'acme-atlas-snapshots-eu', '--wait-for-iam', '20', '--yes'], {env});
		assert.equal(run.code, 0, run.stderr);
		assert.match(run.stderr, /attempt 1/);
		assert.deepEqual(sim.log.filter(entry => entry.method === 'POST' && entry.path.endsWith('/exportBuckets') && entry.authenticated).map(entry => entry.status), [400, 200]);
		assert.match(run.stdout, /Export destination created using 'acme-atlas-snapshots-eu'/);
	});

	test('--wait-for-iam gives up when the budget is spent and says so', async t => {
		const sim = await simulator(t);
		const run = await runInProcess(['create', '--project-id', project, '--iam-role-id', role, '--bucket', DEMO_READONLY_BUCKET.name, '--wait-for-iam', '0.5', '--yes'], {env: simEnv(sim, tempDir(t))});
		assert.equal(run.code, 1);
		assert.match(run.stderr, /Still CANNOT_ASSUME_ROLE after waiting/);
		assert.equal(run.stdout, '');
	});

	test('an unauthorized role: API error with the authorize hint', async t => {
		const sim = await simulator(t);
		const run = await runInProcess(['create', '--project-id', project, '--iam-role-id', DEMO_ROLE_IDS.productionUnauthorized, '--bucket', 'acme-atlas-snapshots-eu', '--yes'], {env: simEnv(sim, tempDir(t))});
		assert.equal(run.code, 1);
		assert.match(run.stderr, /not authorized/);
	});
});

/** Types the answer ahead: readline picks it up when the question is asked. */
function answer(text: string) {
	return (stdin: PassThrough) => {
		stdin.write(`${text}\n`);
	};
}
