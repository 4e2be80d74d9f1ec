// Every command with a service account instead of an API key, against the simulator, with the real
// keychain of the test runner (test/run.mjs): the access token is reused across runs, replaced when
// expired, revoked on logout; refusals keep the exit codes of the key pair; --verbose shows no secret.
import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import {openKeychain} from '../../source/credentials/keychain.js';
import {tokenKey} from '../../source/credentials/token-cache.js';
import {DEMO_EXPORT_BUCKET_ID, DEMO_PROJECTS, DEMO_ROLE_IDS, type Simulator} from '../../source/simulator/index.js';
import {keyringSkip, runInProcess, simulator, tempDir} from './helpers.js';

const production = DEMO_PROJECTS.production.id;

function saEnv(sim: Simulator, configDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	return {
		MONGODB_ATLAS_CLIENT_ID: sim.serviceAccount.clientId,
		MONGODB_ATLAS_CLIENT_SECRET: sim.serviceAccount.clientSecret,
		MONGODB_ATLAS_OPS_MANAGER_URL: sim.baseUrl,
		ATLAS_EXPORT_BUCKET_CONFIG_DIR: configDir,
		...extra,
	};
}

const tokenRequests = (sim: Simulator) => sim.log.filter(entry => entry.path === '/api/oauth/token').length;
const apiRequests = (sim: Simulator) => sim.log.filter(entry => entry.path.startsWith('/api/atlas/')).length;

async function storedToken(sim: Simulator): Promise<string | undefined> {
	const access = await openKeychain();
	assert.ok(access.available);
	const text = await access.keychain.getToken(tokenKey(sim.serviceAccount.clientId, sim.baseUrl));
	return text ? (JSON.parse(text) as {accessToken: string}).accessToken : undefined;
}

describe('commands with a service account', {skip: keyringSkip}, () => {
	test('every command works with the same exit codes; N API calls cost N requests plus at most one token request', async t => {
		const sim = await simulator(t);
		const env = saEnv(sim, tempDir(t));
		const runs: Array<[string[], number]> = [
			[['projects', '--json'], 0],
			[['list', '--project-id', production, '--json'], 0],
			[['describe', '--project-id', production, '--bucket-id', DEMO_EXPORT_BUCKET_ID], 0],
			[['roles', '--project-id', production], 0],
			[['create', '--project-id', production, '--iam-role-id', DEMO_ROLE_IDS.productionArchive, '--bucket', 'acme-backup-archive', '--yes'], 0],
			[['create', '--project-id', production, '--iam-role-id', DEMO_ROLE_IDS.productionUnauthorized, '--bucket', 'acme-atlas-snapshots-eu', '--yes'], 1],
			[['describe', '--project-id', production, '--bucket-id', 'ffffffffffffffffffffffff'], 1],
			[['list'], 2],
		];
		for (const [args, code] of runs) {
			const run = await runInProcess(args, {env});
			assert.equal(run.code, code, `${args.join(' ')}: ${run.stderr}`);
		}
		assert.equal(tokenRequests(sim), 1, 'one token for all runs: kept in the keychain between them');
		assert.ok(sim.log.filter(entry => entry.path.startsWith('/api/atlas/')).every(entry => entry.principal === 'serviceAccount'));

		const deleted = await runInProcess(['delete', '--project-id', production, '--bucket-id', DEMO_EXPORT_BUCKET_ID, '--yes'], {env});
		assert.equal(deleted.code, 0, deleted.stderr);
		sim.controls.clearLog();
		const listed = await runInProcess(['list', '--project-id', production], {env});
		assert.equal(listed.code, 0);
		assert.equal(sim.log.length, apiRequests(sim), 'a run with a kept token: API requests only');
	});

	test('a kept token that Atlas no longer takes is replaced silently', async t => {
		const sim = await simulator(t);
		const env = saEnv(sim, tempDir(t));
		assert.equal((await runInProcess(['projects'], {env})).code, 0);
		const first = await storedToken(sim);
		sim.controls.expireTokens();
		const again = await runInProcess(['projects'], {env});
		assert.equal(again.code, 0, again.stderr);
		assert.equal(again.stderr, '');
		assert.equal(tokenRequests(sim), 2);
		const second = await storedToken(sim);
		assert.ok(second && second !== first, 'the keychain holds the new token');
	});

	test('wrong secret: exit 3 with the invalid-client hint; expired secret: its own message; the token endpoint\'s 429: exit 1', async t => {
		const sim = await simulator(t);
		const dir = tempDir(t);
		const wrong = await runInProcess(['projects'], {env: saEnv(sim, dir, {MONGODB_ATLAS_CLIENT_SECRET: 'mdb_sa_sk_wrong'})});
		assert.equal(wrong.code, 3);
		assert.match(wrong.stderr, /client id or the secret is wrong/);
		assert.equal(apiRequests(sim), 0);

		sim.controls.setClientSecretState('revoked');
		const revoked = await runInProcess(['projects'], {env: saEnv(sim, dir)});
		assert.equal(revoked.code, 3);
		assert.match(revoked.stderr, /expired or was revoked/);
		sim.controls.setClientSecretState('valid');

		const basic = `Basic ${Buffer.from(`${sim.serviceAccount.clientId}:${sim.serviceAccount.clientSecret}`).toString('base64')}`;
		for (let index = 0; index < 50; index++) {
			await fetch(`${sim.baseUrl}/api/oauth/token`, {method: 'POST', headers: {authorization: basic, 'content-type': 'application/x-www-form-urlencoded'}, body: 'grant_type=client_credentials'});
		}
		const limited = await runInProcess(['projects'], {env: saEnv(sim, dir)});
		assert.equal(limited.code, 1);
		assert.match(limited.stderr, /50 requests a minute/);
	});

	test('an API key and a service account in the environment at once: exit 2 naming both', async t => {
		const sim = await simulator(t);
		const run = await runInProcess(['projects'], {env: saEnv(sim, tempDir(t), {MONGODB_ATLAS_PUBLIC_API_KEY: sim.keys.publicKey, MONGODB_ATLAS_PRIVATE_API_KEY: sim.keys.privateKey})});
		assert.equal(run.code, 2);
		assert.match(run.stderr, /MONGODB_ATLAS_PUBLIC_API_KEY \/ MONGODB_ATLAS_PRIVATE_API_KEY and MONGODB_ATLAS_CLIENT_ID \/ MONGODB_ATLAS_CLIENT_SECRET/);
		assert.equal(sim.log.length, 0);
	});

	test('--client-secret-stdin with the client id from the environment', async t => {
		const sim = await simulator(t);
		const env = saEnv(sim, tempDir(t));
		delete env.MONGODB_ATLAS_CLIENT_SECRET;
		const run = await runInProcess(['projects', '--client-secret-stdin', '--json'], {env, input: `${sim.serviceAccount.clientSecret}\n`});
		assert.equal(run.code, 0, run.stderr);
		assert.equal(JSON.parse(run.stdout).length, 3);
		const half = await runInProcess(['projects'], {env});
		assert.equal(half.code, 2, 'the client id alone is half a pair');
		assert.match(half.stderr, /MONGODB_ATLAS_CLIENT_ID is set but MONGODB_ATLAS_CLIENT_SECRET is not/);
	});

	test('--verbose shows neither the secret, the Basic header nor the token', async t => {
		const sim = await simulator(t);
		const run = await runInProcess(['projects', '--verbose'], {env: saEnv(sim, tempDir(t))});
		assert.equal(run.code, 0);
		const token = await storedToken(sim);
		assert.ok(token);
		assert.match(run.stderr, /> POST .*\/api\/oauth\/token/);
		assert.match(run.stderr, /"access_token":"\[redacted\]"/);
		for (const secret of [sim.serviceAccount.clientSecret, token, Buffer.from(`${sim.serviceAccount.clientId}:${sim.serviceAccount.clientSecret}`).toString('base64')]) {
			assert.ok(!run.stderr.includes(secret), 'a secret reached --verbose');
		}
	});

	test('login --service-account stores it (client id in the file, secret in the keychain); profiles shows the kind; logout revokes the token', async t => {
		const sim = await simulator(t);
		const dir = tempDir(t);
		const name = `sa-${randomBytes(4).toString('hex')}`;
		const login = await runInProcess(['login', '--service-account', '--profile', name], {env: saEnv(sim, dir)});
		assert.equal(login.code, 0, login.stderr);
		assert.match(login.stdout, /service account mdb_sa_id_/);
		const file = readFileSync(path.join(dir, 'profiles.json'), 'utf8');
		assert.ok(file.includes(sim.serviceAccount.clientId));
		assert.ok(!file.includes(sim.serviceAccount.clientSecret));

		const onlyProfile = {ATLAS_EXPORT_BUCKET_CONFIG_DIR: dir};
		const profiles = await runInProcess(['profiles'], {env: onlyProfile});
		assert.match(profiles.stdout, new RegExp(`^Name {2,}${name} \\(default\\)\nKind {2,}service account\nPublic key / client ID {2,}${sim.serviceAccount.clientId}\n`));
		const listed = await runInProcess(['list', '--profile', name, '--project-id', production, '--base-url', sim.baseUrl], {env: onlyProfile});
		assert.equal(listed.code, 0, listed.stderr);
		const token = await storedToken(sim);
		assert.ok(token);

		const logout = await runInProcess(['logout', '--profile', name, '--base-url', sim.baseUrl], {env: onlyProfile});
		assert.equal(logout.code, 0, logout.stderr);
		assert.match(logout.stdout, /client secret deleted .*access token was revoked/);
		const revoke = sim.log.find(entry => entry.path === '/api/oauth/revoke');
		assert.equal(revoke?.status, 200);
		assert.equal(revoke?.body, `token=${token}&token_type_hint=access_token`);
		const refused = await fetch(`${sim.baseUrl}/api/atlas/v2/groups`, {headers: {authorization: `Bearer ${token}`, accept: 'application/vnd.atlas.2023-01-01+json'}});
		assert.equal(refused.status, 401, 'the revoked token no longer works');
		assert.equal(await storedToken(sim), undefined);
		const access = await openKeychain();
		assert.ok(access.available);
		assert.equal(await access.keychain.getPrivateKey(name), null);
	});

	test('login --service-account with an API key in the environment: exit 2, nothing stored', async t => {
		const sim = await simulator(t);
		const run = await runInProcess(['login', '--service-account'], {env: {MONGODB_ATLAS_PUBLIC_API_KEY: sim.keys.publicKey, MONGODB_ATLAS_PRIVATE_API_KEY: sim.keys.privateKey, MONGODB_ATLAS_OPS_MANAGER_URL: sim.baseUrl, ATLAS_EXPORT_BUCKET_CONFIG_DIR: tempDir(t)}});
		assert.equal(run.code, 2);
		assert.match(run.stderr, /hold an API key/);
	});
});
