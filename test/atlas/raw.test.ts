// withRaw: every answer also as Atlas sent it (what `--json` prints), in both generations, with
// the envelope removed and paged lists joined.
import {after, before, beforeEach, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import type {HttpExchange} from '../../source/atlas/types.js';
import {DEMO_EXPORT_BUCKET_ID, DEMO_PROJECTS, DEMO_ROLE_IDS, demoSeed, startSimulator} from '../../source/simulator/index.js';
import {authenticated, harness, testClient, type Harness} from './support.js';

const production = DEMO_PROJECTS.production.id;

/** The JSON bodies of the successful answers, in order. */
function answered(exchanges: HttpExchange[]): unknown[] {
	return exchanges.filter(exchange => exchange.status !== undefined && exchange.status < 300 && exchange.responseBody).map(exchange => JSON.parse(exchange.responseBody!) as unknown);
}

for (const apiVersion of ['v2', 'v1.0'] as const) {
	describe(`withRaw over ${apiVersion}`, () => {
		let h: Harness;
		before(async () => {
			h = await harness({apiVersion});
		});
		after(async () => h.sim.close());
		beforeEach(() => {
			h.sim.controls.clearLog();
			h.exchanges.length = 0;
		});

		test('getExportBucket: the object as sent (`_id`, `region`), and the same mapped value as getExportBucket', async () => {
			const {value, raw} = await h.client.withRaw.getExportBucket(production, DEMO_EXPORT_BUCKET_ID);
			assert.deepEqual(raw, answered(h.exchanges)[0]);
			const object = raw as Record<string, unknown>;
			assert.equal(object._id, DEMO_EXPORT_BUCKET_ID);
			assert.equal('id' in object, false);
			assert.equal(object.region, 'us-east-1', 'GET one carries region, which the client does not need to find elsewhere');
			assert.deepEqual(value, await h.client.getExportBucket(production, DEMO_EXPORT_BUCKET_ID));
			assert.equal(value.id, DEMO_EXPORT_BUCKET_ID);
		});

		test('listExportBuckets: the results array as sent, without the page wrapper', async () => {
			const {value, raw} = await h.client.withRaw.listExportBuckets(production);
			const page = answered(h.exchanges)[0] as {results: unknown[]};
			assert.deepEqual(raw, page.results);
			assert.deepEqual((raw as Array<Record<string, unknown>>).map(item => item._id), value.map(bucket => bucket.id));
		});

		test('createExportBucket: the created object as sent', async () => {
			const {value, raw} = await h.client.withRaw.createExportBucket(production, {bucketName: 'acme-atlas-snapshots-eu', iamRoleId: DEMO_ROLE_IDS.productionExport});
			assert.deepEqual(raw, answered(h.exchanges).at(-1));
			assert.equal((raw as Record<string, unknown>)._id, value.id);
			await h.client.deleteExportBucket(production, value.id);
		});

		test('listCloudProviderAccess: the whole object, fields this tool does not model included', async () => {
			const {value, raw} = await h.client.withRaw.listCloudProviderAccess(production);
			assert.deepEqual(raw, answered(h.exchanges)[0]);
			assert.deepEqual((raw as Record<string, unknown>).azureServicePrincipals, []);
			assert.equal(value.awsIamRoles.length, 3);
		});
	});

	describe(`withRaw with envelope=true over ${apiVersion}`, () => {
		let h: Harness;
		before(async () => {
			h = await harness({apiVersion, envelope: true});
		});
		after(async () => h.sim.close());

		test('the envelope is removed: raw equals the unenveloped answer', async () => {
			const plain = testClient(h.sim, {apiVersion});
			const bucket = await h.client.withRaw.getExportBucket(production, DEMO_EXPORT_BUCKET_ID);
			assert.deepEqual(bucket.raw, (await plain.withRaw.getExportBucket(production, DEMO_EXPORT_BUCKET_ID)).raw);
			assert.equal('status' in (bucket.raw as object), false);
			const list = await h.client.withRaw.listExportBuckets(production);
			assert.deepEqual(list.raw, (await plain.withRaw.listExportBuckets(production)).raw);
			const access = await h.client.withRaw.listCloudProviderAccess(production);
			assert.deepEqual(access.raw, (await plain.withRaw.listCloudProviderAccess(production)).raw);
		});
	});
}

test('withRaw.listProjects joins the results of every page into one array', async () => {
	const seed = demoSeed();
	for (let index = 0; index < 4; index++) {
		seed.projects.push({id: `6650a1f2c3d4e5f6a7b8ca${index.toString().padStart(2, '0')}`, name: `Extra ${index}`, orgId: seed.projects[0]!.orgId, created: '2025-01-01T00:00:00Z', clusterCount: 0});
	}
	const sim = await startSimulator({seed});
	try {
		const exchanges: HttpExchange[] = [];
		const {value, raw} = await testClient(sim, {pageSize: 3}, exchanges).withRaw.listProjects();
		assert.equal(authenticated(sim.log).length, 3);
		const pages = answered(exchanges) as Array<{results: unknown[]}>;
		assert.deepEqual(raw, pages.flatMap(page => page.results));
		assert.equal((raw as unknown[]).length, 7);
		assert.deepEqual((raw as Array<{id: string}>).map(item => item.id), value.map(project => project.id));
		assert.ok((raw as Array<Record<string, unknown>>).every(item => Array.isArray(item.links)));
	} finally {
		await sim.close();
	}
});
