// login / logout / profiles against the real Secret Service of the test runner's private D-Bus
// session (test/run.mjs). Profile names are unique per run: the keyring is shared by test files.
import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import {createRequire} from 'node:module';
import {chmodSync, existsSync, readFileSync, statSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import {openKeychain, type Keychain} from '../../source/credentials/keychain.js';
import {withProfileLock} from '../../source/credentials/profile-lock.js';
import {createProfileStore} from '../../source/credentials/profiles.js';
import {DEMO_PROJECTS} from '../../source/simulator/index.js';
import {LOCK_KEYRING, privateSessionSkip, runInPrivateKeyring} from '../credentials/helpers.js';
import {builtCli, keyringEnv, keyringSkip, runBuilt, runInProcess, simEnv, simulator, tempDir, type Run} from './helpers.js';

/** The test run's keychain; the secrets of `names` are deleted when the test ends. */
async function keychainCleaning(t: {after(fn: () => Promise<void>): void}, names: string[]): Promise<Keychain> {
	const access = await openKeychain();
	assert.ok(access.available);
	t.after(async () => {
		for (const name of names) await access.keychain.deletePrivateKey(name);
	});
	return access.keychain;
}

function uniqueProfile(): string {
	return `t-${randomBytes(4).toString('hex')}`;
}

describe('login, profiles, logout with the OS keychain', {skip: keyringSkip}, () => {
	test('login verifies the keys, stores the secret in the keychain only; profiles lists it; logout removes both', async t => {
		const sim = await simulator(t);
		const dir = tempDir(t);
		const name = uniqueProfile();
		const env = simEnv(sim, dir);

		const login = await runInProcess(['login', '--profile', name, '--project-id', DEMO_PROJECTS.production.id], {env});
		assert.equal(login.code, 0, login.stderr);
		assert.match(login.stdout, new RegExp(`profile '${name}' saved`));
		assert.ok(sim.log.some(entry => entry.path === '/api/atlas/v2' && entry.status === 200), 'the key was checked');

		const file = readFileSync(path.join(dir, 'profiles.json'), 'utf8');
		assert.ok(!file.includes(sim.keys.privateKey), 'private key written to the profile file');
		assert.match(file, new RegExp(sim.keys.publicKey));
		const access = await openKeychain();
		assert.ok(access.available);
		assert.equal(await access.keychain.getPrivateKey(name), sim.keys.privateKey);

		const profiles = await runInProcess(['profiles'], {env});
		assert.equal(profiles.code, 0, profiles.stderr);
		// With the simulator's base URL the row is wider than 80 columns: key/value lines.
		const [nameLine, kindLine, keyLine, projectLine] = profiles.stdout.trimEnd().split('\n');
		assert.match(nameLine!, new RegExp(`^Name {2,}${name} \\(default\\)$`));
		assert.match(kindLine!, /^Kind {2,}API key$/);
		assert.match(keyLine!, new RegExp(`^Public key / client ID {2,}${sim.keys.publicKey}$`));
		assert.match(projectLine!, new RegExp(`^Default project {2,}${DEMO_PROJECTS.production.id}$`));
		const wide = await runInProcess(['profiles'], {env, tty: true, columns: 160});
		assert.match(wide.stdout, new RegExp(`^NAME {2,}KIND {2,}PUBLIC KEY / CLIENT ID {2,}DEFAULT PROJECT {2,}BASE URL {2,}API VERSION\\n${name} \\(default\\) {2,}API key {2,}${sim.keys.publicKey} {2,}${DEMO_PROJECTS.production.id}`));
		assert.ok(!profiles.stdout.includes(sim.keys.privateKey));
		const json = await runInProcess(['profiles', '--json'], {env});
		assert.deepEqual((JSON.parse(json.stdout) as Array<{name: string; isDefault: boolean}>).map(item => [item.name, item.isDefault]), [[name, true]]);

		// The stored profile works on its own: keys from the keychain, project and base URL from the profile.
		const fromProfile = {ATLAS_EXPORT_BUCKET_CONFIG_DIR: dir};
		const list = await runInProcess(['list', '--json'], {env: fromProfile});
		assert.equal(list.code, 0, list.stderr);
		assert.equal((JSON.parse(list.stdout) as unknown[]).length, 1);

		const logout = await runInProcess(['logout', '--profile', name], {env});
		assert.equal(logout.code, 0, logout.stderr);
		assert.equal(await access.keychain.getPrivateKey(name), null);
		assert.equal(await createProfileStore({dir}).get(name), undefined);
		assert.equal((await runInProcess(['logout', '--profile', name], {env})).code, 2, 'nothing left to log out');
	});

	test('key precedence: env beats the profile, --private-key-stdin beats env', async t => {
		const sim = await simulator(t);
		const dir = tempDir(t);
		const name = uniqueProfile();
		const keychain = await keychainCleaning(t, [name]);
		const wrong = '00000000-0000-4000-8000-000000000000';
		await createProfileStore({dir}).save({name, publicKey: sim.keys.publicKey, baseUrl: sim.baseUrl});
		await keychain.setPrivateKey(name, wrong);
		const base = {ATLAS_EXPORT_BUCKET_CONFIG_DIR: dir};

		assert.equal((await runInProcess(['projects', '--profile', name], {env: base})).code, 3, 'the profile key is used (and is wrong)');
		const fromEnv = await runInProcess(['projects', '--profile', name], {env: {...base, MONGODB_ATLAS_PUBLIC_API_KEY: sim.keys.publicKey, MONGODB_ATLAS_PRIVATE_API_KEY: sim.keys.privateKey}});
		assert.equal(fromEnv.code, 0, fromEnv.stderr);
		assert.equal((await runInProcess(['projects', '--profile', name], {env: {...base, MONGODB_ATLAS_PUBLIC_API_KEY: sim.keys.publicKey, MONGODB_ATLAS_PRIVATE_API_KEY: wrong}})).code, 3);
		const fromStdin = await runInProcess(['projects', '--profile', name, '--private-key-stdin'], {env: {...base, MONGODB_ATLAS_PUBLIC_API_KEY: sim.keys.publicKey, MONGODB_ATLAS_PRIVATE_API_KEY: wrong}, input: sim.keys.privateKey});
		assert.equal(fromStdin.code, 0, fromStdin.stderr);
	});

	test('login refuses keys Atlas rejects (exit 3) and stores nothing', async t => {
		const sim = await simulator(t);
		const dir = tempDir(t);
		const name = uniqueProfile();
		const run = await runInProcess(['login', '--profile', name], {env: simEnv(sim, dir, {MONGODB_ATLAS_PRIVATE_API_KEY: '00000000-0000-4000-8000-000000000000'})});
		assert.equal(run.code, 3);
		assert.ok(!existsSync(path.join(dir, 'profiles.json')));
		const access = await openKeychain();
		assert.ok(access.available);
		assert.equal(await access.keychain.getPrivateKey(name), null);
	});

	test('spawned: login with --private-key-stdin, then list with the profile', async t => {
		const sim = await simulator(t);
		const dir = tempDir(t);
		const name = uniqueProfile();
		const env = {...keyringEnv(), ATLAS_EXPORT_BUCKET_CONFIG_DIR: dir, MONGODB_ATLAS_OPS_MANAGER_URL: sim.baseUrl, MONGODB_ATLAS_PUBLIC_API_KEY: sim.keys.publicKey};
		const login = await runBuilt(['login', '--profile', name, '--private-key-stdin', '--verbose'], {env, input: sim.keys.privateKey});
		assert.equal(login.code, 0, login.stderr);
		assert.ok(!(login.stdout + login.stderr).includes(sim.keys.privateKey));
		const list = await runBuilt(['list', '--profile', name, '--project-id', DEMO_PROJECTS.production.id], {env: {...keyringEnv(), ATLAS_EXPORT_BUCKET_CONFIG_DIR: dir}});
		assert.equal(list.code, 0, list.stderr);
		assert.match(list.stdout, /acme-atlas-snapshots/);
		const logout = await runBuilt(['logout', '--profile', name], {env: {...keyringEnv(), ATLAS_EXPORT_BUCKET_CONFIG_DIR: dir}});
		assert.equal(logout.code, 0, logout.stderr);
	});
});

describe('login and profiles.json on a shared machine (real CLI, real keychain)', {skip: keyringSkip}, () => {
	test('10 parallel `login --profile pN` processes keep all 10 profiles and their keys', async t => {
		const sim = await simulator(t);
		const dir = tempDir(t);
		const names = Array.from({length: 10}, (_, index) => `${uniqueProfile()}-p${index}`);
		const keychain = await keychainCleaning(t, names);
		const env = {...keyringEnv(), ATLAS_EXPORT_BUCKET_CONFIG_DIR: dir, MONGODB_ATLAS_OPS_MANAGER_URL: sim.baseUrl, MONGODB_ATLAS_PUBLIC_API_KEY: sim.keys.publicKey};
		const runs = await Promise.all(names.map(async name => runBuilt(['login', '--profile', name, '--private-key-stdin'], {env, input: sim.keys.privateKey})));
		for (const run of runs) assert.equal(run.code, 0, run.stderr);
		const stored = await createProfileStore({dir}).list();
		assert.deepEqual(stored.map(profile => profile.name), [...names].sort());
		for (const name of names) assert.equal(await keychain.getPrivateKey(name), sim.keys.privateKey, name);
		// One of them became the default, and it exists.
		assert.ok(names.includes(await createProfileStore({dir}).getDefaultName()));
	});

	test('login waits for a lock held by another process, says so, and saves after the release', async t => {
		const sim = await simulator(t);
		const dir = tempDir(t);
		const name = uniqueProfile();
		const keychain = await keychainCleaning(t, [name]);
		const file = path.join(dir, 'profiles.json');
		const env = {...keyringEnv(), ATLAS_EXPORT_BUCKET_CONFIG_DIR: dir, MONGODB_ATLAS_OPS_MANAGER_URL: sim.baseUrl, MONGODB_ATLAS_PUBLIC_API_KEY: sim.keys.publicKey};
		let login: Promise<Run> | undefined;
		await withProfileLock(file, async () => {
			// Until it says it waits (or, without a lock, until it is done: then the assertions below fail).
			await new Promise<void>(resolve => {
				login = runBuilt(['login', '--profile', name, '--private-key-stdin'], {env, input: sim.keys.privateKey, onStderr(stderr) {
					if (stderr.includes('Waiting for another atlas-export-bucket')) resolve();
				}});
				void login.finally(resolve);
			});
			assert.ok(!existsSync(file), 'nothing written while the lock is held');
			assert.equal(await keychain.getPrivateKey(name), null, 'no secret stored before the profile can be written');
		});
		const run = await login!;
		assert.equal(run.code, 0, run.stderr);
		assert.equal(run.stderr.trim(), `Waiting for another atlas-export-bucket to finish changing ${file}…`);
		assert.ok(await createProfileStore({dir}).get(name));
		assert.equal(await keychain.getPrivateKey(name), sim.keys.privateKey);
	});

	test('a symlink at profiles.json: login refuses, names the path, stores no secret, and the link target is untouched', async t => {
		const sim = await simulator(t);
		const dir = tempDir(t);
		const name = uniqueProfile();
		const target = path.join(dir, 'target.json');
		writeFileSync(target, 'theirs');
		symlinkSync(target, path.join(dir, 'profiles.json'));
		const run = await runInProcess(['login', '--profile', name], {env: simEnv(sim, dir)});
		assert.notEqual(run.code, 0);
		assert.match(run.stderr, new RegExp(`The profile file ${path.join(dir, 'profiles.json')} is a symbolic link: refused`));
		assert.equal(readFileSync(target, 'utf8'), 'theirs');
		const access = await openKeychain();
		assert.ok(access.available);
		assert.equal(await access.keychain.getPrivateKey(name), null);
	});

	test('login into an existing 1777 config directory leaves its mode alone', async t => {
		const sim = await simulator(t);
		const dir = tempDir(t);
		const name = uniqueProfile();
		chmodSync(dir, 0o1777);
		const keychain = await keychainCleaning(t, [name]);
		const run = await runInProcess(['login', '--profile', name], {env: simEnv(sim, dir)});
		assert.equal(run.code, 0, run.stderr);
		assert.equal(statSync(dir).mode & 0o7777, 0o1777);
		assert.equal(statSync(path.join(dir, 'profiles.json')).mode & 0o777, 0o600);
	});
});

describe('login and logout without a keychain', () => {
	test('spawned without D-Bus: one line why, non-zero exit, nothing written in plaintext', async t => {
		const sim = await simulator(t);
		const dir = tempDir(t);
		const run = await runBuilt(['login', '--profile', uniqueProfile()], {env: {...simEnv(sim, dir), DBUS_SESSION_BUS_ADDRESS: ''}});
		assert.notEqual(run.code, 0);
		assert.match(run.stderr, /keychain unavailable/i);
		assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
		assert.ok(!existsSync(path.join(dir, 'profiles.json')));
		assert.equal(run.stdout, '');
	});

	test('spawned logout without D-Bus: exit 1, one line, the profile is kept', async t => {
		const dir = tempDir(t);
		await createProfileStore({dir}).save({name: 'kept', publicKey: 'abcdefgh'});
		const run = await runBuilt(['logout', '--profile', 'kept'], {env: {ATLAS_EXPORT_BUCKET_CONFIG_DIR: dir, DBUS_SESSION_BUS_ADDRESS: ''}});
		assert.equal(run.code, 1);
		assert.match(run.stderr, /keychain unavailable.*Nothing was removed\.$/im);
		assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
		assert.ok(await createProfileStore({dir}).get('kept'));
	});
});

describe('logout with a locked keyring (its own D-Bus session and gnome-keyring)', {skip: privateSessionSkip}, () => {
	test('the built CLI: exit 1, says the keyring is locked and what to do, keeps the profile; unlocked, a missing secret still logs out', async t => {
		const sim = await simulator(t);
		const home = tempDir(t);
		const dir = path.join(home, 'config');
		const cli = `'${process.execPath}' '${builtCli}'`;
		// 'bare' has a profile but no secret (removed behind its back): unlocked, logout still succeeds.
		const script = [
			`${cli} login --profile work >/dev/null`,
			`${cli} login --profile bare >/dev/null`,
			`'${process.execPath}' -e "require(process.env.KT).deletePassword('atlas-export-bucket', 'bare').then(r => process.exit(r ? 0 : 1))"`,
			`${cli} logout --profile bare; echo "bare-exit:$?"`,
			LOCK_KEYRING,
			`${cli} logout --profile work; echo "work-exit:$?"`,
		].join(' && ');
		const result = await runInPrivateKeyring(home, script, {env: {...simEnv(sim, dir), KT: createRequire(import.meta.url).resolve('keytar')}, guardMs: 60_000});
		assert.equal(result.killedByGuard, false, `the child did not exit: ${result.stderr}`);
		assert.equal(result.code, 0, result.stdout + result.stderr);
		assert.match(result.stdout, /Logged out: profile 'bare' removed\.\nbare-exit:0\n/);
		assert.match(result.stdout, /work-exit:1\n/);
		assert.doesNotMatch(result.stdout, /Logged out: profile 'work'/);
		assert.match(result.stderr, /Error: The keychain could not delete the private key of profile 'work': the keyring is locked/);
		assert.match(result.stderr, /Not logged out: the private key may still be in the keychain, so profile 'work' was kept\. Unlock your keyring .*then run `atlas-export-bucket logout --profile work` again\./);
		assert.deepEqual((await createProfileStore({dir}).list()).map(profile => profile.name), ['work']);
	});
});
