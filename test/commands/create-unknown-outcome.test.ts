// A create whose request went out and got no answer is never sent again blindly: the command says the
// outcome is unknown, lists the project's export buckets and reports what Atlas did; Ctrl-C after the
// request went out says so and names `list`.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {DEMO_PROJECTS, DEMO_ROLE_IDS} from '../../source/simulator/index.js';
import {runInProcess, simEnv, simulator, tempDir} from './helpers.js';

const project = DEMO_PROJECTS.production.id;
const role = DEMO_ROLE_IDS.productionArchive;
const args = ['create', '--project-id', project, '--iam-role-id', role, '--bucket', 'acme-backup-archive', '--yes'];

function posts(sim: Awaited<ReturnType<typeof simulator>>) {
	return sim.log.filter(entry => entry.method === 'POST' && entry.path.endsWith('/backup/exportBuckets') && entry.headers.authorization);
}

function registered(sim: Awaited<ReturnType<typeof simulator>>) {
	return sim.log.filter(entry => entry.method === 'GET' && entry.path.endsWith('/backup/exportBuckets') && entry.headers.authorization).length;
}

describe('create: an unknown outcome', () => {
	test('carried out, answer lost: one POST, then the list shows it registered (exit 0)', async t => {
		const sim = await simulator(t);
		sim.controls.injectFault({kind: 'lostAnswer', method: 'POST', path: '/backup/exportBuckets'});
		const run = await runInProcess(args, {env: simEnv(sim, tempDir(t))});
		assert.equal(run.code, 0, run.stderr);
		assert.match(run.stderr, /whether Atlas carried it out is unknown\. Listing the project's export buckets to find out \(nothing is sent again\)/);
		assert.match(run.stderr, /The list shows it registered \(export bucket [a-f\d]{24}\)/);
		assert.match(run.stdout, /Export destination created using 'acme-backup-archive'/);
		assert.equal(posts(sim).length, 1, 'the create was sent once');
		assert.equal(registered(sim), 2, 'listed before and after');
	});

	test('not carried out (reset before Atlas handled it): one POST, the list says so, exit 1, safe to run again', async t => {
		const sim = await simulator(t);
		sim.controls.injectFault({kind: 'reset', method: 'POST', path: '/backup/exportBuckets'});
		const run = await runInProcess(args, {env: simEnv(sim, tempDir(t))});
		assert.equal(run.code, 1);
		assert.match(run.stderr, /show no 'acme-backup-archive' with role .*: Atlas did not register it/);
		assert.match(run.stderr, /running the same command again is safe/);
		assert.equal(run.stdout, '');
		assert.equal(posts(sim).length, 1);
	});

	test('Ctrl-C after the request went out: exit 130, says the outcome is unknown and names list', async t => {
		const sim = await simulator(t);
		sim.controls.injectFault({kind: 'latency', method: 'POST', path: '/backup/exportBuckets', latencyMs: 600_000});
		const controller = new AbortController();
		const running = runInProcess(args, {env: simEnv(sim, tempDir(t)), signal: controller.signal});
		// Cancel once the simulator holds the create (it never answers it).
		while (posts(sim).length === 0) await new Promise(resolve => setImmediate(resolve));
		controller.abort();
		const run = await running;
		assert.equal(run.code, 130);
		assert.match(run.stderr, /Cancelled after the request was sent: the POST request had gone out, so whether Atlas carried it out is unknown/);
		assert.match(run.stderr, new RegExp(`atlas-export-bucket list --project-id ${project}`));
		assert.equal(posts(sim).length, 1);
	});
});
