// The keychain against a real Secret Service (gnome-keyring in test/run.mjs's private D-Bus
// session), plus real failure modes in child processes: no D-Bus at all, and a Secret Service that
// never answers (its daemon stopped), after which the process must still exit by itself.
import assert from 'node:assert/strict';
import {randomUUID} from 'node:crypto';
import {existsSync} from 'node:fs';
import {mkdtemp, rm} from 'node:fs/promises';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {after, describe, test} from 'node:test';
import {openKeychain} from '../../source/credentials/keychain.js';
import type {Keychain} from '../../source/credentials/keychain.js';
import {createProfileStore} from '../../source/credentials/profiles.js';
import {KeychainError, resolveSettings} from '../../source/credentials/resolve.js';
import {fixtures, LOCK_KEYRING, privateSessionSkip, realKeyringSkip, runChild, runFixture, runInPrivateKeyring, withTempDir} from './helpers.js';

function keytarBuilt(): boolean {
	try {
		const main = createRequire(import.meta.url).resolve('keytar');
		return existsSync(path.join(path.dirname(main), '..', 'build', 'Release', 'keytar.node'));
	} catch {
		return false;
	}
}

const uniqueProfile = () => `test-${process.pid}-${randomUUID().slice(0, 8)}`;

describe('real Secret Service', {skip: realKeyringSkip}, () => {
	const created: string[] = [];
	let keychain: Keychain | undefined;

	after(async () => {
		for (const profile of created) await keychain?.deletePrivateKey(profile);
	});

	test('openKeychain is available and a set/get/delete round trip works', async () => {
		const access = await openKeychain();
		assert.equal(access.available, true, access.available ? '' : access.reason);
		assert.ok(access.available);
		keychain = access.keychain;
		const profile = uniqueProfile();
		created.push(profile);
		const secret = `priv-${randomUUID()}`;

		assert.equal(await keychain.getPrivateKey(profile), null);
		await keychain.setPrivateKey(profile, secret);
		assert.equal(await keychain.getPrivateKey(profile), secret);
		await keychain.setPrivateKey(profile, `${secret}-2`);
		assert.equal(await keychain.getPrivateKey(profile), `${secret}-2`);
		assert.equal(await keychain.deletePrivateKey(profile), true);
		assert.equal(await keychain.getPrivateKey(profile), null);
		assert.equal(await keychain.deletePrivateKey(profile), false);
	});

	test('repeated openKeychain calls share one helper process (no listener per call)', async () => {
		const before = process.listenerCount('exit');
		for (let index = 0; index < 12; index++) {
			const access = await openKeychain();
			assert.ok(access.available);
			assert.equal(await access.keychain.getPrivateKey(`never-stored-${index}`), null);
		}

		assert.ok(process.listenerCount('exit') <= before + 1);
	});

	test('profiles are separate accounts', async () => {
		const access = await openKeychain();
		assert.ok(access.available);
		keychain = access.keychain;
		const [first, second] = [uniqueProfile(), uniqueProfile()];
		created.push(first, second);
		await keychain.setPrivateKey(first, 'one');
		await keychain.setPrivateKey(second, 'two');
		assert.equal(await keychain.getPrivateKey(first), 'one');
		assert.equal(await keychain.getPrivateKey(second), 'two');
		await keychain.deletePrivateKey(first);
		assert.equal(await keychain.getPrivateKey(second), 'two');
	});

	test('resolveSettings reads the profile key from the real keychain; a missing entry is "locked", not "no profile"', async () => {
		await withTempDir(async dir => {
			const profiles = createProfileStore({dir});
			const withKey = uniqueProfile();
			const withoutKey = uniqueProfile();
			created.push(withKey);
			await profiles.save({name: withKey, publicKey: 'pubA'});
			await profiles.save({name: withoutKey, publicKey: 'pubB'});
			const access = await openKeychain();
			assert.ok(access.available);
			keychain = access.keychain;
			await keychain.setPrivateKey(withKey, 'privA');

			const settings = await resolveSettings({flags: {profile: withKey}, env: {}, profiles, openKeychain: async () => openKeychain()});
			assert.deepEqual(settings.keys, {publicKey: 'pubA', privateKey: 'privA'});
			assert.equal(settings.keySource, 'profile');

			const error = await resolveSettings({flags: {profile: withoutKey}, env: {}, profiles, openKeychain: async () => openKeychain()})
				.then(() => undefined, (error_: unknown) => error_);
			assert.ok(error instanceof KeychainError);
			assert.equal(error.kind, 'locked');
			assert.match(error.hint ?? '', /Unlock your keyring/);
		});
	});
});

test('no D-Bus at all: a child process reports the keychain unavailable and exits', async () => {
	const env = {...process.env};
	delete env.DBUS_SESSION_BUS_ADDRESS;
	delete env.DISPLAY;
	delete env.WAYLAND_DISPLAY;
	// No session bus socket to fall back on either.
	const emptyRuntime = await mkdtemp(path.join(tmpdir(), 'aeb-nodbus-'));
	try {
		env.XDG_RUNTIME_DIR = emptyRuntime;
		const result = await runFixture('open-keychain.ts', [], {env, guardMs: 20_000});
		assert.equal(result.killedByGuard, false, 'the child did not exit');
		assert.equal(result.code, 0, result.stderr);
		const printed = JSON.parse(result.stdout.trim()) as {available: boolean; cause?: string; reason?: string};
		assert.equal(printed.available, false);
		// Without a built keytar it cannot get as far as D-Bus; with one (always in CI) it must say D-Bus.
		if (keytarBuilt()) assert.equal(printed.cause, 'no-dbus', printed.reason);
		else assert.ok(['missing', 'load-failed'].includes(printed.cause ?? ''), printed.reason);
		assert.match(printed.reason ?? '', /MONGODB_ATLAS_PRIVATE_API_KEY or --private-key-stdin/);
	} finally {
		await rm(emptyRuntime, {recursive: true, force: true});
	}
});

test('D-Bus address pointing nowhere: a child process reports the keychain unavailable and exits', async () => {
	const env: NodeJS.ProcessEnv = {...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/atlas-export-bucket-test/bus'};
	const result = await runFixture('open-keychain.ts', [], {env, guardMs: 20_000});
	assert.equal(result.killedByGuard, false, 'the child did not exit');
	assert.equal(result.code, 0, result.stderr);
	const printed = JSON.parse(result.stdout.trim()) as {available: boolean; cause?: string; reason?: string};
	assert.equal(printed.available, false);
	if (keytarBuilt()) {
		assert.equal(printed.cause, 'no-dbus', printed.reason);
		assert.match(printed.reason ?? '', /D-Bus session bus at unix:path=\/nonexistent\/atlas-export-bucket-test\/bus cannot be reached/);
	}

	assert.match(printed.reason ?? '', /MONGODB_ATLAS_PRIVATE_API_KEY or --private-key-stdin/);
});

test('a Secret Service that never answers: timeout, and the process still exits by itself', {skip: privateSessionSkip}, async () => {
	// Its own D-Bus session and keyring daemon, stopped with SIGSTOP, so the shared one is untouched.
	const home = await mkdtemp(path.join(tmpdir(), 'aeb-stopped-keyring-'));
	try {
		const env: NodeJS.ProcessEnv = {...process.env, XDG_RUNTIME_DIR: home, XDG_DATA_HOME: home, STOP_KEYRING: '1'};
		delete env.DBUS_SESSION_BUS_ADDRESS;
		const result = await runChild('dbus-run-session', [
			'--', 'sh', path.join(fixtures, 'private-keyring.sh'),
			process.execPath, '--import', 'tsx', path.join(fixtures, 'open-keychain.ts'), '300',
		], {env, guardMs: 20_000});
		// D-Bus's own call timeout is 25 s: without the helper process the child would still be running.
		assert.equal(result.killedByGuard, false, `the child did not exit: ${result.stderr}`);
		assert.equal(result.code, 0, result.stderr);
		const printed = JSON.parse(result.stdout.trim()) as {available: boolean; cause?: string; reason?: string};
		assert.equal(printed.available, false);
		assert.equal(printed.cause, 'timeout');
		assert.match(printed.reason ?? '', /did not answer within 300 ms/);
	} finally {
		await rm(home, {recursive: true, force: true});
	}
});

test('a locked keyring: the stored profile resolves to KeychainError locked, not "no such profile"', {skip: privateSessionSkip}, async () => {
	// Its own D-Bus session and keyring, locked over D-Bus after the key is stored. Without a display
	// nobody can answer the unlock prompt, and keytar's getPassword answers null.
	const home = await mkdtemp(path.join(tmpdir(), 'aeb-locked-keyring-'));
	try {
		const node = `'${process.execPath}' --import tsx '${path.join(fixtures, 'profile-key.ts')}'`;
		const script = `${node} resolve work && ${node} store work priv-work && ${node} resolve work && ${LOCK_KEYRING} && ${node} resolve work`;
		const result = await runInPrivateKeyring(home, script, {env: {ATLAS_EXPORT_BUCKET_CONFIG_DIR: path.join(home, 'config')}});
		assert.equal(result.killedByGuard, false, `the child did not exit: ${result.stderr}`);
		assert.equal(result.code, 0, result.stderr);
		const [missing, stored, unlocked, locked] = result.stdout.trim().split('\n').map(line => JSON.parse(line) as Record<string, string>);
		assert.deepEqual(missing, {error: 'CredentialsError', message: missing?.message});
		assert.match(missing?.message ?? '', /No profile named 'work'/);
		assert.deepEqual(stored, {stored: 'work'});
		assert.deepEqual(unlocked, {keySource: 'profile', privateKey: 'priv-work'});
		assert.equal(locked?.error, 'KeychainError');
		assert.equal(locked?.kind, 'locked');
		assert.match(locked?.message ?? '', /the keyring is locked or the entry is missing/);
	} finally {
		await rm(home, {recursive: true, force: true});
	}
});

test('a locked keyring: deleting a secret is a KeychainError locked, never "there was none"', {skip: privateSessionSkip}, async () => {
	// keytar's deletePassword answers false both for a missing entry and for a locked keyring.
	const home = await mkdtemp(path.join(tmpdir(), 'aeb-locked-delete-'));
	try {
		const node = `'${process.execPath}' --import tsx '${path.join(fixtures, 'profile-key.ts')}'`;
		const script = `${node} store work priv-work && ${node} store gone priv-gone && ${node} delete gone && ${node} delete gone && ${LOCK_KEYRING} && ${node} delete work && ${node} delete missing`;
		const result = await runInPrivateKeyring(home, script, {env: {ATLAS_EXPORT_BUCKET_CONFIG_DIR: path.join(home, 'config')}});
		assert.equal(result.killedByGuard, false, `the child did not exit: ${result.stderr}`);
		assert.equal(result.code, 0, result.stderr);
		const [, , deleted, missingUnlocked, lockedExisting, lockedMissing] = result.stdout.trim().split('\n').map(line => JSON.parse(line) as Record<string, unknown>);
		assert.deepEqual(deleted, {deleted: true});
		assert.deepEqual(missingUnlocked, {deleted: false}, 'unlocked, a missing entry is simply not there');
		for (const locked of [lockedExisting, lockedMissing]) {
			assert.equal(locked?.error, 'KeychainError', JSON.stringify(locked));
			assert.equal(locked?.kind, 'locked');
			assert.match(String(locked?.message), /could not delete the private key of profile '(work|missing)': the keyring is locked/);
		}
	} finally {
		await rm(home, {recursive: true, force: true});
	}
});
