// Paging as real Atlas was recorded: the `links` hrefs name whatever host the server calls itself,
// so the client pages by pageNum against its own base URL and never follows an href elsewhere.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {demoSeed, startSimulator} from '../../source/simulator/index.js';
import type {HttpExchange} from '../../source/atlas/types.js';
import {authenticated, testClient} from './support.js';

test('listProjects pages by pageNum even when the links name another origin', async () => {
	const seed = demoSeed();
	for (let index = 0; index < 5; index++) {
		seed.projects.push({id: `6650a1f2c3d4e5f6a7b8cb${index.toString().padStart(2, '0')}`, name: `Paged ${index}`, orgId: seed.projects[0]!.orgId, created: '2025-01-01T00:00:00Z', clusterCount: 0});
	}
	const sim = await startSimulator({seed});
	try {
		sim.controls.setPublicOrigin('https://cloud.mongodb.com');
		const exchanges: HttpExchange[] = [];
		const projects = await testClient(sim, {pageSize: 3}, exchanges).listProjects();
		assert.equal(projects.length, 8);
		const pages = exchanges.filter(exchange => exchange.status === 200).map(exchange => JSON.parse(exchange.responseBody ?? '{}') as {links: Array<{href: string; rel: string}>});
		assert.ok(pages[0]!.links.some(link => link.rel === 'next' && link.href.startsWith('https://cloud.mongodb.com/')), 'the next link names another origin');
		assert.ok(exchanges.every(exchange => exchange.url.startsWith(sim.baseUrl)), 'every request went to the base URL');
		assert.deepEqual(authenticated(sim.log).map(entry => entry.query.pageNum), ['1', '2', '3']);
	} finally {
		await sim.close();
	}
});
