// What the commands tell a user when the simulator refuses as real Atlas was recorded to: a valid key
// without the role (401 USER_UNAUTHORIZED: the role the operation needs, not "wrong keys"), an API
// access list that the resource or the organization demands (403 *_REQUIRES_ACCESS_LIST: the IP,
// and that this is not the project's network access list), and wrong keys (the recorded 401).
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {DEMO_PROJECTS, DEMO_ROLE_IDS, DEMO_ROLE_KEYS} from '../../source/simulator/index.js';
import {ExitCode} from '../../source/commands/exit-codes.js';
import {runInProcess, simEnv, simulator, tempDir} from './helpers.js';

const project = DEMO_PROJECTS.production.id;

function oneLine(text: string): string {
	return text.replace(/\s+/g, ' ');
}

describe('refusals as recorded from real Atlas', () => {
	test('create with a Project Read Only key: exit 3, the role it needs, not "wrong keys"', async t => {
		const sim = await simulator(t);
		const env = simEnv(sim, tempDir(t), {MONGODB_ATLAS_PUBLIC_API_KEY: DEMO_ROLE_KEYS.readOnly.publicKey, MONGODB_ATLAS_PRIVATE_API_KEY: DEMO_ROLE_KEYS.readOnly.privateKey});
		const listed = await runInProcess(['list', '--project-id', project], {env});
		assert.equal(listed.code, 0, 'reading needs only Project Read Only');
		const run = await runInProcess(['create', '--project-id', project, '--iam-role-id', DEMO_ROLE_IDS.productionArchive, '--bucket', 'acme-backup-archive', '--yes'], {env});
		assert.equal(run.code, ExitCode.auth);
		const stderr = oneLine(run.stderr);
		assert.match(stderr, /accepted the API key but refused this operation \(HTTP 401 USER_UNAUTHORIZED\)/);
		assert.match(stderr, /Registering or deleting an export bucket needs Project Owner or Project Backup Manager\./);
		assert.doesNotMatch(stderr, /public or private key is wrong/);
	});

	test('the same create with a Project Backup Manager key succeeds', async t => {
		const sim = await simulator(t);
		const env = simEnv(sim, tempDir(t), {MONGODB_ATLAS_PUBLIC_API_KEY: DEMO_ROLE_KEYS.backupManager.publicKey, MONGODB_ATLAS_PRIVATE_API_KEY: DEMO_ROLE_KEYS.backupManager.privateKey});
		const run = await runInProcess(['create', '--project-id', project, '--iam-role-id', DEMO_ROLE_IDS.productionArchive, '--bucket', 'acme-backup-archive', '--yes'], {env});
		assert.equal(run.code, 0, run.stderr);
	});

	test('delete with a Project Read Only key names the same roles', async t => {
		const sim = await simulator(t);
		const env = simEnv(sim, tempDir(t), {MONGODB_ATLAS_PUBLIC_API_KEY: DEMO_ROLE_KEYS.readOnly.publicKey, MONGODB_ATLAS_PRIVATE_API_KEY: DEMO_ROLE_KEYS.readOnly.privateKey});
		const run = await runInProcess(['delete', '--project-id', project, '--bucket-id', '6650c3f4a5b6c7d8e9f0a1b2', '--yes'], {env});
		assert.equal(run.code, ExitCode.auth);
		assert.match(oneLine(run.stderr), /needs Project Owner or Project Backup Manager/);
	});

	test('backup endpoints that demand an API access list: exit 3, the caller\'s IP, not the network access list', async t => {
		const sim = await simulator(t);
		sim.controls.requireAccessList({scope: 'resource', endpointSet: 'cloudBackups'});
		const env = simEnv(sim, tempDir(t));
		const run = await runInProcess(['list', '--project-id', project], {env});
		assert.equal(run.code, ExitCode.auth);
		const stderr = oneLine(run.stderr);
		assert.match(stderr, /This Atlas resource requires API keys to have an API access list, and this key has none \(HTTP 403 RESOURCE_REQUIRES_ACCESS_LIST\)/);
		assert.match(stderr, /entry for this machine's IP address 127\.0\.0\.1 to this API key/);
		assert.match(stderr, /not the project's Network Access list/);
		const roles = await runInProcess(['roles', '--project-id', project], {env});
		assert.equal(roles.code, 0, 'only the backup endpoints demand it');
	});

	test('an organization that demands an API access list refuses every call, naming the IP', async t => {
		const sim = await simulator(t);
		sim.controls.requireAccessList({scope: 'organization'});
		const run = await runInProcess(['projects'], {env: simEnv(sim, tempDir(t))});
		assert.equal(run.code, ExitCode.auth);
		const stderr = oneLine(run.stderr);
		assert.match(stderr, /This organization requires API keys to have an API access list/);
		assert.match(stderr, /127\.0\.0\.1/);
		assert.match(stderr, /not the project's Network Access list/);
	});

	test('wrong keys (the recorded 401 UNEXPECTED_ERROR) still say the key pair is wrong', async t => {
		const sim = await simulator(t);
		const env = simEnv(sim, tempDir(t), {MONGODB_ATLAS_PRIVATE_API_KEY: 'not-the-private-key'});
		const run = await runInProcess(['list', '--project-id', project], {env});
		assert.equal(run.code, ExitCode.auth);
		assert.match(oneLine(run.stderr), /rejected the API key pair \(HTTP 401\)/);
	});
});
