// --base-url (and MONGODB_ATLAS_OPS_MANAGER_URL): userinfo, a query or a fragment is refused with
// exit 2 naming the part, before anything is sent or stored, and the userinfo is never printed; plain
// http:// to a host that is not this machine gets a one-line warning.
import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import {DEMO_PROJECTS} from '../../source/simulator/index.js';
import {runInProcess, simEnv, simulator, tempDir} from './helpers.js';

const project = DEMO_PROJECTS.production.id;

describe('the base URL', () => {
	for (const [suffix, part] of [['', /user name or password/], ['/?x=1', /query/], ['/#top', /fragment/]] as const) {
		test(`${suffix === '' ? 'userinfo' : suffix}: exit 2 naming the part, nothing sent, the password never printed`, async t => {
			const sim = await simulator(t);
			const host = new URL(sim.baseUrl).host;
			const url = suffix === '' ? `http://demokeyq:hunter2secret@${host}` : `${sim.baseUrl}${suffix}`;
			const run = await runInProcess(['list', '--project-id', project, '--base-url', url], {env: simEnv(sim, tempDir(t))});
			assert.equal(run.code, 2, run.stderr);
			assert.match(run.stderr, part);
			assert.doesNotMatch(run.stderr + run.stdout, /hunter2secret/);
			assert.equal(sim.log.length, 0);
		});
	}

	test('login with userinfo in the URL: exit 2, no profile stored', async t => {
		const sim = await simulator(t);
		const dir = tempDir(t);
		const host = new URL(sim.baseUrl).host;
		const run = await runInProcess(['login', '--profile', 'p', '--base-url', `http://u:hunter2secret@${host}`], {env: simEnv(sim, dir)});
		assert.equal(run.code, 2, run.stderr);
		assert.doesNotMatch(run.stderr + run.stdout, /hunter2secret/);
		assert.ok(!existsSync(path.join(dir, 'profiles.json')));
		assert.equal(sim.log.length, 0);
	});

	test('plain http:// to another host: one warning line on stderr; to loopback: none', async t => {
		const sim = await simulator(t);
		const remote = await runInProcess(['projects', '--base-url', 'http://atlas-export-bucket-test.invalid', '--timeout', '5'], {env: simEnv(sim, tempDir(t))});
		const warnings = remote.stderr.split('\n').filter(line => line.startsWith('Warning:'));
		assert.equal(warnings.length, 1, remote.stderr);
		assert.match(warnings[0]!, /atlas-export-bucket-test\.invalid is reached over plain http:\/\/: Digest over cleartext/);
		const local = await runInProcess(['projects'], {env: simEnv(sim, tempDir(t))});
		assert.equal(local.code, 0, local.stderr);
		assert.doesNotMatch(local.stderr, /cleartext/);
	});
});
