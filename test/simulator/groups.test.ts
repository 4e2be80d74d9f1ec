import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {demoSeed, DEMO_PROJECTS} from '../../source/simulator/index.js';
import {harness, PRODUCTION, type Harness} from './helpers.js';

describe('simulator projects and the key check', () => {
	let h: Harness;
	before(async () => {
		const seed = demoSeed();
		for (let index = 0; index < 247; index++) {
			seed.projects.push({
				id: `7000000000000000000${index.toString(16).padStart(5, '0')}`,
				name: `Project ${index}`,
				orgId: seed.projects[0]!.orgId,
				created: '2025-01-01T00:00:00Z',
				clusterCount: 0,
			});
		}
		h = await harness({seed});
	});
	after(() => h.sim.close());

	test('GET /groups pages with the default of 100 and links to next and previous pages', async () => {
		const first = await h.client.json('/api/atlas/v2/groups');
		assert.equal(first.status, 200);
		assert.equal(first.body.totalCount, 250);
		assert.equal(first.body.results.length, 100);
		assert.equal(first.body.results[0].id, PRODUCTION);
		assert.equal(first.body.results[0].name, 'Demo Production');
		assert.deepEqual(
			first.body.links.map((link: any) => link.rel),
			['self', 'next'],
		);
		// As recorded: self `?includeCount=true&pageNum=1&itemsPerPage=100`, next ends `&pageNum=2`.
		assert.equal(first.body.links[0].href, `${h.sim.baseUrl}/api/atlas/v2/groups?includeCount=true&pageNum=1&itemsPerPage=100`);
		assert.equal(first.body.links[1].href, `${h.sim.baseUrl}/api/atlas/v2/groups?includeCount=true&itemsPerPage=100&pageNum=2`);

		const last = await h.client.json('/api/atlas/v2/groups?pageNum=3');
		assert.equal(last.body.results.length, 50);
		assert.deepEqual(
			last.body.links.map((link: any) => link.rel),
			['previous', 'self'],
		);
		const beyond = await h.client.json('/api/atlas/v2/groups?pageNum=9');
		assert.deepEqual(beyond.body.results, []);
		assert.equal(beyond.body.totalCount, 250);
	});

	test('itemsPerPage 1 to 500; outside that or not an integer is 400', async () => {
		const all = await h.client.json('/api/atlas/v2/groups?itemsPerPage=500');
		assert.equal(all.body.results.length, 250);
		const single = await h.client.json('/api/atlas/v2/groups?itemsPerPage=1&pageNum=2');
		assert.equal(single.body.results.length, 1);
		assert.equal(single.body.results[0].id, DEMO_PROJECTS.sandbox.id);
		for (const query of ['itemsPerPage=0', 'itemsPerPage=501', 'itemsPerPage=ten', 'pageNum=0', 'pageNum=-1', 'pageNum=1.5']) {
			const result = await h.client.json(`/api/atlas/v2/groups?${query}`);
			assert.equal(result.status, 400, query);
			assert.equal(result.body.errorCode, 'INVALID_QUERY_PARAMETER');
		}
	});

	test('includeCount=false leaves totalCount out', async () => {
		const result = await h.client.json('/api/atlas/v2/groups?includeCount=false&itemsPerPage=2');
		assert.equal(result.body.totalCount, undefined);
		assert.equal(result.body.results.length, 2);
	});

	test('GET /groups/{id} returns the project; bad ids are INVALID_GROUP_ID, unknown ones GROUP_NOT_FOUND', async () => {
		const project = await h.client.json(`/api/atlas/v2/groups/${PRODUCTION}`);
		assert.equal(project.body.id, PRODUCTION);
		assert.equal(project.body.name, 'Demo Production');
		assert.match(project.body.orgId, /^[a-f\d]{24}$/);
		assert.equal(typeof project.body.clusterCount, 'number');
		assert.ok(!Number.isNaN(Date.parse(project.body.created)));
		for (const [id, code] of [
			['6650A1F2C3D4E5F6A7B8C9D0', 'INVALID_GROUP_ID'],
			['6650a1f2c3d4e5f6a7b8c9d', 'INVALID_GROUP_ID'],
			['ffffffffffffffffffffffff', 'GROUP_NOT_FOUND'],
		] as const) {
			const result = await h.client.json(`/api/atlas/v2/groups/${id}`);
			assert.equal(result.status, 404);
			assert.equal(result.body.errorCode, code);
		}
	});

	test('GET /api/atlas/v2 describes the key without its secret', async () => {
		const result = await h.client.json('/api/atlas/v2');
		assert.equal(result.body.apiKey.publicKey, 'demokeyq');
		assert.ok(Array.isArray(result.body.apiKey.roles) && result.body.apiKey.roles.length > 0);
		assert.deepEqual(result.body.apiKey.accessList, []);
		assert.ok(!JSON.stringify(result.body).includes(h.sim.keys.privateKey));
	});
});
