// Contract tests: every request the client sends (read from the simulator's log) and every response
// it receives (reported by onExchange) against the official v2 OpenAPI subset in test/fixtures; v1.0
// requests against the v1.0 page's shape.
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import type {AtlasClient, HttpExchange} from '../../source/atlas/types.js';
import {
	DEMO_AWS_ROLE_ARNS,
	DEMO_EXPORT_BUCKET_ID,
	DEMO_IN_USE_EXPORT_BUCKET_ID,
	DEMO_PROJECTS,
	DEMO_READONLY_BUCKET,
	DEMO_ROLE_IDS,
	type Simulator,
	type SimulatorLogEntry,
} from '../../source/simulator/index.js';
import {OpenApiSubset, type WireRequest} from './openapi.js';
import {harness, rejectsWith} from './support.js';

const production = DEMO_PROJECTS.production.id;
const sandbox = DEMO_PROJECTS.sandbox.id;
const analytics = DEMO_PROJECTS.analytics.id;
const missingId = 'aaaaaaaaaaaaaaaaaaaaaaaa';

const spec = new OpenApiSubset();

/** Every operation the client has (except the key check, which the subset does not contain), plus error answers. */
async function scenario(client: AtlasClient, sim: Simulator): Promise<void> {
	await client.listProjects();
	await client.getProject(production);
	await client.listExportBuckets(production);
	await client.getExportBucket(production, DEMO_EXPORT_BUCKET_ID);
	await client.listCloudProviderAccess(production);
	const role = await client.createAwsRole(sandbox);
	await client.authorizeAwsRole(sandbox, role.roleId, DEMO_AWS_ROLE_ARNS.wizardNew);
	const bucket = await client.createExportBucket(sandbox, {bucketName: 'acme-atlas-snapshots', iamRoleId: role.roleId, requirePrivateNetworking: false});
	await client.deleteExportBucket(sandbox, bucket.id);
	// Error answers.
	await rejectsWith(client.getProject(missingId));
	await rejectsWith(client.getExportBucket(production, missingId));
	await rejectsWith(client.createExportBucket(production, {bucketName: DEMO_READONLY_BUCKET.name, iamRoleId: DEMO_ROLE_IDS.productionExport}));
	await rejectsWith(client.createExportBucket(production, {bucketName: 'acme-atlas-snapshots', iamRoleId: DEMO_ROLE_IDS.productionUnauthorized}));
	await rejectsWith(client.deleteExportBucket(analytics, DEMO_IN_USE_EXPORT_BUCKET_ID));
	sim.controls.injectFault({kind: 'http500', path: '/cloudProviderAccess'});
	await rejectsWith(client.listCloudProviderAccess(production));
	sim.controls.setAccessList(['203.0.113.1']);
	await rejectsWith(client.listExportBuckets(production));
	sim.controls.setAccessList(null);
	sim.controls.setRateLimit({capacity: 0, refillPerMinute: 1});
	await rejectsWith(client.createAwsRole(production));
	sim.controls.setRateLimit(null);
}

function asWireRequest(entry: SimulatorLogEntry): WireRequest {
	const request: WireRequest = {method: entry.method, path: entry.path, query: entry.query, headers: entry.headers};
	if (entry.body !== undefined) request.body = entry.body;
	return request;
}

describe('v2 contract (OpenAPI subset fixture)', () => {
	for (const options of [{}, {pretty: true}] as const) {
		test(`every request and response validates${'pretty' in options ? ' (pretty=true)' : ''}`, async () => {
			const {sim, client, exchanges} = await harness({...options, retry: {limit: 0}});
			try {
				await scenario(client, sim);
				assert.equal(sim.log.length, exchanges.length, 'the log and onExchange saw the same requests');

				const requestProblems = sim.log.flatMap(entry => spec.checkRequest(asWireRequest(entry), {challenge: entry.headers.authorization === undefined}));
				assert.deepEqual(requestProblems, []);

				const responseProblems: string[] = [];
				const statuses = new Set<number>();
				for (const exchange of exchanges) {
					assert.ok(exchange.status !== undefined);
					statuses.add(exchange.status);
					const url = new URL(exchange.url);
					responseProblems.push(
						...spec.checkResponse(
							{method: exchange.method, path: url.pathname, accept: exchange.requestHeaders.accept ?? ''},
							{status: exchange.status, contentType: exchange.responseHeaders?.['content-type'] ?? '', body: exchange.responseBody ?? ''},
						),
					);
				}
				assert.deepEqual(responseProblems, []);
				assert.deepEqual([...statuses].sort(), [200, 204, 400, 401, 403, 404, 429, 500]);
			} finally {
				await sim.close();
			}
		});
	}

	test('the checker catches what it should (it can fail)', () => {
		const base = {method: 'POST', path: `/api/atlas/v2/groups/${production}/backup/exportBuckets`, query: {}, headers: {accept: 'application/vnd.atlas.2024-05-30+json', 'content-type': 'application/json'}};
		const good = JSON.stringify({bucketName: 'acme-atlas-snapshots', cloudProvider: 'AWS', iamRoleId: DEMO_ROLE_IDS.productionExport});
		assert.deepEqual(spec.checkRequest({...base, body: good}), []);
		const cases: Array<[WireRequest, RegExp]> = [
			[{...base, body: JSON.stringify({bucketName: 'acme-atlas-snapshots', cloudProvider: 'AWS', iamRoleID: DEMO_ROLE_IDS.productionExport})}, /required property 'iamRoleId'|iamRoleID is not a property/],
			[{...base, body: JSON.stringify({bucketName: 'acme', cloudProvider: 'AWS', iamRoleId: 'arn:aws:iam::123456789012:role/x'})}, /iamRoleId must match pattern/],
			[{...base, body: JSON.stringify({bucketName: 'acme', cloudProvider: 'AWS', iamRoleId: DEMO_ROLE_IDS.productionExport, links: []})}, /links is read-only/],
			[{...base, headers: {...base.headers, accept: 'application/vnd.atlas.2025-01-01+json'}, body: good}, /Accept version 2025-01-01 is not one of/],
			[{...base, headers: {...base.headers, accept: 'application/json'}, body: good}, /names no version/],
			[{...base}, /required body is missing/],
			[{...base, path: `/api/atlas/v2/groups/NOTANID/backup/exportBuckets`, body: good}, /path groupId.*must match pattern/],
			[{...base, query: {itemsPerPage: '5'}, body: good}, /query parameter itemsPerPage is not declared/],
			[{...base, method: 'PUT', body: good}, /no such path and method/],
			[{method: 'GET', path: '/api/atlas/v2/groups', query: {itemsPerPage: '501'}, headers: {accept: 'application/vnd.atlas.2023-01-01+json'}}, /query itemsPerPage.*must be <= 500/],
			[{method: 'DELETE', path: `/api/atlas/v2/groups/${production}/backup/exportBuckets/${DEMO_EXPORT_BUCKET_ID}`, query: {}, headers: {accept: 'application/vnd.atlas.2024-05-30+json'}}, /Accept version 2024-05-30 is not one of 2023-01-01/],
		];
		for (const [request, problem] of cases) {
			const problems = spec.checkRequest(request);
			assert.ok(problems.some(text => problem.test(text)), `${JSON.stringify(request)} -> ${JSON.stringify(problems)}`);
		}
		const responseProblems = spec.checkResponse(
			{method: 'GET', path: `/api/atlas/v2/groups/${production}/backup/exportBuckets/${DEMO_EXPORT_BUCKET_ID}`, accept: 'application/vnd.atlas.2024-05-30+json'},
			{status: 200, contentType: 'application/vnd.atlas.2024-05-30+json', body: JSON.stringify({id: DEMO_EXPORT_BUCKET_ID, bucketName: 'acme-atlas-snapshots', cloudProvider: 'AWS'})},
		);
		assert.ok(responseProblems.some(text => /required property '_id'/.test(text)), JSON.stringify(responseProblems));
	});
});

describe('v1.0 contract (the seed page)', () => {
	test('requests have the page\'s path, Accept application/json, and exactly its body fields', async () => {
		const {sim, client, exchanges} = await harness({apiVersion: 'v1.0', pretty: true, retry: {limit: 0}});
		try {
			await scenario(client, sim);
			const problems: string[] = [];
			for (const entry of sim.log) {
				const where = `${entry.method} ${entry.path}`;
				if (!entry.path.startsWith('/api/atlas/v1.0/')) problems.push(`${where}: not under /api/atlas/v1.0`);
				// The same resources as v2: the path must be one the spec knows once the prefix is swapped.
				if (!spec.operation(entry.method, entry.path.replace('/api/atlas/v1.0/', '/api/atlas/v2/'))) problems.push(`${where}: unknown resource`);
				if (entry.headers.accept !== 'application/json') problems.push(`${where}: Accept ${entry.headers.accept}`);
				for (const key of Object.keys(entry.query)) if (!['pretty', 'envelope', 'itemsPerPage', 'pageNum'].includes(key)) problems.push(`${where}: query ${key}`);
				if (entry.query.pretty !== 'true') problems.push(`${where}: pretty=true missing (v1.0 takes it on every resource)`);
				if (entry.body !== undefined && entry.headers['content-type'] !== 'application/json') problems.push(`${where}: Content-Type ${entry.headers['content-type']}`);
			}
			assert.deepEqual(problems, []);

			// The page's own request: POST /groups/{GROUP-ID}/backup/exportBuckets with bucketName, cloudProvider, iamRoleId.
			const creates = sim.log.filter(entry => entry.method === 'POST' && /^\/api\/atlas\/v1\.0\/groups\/[a-f\d]{24}\/backup\/exportBuckets$/.test(entry.path) && entry.body !== undefined);
			assert.equal(creates.length, 3);
			for (const entry of creates) {
				const body = JSON.parse(entry.body ?? '') as Record<string, unknown>;
				assert.deepEqual(Object.keys(body).sort(), ['bucketName', 'cloudProvider', 'iamRoleId']);
				assert.equal(body.cloudProvider, 'AWS');
				assert.match(String(body.iamRoleId), /^[a-f\d]{24}$/);
			}
			// The page's response fields (the real API sends _id, the page says id; projectId is not sent).
			const created = exchanges.find(exchange => exchange.method === 'POST' && exchange.status === 200 && exchange.url.includes('/backup/exportBuckets'));
			const response = JSON.parse(created?.responseBody ?? '{}') as Record<string, unknown>;
			assert.match(String(response._id ?? response.id), /^[a-f\d]{24}$/);
			assert.equal(response.bucketName, 'acme-atlas-snapshots');
			assert.equal(response.cloudProvider, 'AWS');
			assert.match(String(response.iamRoleId), /^[a-f\d]{24}$/);
			assert.match(created?.responseHeaders?.['content-type'] ?? '', /^application\/json/);
		} finally {
			await sim.close();
		}
	});
});

// Keep the exchange type in use for readers: onExchange is how responses reach these checks.
export type {HttpExchange};
