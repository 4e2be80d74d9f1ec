// Every operation in both API generations, against the simulator over loopback HTTP.
import {after, before, beforeEach, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {createAtlasClient} from '../../source/atlas/client.js';
import {AtlasError} from '../../source/atlas/errors.js';
import {DEFAULT_BASE_URL, type ApiVersion} from '../../source/atlas/types.js';
import {ValidationError} from '../../source/atlas/validation.js';
import {
	DEMO_AWS_ROLE_ARNS,
	DEMO_EXPORT_BUCKET_ID,
	DEMO_PROJECTS,
	DEMO_ROLE_IDS,
	demoSeed,
	startSimulator,
} from '../../source/simulator/index.js';
import {authenticated, harness, rejectsWith, testClient, type Harness} from './support.js';

const production = DEMO_PROJECTS.production.id;
const sandbox = DEMO_PROJECTS.sandbox.id;

const expectedAccept: Record<ApiVersion, Record<string, string>> = {
	v2: {
		checkKey: 'application/vnd.atlas.2023-01-01+json',
		projects: 'application/vnd.atlas.2023-01-01+json',
		exportBuckets: 'application/vnd.atlas.2024-05-30+json',
		deleteExportBucket: 'application/vnd.atlas.2023-01-01+json',
		cloudProviderAccess: 'application/vnd.atlas.2023-01-01+json',
	},
	'v1.0': {
		checkKey: 'application/json',
		projects: 'application/json',
		exportBuckets: 'application/json',
		deleteExportBucket: 'application/json',
		cloudProviderAccess: 'application/json',
	},
};

for (const apiVersion of ['v2', 'v1.0'] as const) {
	describe(`every operation over ${apiVersion}`, () => {
		let h: Harness;
		const prefix = `/api/atlas/${apiVersion}`;
		const accept = expectedAccept[apiVersion];

		before(async () => {
			h = await harness({apiVersion});
		});
		after(async () => h.sim.close());
		beforeEach(() => h.sim.controls.clearLog());

		const last = () => {
			const entries = authenticated(h.sim.log);
			assert.ok(entries.length > 0, 'nothing reached the simulator');
			return entries.at(-1)!;
		};

		test('checkKey', async () => {
			const info = await h.client.checkKey();
			assert.equal(info.publicKey, h.sim.keys.publicKey);
			assert.deepEqual(info.roles, [{roleName: 'ORG_OWNER', orgId: '6650a1f2c3d4e5f6a7b8c900'}]);
			assert.deepEqual(info.accessList, []);
			assert.equal(last().path, prefix);
			assert.equal(last().headers.accept, accept.checkKey);
		});

		test('listProjects fetches with itemsPerPage=500', async () => {
			const projects = await h.client.listProjects();
			assert.deepEqual(
				projects.map(project => [project.id, project.name]),
				Object.values(DEMO_PROJECTS).map(project => [project.id, project.name]),
			);
			assert.equal(projects[0]?.orgId, '6650a1f2c3d4e5f6a7b8c900');
			assert.equal(projects[0]?.clusterCount, 3);
			assert.equal(last().path, `${prefix}/groups`);
			assert.deepEqual(last().query, {itemsPerPage: '500', pageNum: '1'});
			assert.equal(last().headers.accept, accept.projects);
		});

		test('getProject', async () => {
			const project = await h.client.getProject(sandbox);
			assert.deepEqual(project, {id: sandbox, name: 'Demo Sandbox', orgId: '6650a1f2c3d4e5f6a7b8c900', created: '2024-05-24T09:14:03Z', clusterCount: 0});
			assert.equal(last().path, `${prefix}/groups/${sandbox}`);
			assert.equal(last().headers.accept, accept.projects);
		});

		test('listExportBuckets maps _id to id', async () => {
			const buckets = await h.client.listExportBuckets(production);
			assert.deepEqual(buckets, [
				{id: DEMO_EXPORT_BUCKET_ID, bucketName: 'acme-atlas-snapshots', cloudProvider: 'AWS', iamRoleId: DEMO_ROLE_IDS.productionExport, requirePrivateNetworking: false},
			]);
			assert.equal(last().path, `${prefix}/groups/${production}/backup/exportBuckets`);
			assert.equal(last().headers.accept, accept.exportBuckets);
			assert.deepEqual(await h.client.listExportBuckets(sandbox), []);
		});

		test('getExportBucket', async () => {
			const bucket = await h.client.getExportBucket(production, DEMO_EXPORT_BUCKET_ID);
			assert.equal(bucket.id, DEMO_EXPORT_BUCKET_ID);
			assert.equal(bucket.bucketName, 'acme-atlas-snapshots');
			assert.equal(bucket.region, 'us-east-1', 'GET one carries the region');
			assert.equal(last().path, `${prefix}/groups/${production}/backup/exportBuckets/${DEMO_EXPORT_BUCKET_ID}`);
			assert.equal(last().headers.accept, accept.exportBuckets);
		});

		test('createExportBucket sends the exact body, then getExportBucket and deleteExportBucket', async () => {
			const created = await h.client.createExportBucket(production, {bucketName: 'acme-atlas-snapshots-eu', iamRoleId: DEMO_ROLE_IDS.productionExport});
			assert.match(created.id, /^[a-f\d]{24}$/);
			assert.deepEqual({...created, id: 'x'}, {id: 'x', bucketName: 'acme-atlas-snapshots-eu', cloudProvider: 'AWS', iamRoleId: DEMO_ROLE_IDS.productionExport, requirePrivateNetworking: false});
			const post = last();
			assert.equal(post.method, 'POST');
			assert.equal(post.path, `${prefix}/groups/${production}/backup/exportBuckets`);
			assert.equal(post.headers.accept, accept.exportBuckets);
			assert.equal(post.headers['content-type'], 'application/json');
			assert.deepEqual(JSON.parse(post.body ?? ''), {bucketName: 'acme-atlas-snapshots-eu', cloudProvider: 'AWS', iamRoleId: DEMO_ROLE_IDS.productionExport});

			assert.equal((await h.client.getExportBucket(production, created.id)).bucketName, 'acme-atlas-snapshots-eu');
			assert.equal((await h.client.listExportBuckets(production)).length, 2);

			await h.client.deleteExportBucket(production, created.id);
			const del = last();
			assert.equal(del.method, 'DELETE');
			assert.equal(del.status, 204);
			assert.equal(del.headers.accept, accept.deleteExportBucket);
			assert.equal(del.body, undefined);
			const gone = await rejectsWith(h.client.getExportBucket(production, created.id));
			assert.ok(gone instanceof AtlasError);
			assert.equal(gone.errorCode, 'EXPORT_BUCKET_NOT_FOUND');
		});

		test('listCloudProviderAccess', async () => {
			const access = await h.client.listCloudProviderAccess(production);
			assert.deepEqual(
				access.awsIamRoles.map(role => [role.roleId, role.iamAssumedRoleArn]),
				[
					[DEMO_ROLE_IDS.productionExport, DEMO_AWS_ROLE_ARNS.snapshotExport],
					[DEMO_ROLE_IDS.productionArchive, DEMO_AWS_ROLE_ARNS.backupArchive],
					[DEMO_ROLE_IDS.productionUnauthorized, undefined],
				],
			);
			const used = access.awsIamRoles[0]!;
			assert.equal(used.providerName, 'AWS');
			assert.equal(used.atlasAWSAccountArn, 'arn:aws:iam::536727724300:root');
			assert.deepEqual(used.featureUsages.map(usage => usage.featureType), ['EXPORT_SNAPSHOT']);
			assert.equal(last().path, `${prefix}/groups/${production}/cloudProviderAccess`);
			assert.equal(last().headers.accept, accept.cloudProviderAccess);
			assert.deepEqual((await h.client.listCloudProviderAccess(sandbox)).awsIamRoles, []);
		});

		test('createAwsRole, authorizeAwsRole, then create an export bucket with the new role', async () => {
			const role = await h.client.createAwsRole(sandbox);
			assert.match(role.roleId, /^[a-f\d]{24}$/);
			assert.match(role.atlasAssumedRoleExternalId ?? '', /^[\da-f-]{36}$/);
			assert.equal(role.iamAssumedRoleArn, undefined);
			const post = last();
			assert.equal(post.method, 'POST');
			assert.equal(post.path, `${prefix}/groups/${sandbox}/cloudProviderAccess`);
			assert.equal(post.headers.accept, accept.cloudProviderAccess);
			assert.equal(post.headers['content-type'], 'application/json');
			assert.deepEqual(JSON.parse(post.body ?? ''), {providerName: 'AWS'});

			const authorized = await h.client.authorizeAwsRole(sandbox, role.roleId, DEMO_AWS_ROLE_ARNS.wizardNew);
			assert.equal(authorized.roleId, role.roleId);
			assert.equal(authorized.iamAssumedRoleArn, DEMO_AWS_ROLE_ARNS.wizardNew);
			assert.ok(authorized.authorizedDate);
			const patch = last();
			assert.equal(patch.method, 'PATCH');
			assert.equal(patch.path, `${prefix}/groups/${sandbox}/cloudProviderAccess/${role.roleId}`);
			assert.equal(patch.headers.accept, accept.cloudProviderAccess);
			assert.equal(patch.headers['content-type'], 'application/json');
			assert.deepEqual(JSON.parse(patch.body ?? ''), {providerName: 'AWS', iamAssumedRoleArn: DEMO_AWS_ROLE_ARNS.wizardNew});

			const bucket = await h.client.createExportBucket(sandbox, {bucketName: 'acme-atlas-snapshots', iamRoleId: role.roleId});
			assert.equal(bucket.iamRoleId, role.roleId);
			assert.equal(bucket.region, undefined, 'the recorded create answer has no region');
		});

		test('previewCreateExportBucket is the request create sends, without Authorization, and sends nothing', async () => {
			const input = {bucketName: ' acme-backup-archive ', iamRoleId: DEMO_ROLE_IDS.productionArchive};
			const preview = h.client.previewCreateExportBucket(production, input);
			assert.deepEqual(preview, {
				method: 'POST',
				url: `${h.sim.baseUrl}${prefix}/groups/${production}/backup/exportBuckets`,
				headers: {Accept: accept.exportBuckets, 'Content-Type': 'application/json'},
				body: {bucketName: 'acme-backup-archive', cloudProvider: 'AWS', iamRoleId: DEMO_ROLE_IDS.productionArchive},
			});
			assert.equal(h.sim.log.length, 0);

			await h.client.createExportBucket(production, input);
			const sent = last();
			assert.equal(`${h.sim.baseUrl}${sent.path}`, preview.url);
			assert.equal(sent.headers.accept, preview.headers.Accept);
			assert.equal(sent.headers['content-type'], preview.headers['Content-Type']);
			assert.deepEqual(JSON.parse(sent.body ?? ''), preview.body);
		});
	});
}

describe('generation-specific behaviour', () => {
	test('v2 sends requirePrivateNetworking; v1.0 refuses it before sending anything', async () => {
		const v2 = await harness();
		const v1 = await harness({apiVersion: 'v1.0'});
		try {
			const bucket = await v2.client.createExportBucket(production, {bucketName: 'acme-atlas-snapshots-eu', iamRoleId: DEMO_ROLE_IDS.productionExport, requirePrivateNetworking: true});
			assert.equal(bucket.requirePrivateNetworking, true);
			assert.deepEqual(JSON.parse(authenticated(v2.sim.log).at(-1)?.body ?? ''), {
				bucketName: 'acme-atlas-snapshots-eu',
				cloudProvider: 'AWS',
				iamRoleId: DEMO_ROLE_IDS.productionExport,
				requirePrivateNetworking: true,
			});
			const error = await rejectsWith(v1.client.createExportBucket(production, {bucketName: 'acme-atlas-snapshots-eu', iamRoleId: DEMO_ROLE_IDS.productionExport, requirePrivateNetworking: true}));
			assert.ok(error instanceof ValidationError);
			assert.equal(error.field, 'requirePrivateNetworking');
			assert.equal(v1.sim.log.length, 0);
		} finally {
			await v2.sim.close();
			await v1.sim.close();
		}
	});

	test('the client reports its base URL and generation; defaults are cloud.mongodb.com and v2', () => {
		const client = createAtlasClient({keys: {publicKey: 'a', privateKey: 'b'}});
		assert.equal(client.baseUrl, DEFAULT_BASE_URL);
		assert.equal(client.apiVersion, 'v2');
		const gov = createAtlasClient({baseUrl: 'https://cloud.mongodbgov.com/', keys: {publicKey: 'a', privateKey: 'b'}, apiVersion: 'v1.0'});
		assert.equal(gov.baseUrl, 'https://cloud.mongodbgov.com');
		assert.equal(gov.apiVersion, 'v1.0');
		assert.equal(gov.previewCreateExportBucket(production, {bucketName: 'abc', iamRoleId: DEMO_ROLE_IDS.productionExport}).url, `https://cloud.mongodbgov.com/api/atlas/v1.0/groups/${production}/backup/exportBuckets`);
	});

	test('bad options are ValidationErrors', () => {
		assert.throws(() => createAtlasClient({keys: {publicKey: 'a', privateKey: ''}}), ValidationError);
		assert.throws(() => createAtlasClient({keys: {publicKey: 'a', privateKey: 'b'}, baseUrl: 'cloud.mongodb.com'}), ValidationError);
		assert.throws(() => createAtlasClient({keys: {publicKey: 'a', privateKey: 'b'}, apiVersion: 'v3' as ApiVersion}), ValidationError);
		assert.throws(() => createAtlasClient({keys: {publicKey: 'a', privateKey: 'b'}, timeoutMs: 0}), ValidationError);
		assert.throws(() => createAtlasClient({keys: {publicKey: 'a', privateKey: 'b'}, timeoutMs: Number.NaN}), ValidationError);
		assert.throws(() => createAtlasClient({keys: {publicKey: 'a', privateKey: 'b'}, pageSize: 501}), ValidationError);
	});
});

describe('pagination', () => {
	test('lists fetch every page', async () => {
		const seed = demoSeed();
		for (let index = 0; index < 5; index++) {
			seed.projects.push({id: `6650a1f2c3d4e5f6a7b8ca${index.toString().padStart(2, '0')}`, name: `Extra ${index}`, orgId: seed.projects[0]!.orgId, created: '2025-01-01T00:00:00Z', clusterCount: 0});
		}
		const sim = await startSimulator({seed});
		try {
			const client = testClient(sim, {pageSize: 3});
			const projects = await client.listProjects();
			assert.equal(projects.length, 8);
			assert.deepEqual(projects.slice(3).map(project => project.name), ['Extra 0', 'Extra 1', 'Extra 2', 'Extra 3', 'Extra 4']);
			assert.deepEqual(
				authenticated(sim.log).map(entry => entry.query),
				[1, 2, 3].map(pageNum => ({itemsPerPage: '3', pageNum: String(pageNum)})),
			);
		} finally {
			await sim.close();
		}
	});

	test('a list that exactly fills its pages stops on totalCount', async () => {
		const sim = await startSimulator();
		try {
			const projects = await testClient(sim, {pageSize: 3}).listProjects();
			assert.equal(projects.length, 3);
			assert.equal(authenticated(sim.log).length, 1);
		} finally {
			await sim.close();
		}
	});
});

for (const apiVersion of ['v2', 'v1.0'] as const) {
	describe(`pretty and envelope over ${apiVersion}`, () => {
		let h: Harness;
		before(async () => {
			h = await harness({apiVersion, pretty: true, envelope: true});
		});
		after(async () => h.sim.close());

		test('are sent as query parameters and the answers are unwrapped', async () => {
			const project = await h.client.getProject(production);
			assert.equal(project.name, 'Demo Production');
			const projects = await h.client.listProjects();
			assert.equal(projects.length, 3);
			const bucket = await h.client.createExportBucket(production, {bucketName: 'acme-atlas-snapshots-eu', iamRoleId: DEMO_ROLE_IDS.productionExport});
			assert.equal(bucket.bucketName, 'acme-atlas-snapshots-eu');
			await h.client.deleteExportBucket(production, bucket.id);
			const entries = authenticated(h.sim.log);
			for (const entry of entries) {
				// v2 declares no pretty parameter on DELETE (and GET) of one export bucket; v1.0 takes it everywhere.
				const declaresPretty = apiVersion === 'v1.0' || entry.method !== 'DELETE';
				assert.equal(entry.query.pretty, declaresPretty ? 'true' : undefined, `${entry.method} ${entry.path}`);
				assert.equal(entry.query.envelope, 'true');
				assert.equal(entry.status, 200, `${entry.method} ${entry.path} is enveloped in HTTP 200`);
			}
			// The wrapper key differs by generation and is read either way.
			const wrapped = h.exchanges.find(exchange => exchange.status === 200 && exchange.url.includes(`/groups/${production}?`));
			assert.match(wrapped?.responseBody ?? '', apiVersion === 'v2' ? /"content"/ : /"envelope"/);
		});

		test('an enveloped error (HTTP 200 with an error status inside) is still an AtlasError', async () => {
			const error = await rejectsWith(h.client.getProject('aaaaaaaaaaaaaaaaaaaaaaaa'));
			assert.ok(error instanceof AtlasError);
			assert.equal(error.status, 404);
			assert.equal(error.errorCode, 'GROUP_NOT_FOUND');
			assert.equal(error.enveloped, true);
			assert.equal(authenticated(h.sim.log).at(-1)?.status, 200);
		});
	});
}

describe('validation before any request', () => {
	let h: Harness;
	before(async () => {
		h = await harness();
	});
	after(async () => h.sim.close());

	const cases: Array<[string, (h: Harness) => Promise<unknown>, string]> = [
		['project id', ({client}) => client.getProject('not-a-project'), 'projectId'],
		['project id on list', ({client}) => client.listExportBuckets('6650A1F2C3D4E5F6A7B8C9D0'), 'projectId'],
		['bucket URI', ({client}) => client.createExportBucket(production, {bucketName: 's3://acme-atlas-snapshots', iamRoleId: DEMO_ROLE_IDS.productionExport}), 'bucketName'],
		['AWS ARN as role id', ({client}) => client.createExportBucket(production, {bucketName: 'acme-atlas-snapshots', iamRoleId: DEMO_AWS_ROLE_ARNS.snapshotExport}), 'iamRoleId'],
		['export bucket id', ({client}) => client.deleteExportBucket(production, 'acme-atlas-snapshots'), 'exportBucketId'],
		['export bucket id on get', ({client}) => client.getExportBucket(production, '123'), 'exportBucketId'],
		['role id on authorize', ({client}) => client.authorizeAwsRole(production, 'AROA3XFRBF23EXAMPLE12', DEMO_AWS_ROLE_ARNS.wizardNew), 'roleId'],
		['ARN on authorize', ({client}) => client.authorizeAwsRole(production, DEMO_ROLE_IDS.productionUnauthorized, 'atlas-export-wizard'), 'iamAssumedRoleArn'],
		['project id on role create', ({client}) => client.createAwsRole(''), 'projectId'],
	];
	for (const [name, run, field] of cases) {
		test(`${name}: ValidationError, nothing sent`, async () => {
			h.sim.controls.clearLog();
			const error = await rejectsWith(run(h));
			assert.ok(error instanceof ValidationError, String(error));
			assert.equal(error.field, field);
			assert.equal(h.sim.log.length, 0);
		});
	}

	test('the suggestion travels with the error', async () => {
		const error = await rejectsWith(h.client.createExportBucket(production, {bucketName: 'arn:aws:s3:::acme-atlas-snapshots', iamRoleId: DEMO_ROLE_IDS.productionExport}));
		assert.ok(error instanceof ValidationError);
		assert.equal(error.suggestion, 'acme-atlas-snapshots');
	});
});

describe('onExchange (verbose logging)', () => {
	test('reports every HTTP exchange with Authorization redacted and never the private key', async () => {
		const h = await harness();
		try {
			await h.client.createExportBucket(production, {bucketName: 'acme-atlas-snapshots-eu', iamRoleId: DEMO_ROLE_IDS.productionExport});
			await h.client.listProjects();
			assert.equal(h.exchanges.length, 3);
			const [challenge, create, list] = h.exchanges;
			assert.equal(challenge?.status, 401);
			assert.equal(challenge?.requestHeaders.authorization, undefined);
			assert.match(challenge?.responseHeaders?.['www-authenticate'] ?? '', /^Digest realm="MMS Public API"/);
			assert.equal(create?.method, 'POST');
			assert.equal(create?.status, 200);
			assert.equal(create?.requestHeaders.authorization, '[redacted]');
			assert.equal(create?.requestHeaders.accept, 'application/vnd.atlas.2024-05-30+json');
			assert.deepEqual(JSON.parse(create?.requestBody ?? ''), {bucketName: 'acme-atlas-snapshots-eu', cloudProvider: 'AWS', iamRoleId: DEMO_ROLE_IDS.productionExport});
			assert.equal(JSON.parse(create?.responseBody ?? '').bucketName, 'acme-atlas-snapshots-eu');
			assert.equal(list?.url, `${h.sim.baseUrl}/api/atlas/v2/groups?itemsPerPage=500&pageNum=1`);
			for (const exchange of h.exchanges) assert.ok(exchange.durationMs >= 0);
			const everything = JSON.stringify(h.exchanges);
			assert.equal(everything.includes(h.sim.keys.privateKey), false);
			assert.equal(/response="/.test(everything), false, 'no Digest response hash leaks');
		} finally {
			await h.sim.close();
		}
	});

	test('a failed request is reported with its error', async () => {
		const h = await harness({retry: {limit: 0}});
		try {
			h.sim.controls.injectFault({kind: 'reset', path: '/groups'});
			await rejectsWith(h.client.listProjects());
			const failed = h.exchanges.at(-1);
			assert.equal(failed?.status, undefined);
			assert.match(failed?.error ?? '', /fetch failed/);
		} finally {
			await h.sim.close();
		}
	});
});
