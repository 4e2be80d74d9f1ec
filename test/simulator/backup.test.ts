// The simulator's backup routes as raw HTTP: the schedule PATCH rules Atlas has (recorded: `export`
// only with autoExportEnabled true; off is explicit), export job bodies, versions, and the demo data.
import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {DEMO_CLUSTERS, DEMO_EXPORT_BUCKET_ID, DEMO_IN_USE_EXPORT_BUCKET_ID, DEMO_SNAPSHOT_IDS} from '../../source/simulator/index.js';
import {ANALYTICS, harness, PRODUCTION, SANDBOX, V2023, type Harness} from './helpers.js';

const V20240805 = 'application/vnd.atlas.2024-08-05+json';

describe('simulator backup routes', () => {
	let h: Harness;
	const schedule = (groupId: string, cluster: string) => `/api/atlas/v2/groups/${groupId}/clusters/${cluster}/backup/schedule`;
	const patch = (body: unknown) => ({method: 'PATCH', accept: V20240805, headers: {'content-type': 'application/json'}, body: JSON.stringify(body)});

	before(async () => {
		h = await harness({exportDurationMs: 3_600_000});
	});
	after(() => h.sim.close());

	test('`export` without autoExportEnabled true is refused and changes nothing', async () => {
		const path = schedule(ANALYTICS, DEMO_CLUSTERS.analyticsAutoExport);
		const refused = await h.client.send(path, patch({export: {exportBucketId: DEMO_IN_USE_EXPORT_BUCKET_ID, frequencyType: 'yearly'}}));
		assert.equal(refused.status, 400);
		assert.match(((await refused.json()) as {detail: string}).detail, /only together with "autoExportEnabled": true/);
		const current = (await (await h.client.send(path, {accept: V20240805})).json()) as Record<string, unknown>;
		assert.deepEqual(current.export, {exportBucketId: DEMO_IN_USE_EXPORT_BUCKET_ID, frequencyType: 'monthly'});
	});

	test('a frequency other than monthly or yearly, or an unknown bucket, is refused', async () => {
		const path = schedule(PRODUCTION, DEMO_CLUSTERS.productionExportable);
		const daily = await h.client.send(path, patch({autoExportEnabled: true, export: {exportBucketId: DEMO_EXPORT_BUCKET_ID, frequencyType: 'daily'}}));
		assert.equal(daily.status, 400);
		const unknown = await h.client.send(path, patch({autoExportEnabled: true, export: {exportBucketId: 'aaaaaaaaaaaaaaaaaaaaaaaa', frequencyType: 'monthly'}}));
		assert.equal(unknown.status, 404);
		assert.equal(((await unknown.json()) as {errorCode: string}).errorCode, 'EXPORT_BUCKET_NOT_FOUND');
	});

	test('the sandbox project has no clusters', async () => {
		const none = (await (await h.client.send(`/api/atlas/v2/groups/${SANDBOX}/clusters`, {accept: V20240805})).json()) as {results: unknown[]; totalCount: number};
		assert.deepEqual([none.results, none.totalCount], [[], 0]);
	});

	test('an export job body needs snapshotId and exportBucketId as 24-hex ids', async () => {
		const path = `/api/atlas/v2/groups/${PRODUCTION}/clusters/${DEMO_CLUSTERS.productionExportable}/backup/exports`;
		const post = (body: unknown) => ({method: 'POST', accept: V2023, headers: {'content-type': 'application/json'}, body: JSON.stringify(body)});
		assert.equal((await h.client.send(path, post({exportBucketId: DEMO_EXPORT_BUCKET_ID}))).status, 400);
		assert.equal((await h.client.send(path, post({snapshotId: 'nope', exportBucketId: DEMO_EXPORT_BUCKET_ID}))).status, 400);
		const created = await h.client.send(path, post({snapshotId: DEMO_SNAPSHOT_IDS.newest, exportBucketId: DEMO_EXPORT_BUCKET_ID}));
		assert.equal(created.status, 200);
		const job = (await created.json()) as Record<string, unknown>;
		assert.deepEqual(Object.keys(job).sort(), ['createdAt', 'customData', 'exportBucketId', 'exportStatus', 'id', 'prefix', 'snapshotId', 'state']);
	});
});
