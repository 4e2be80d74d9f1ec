// The profile file's cross-process lock, driven deterministically: the test holds the lock itself
// (as another process would), starts a writer, sees it wait, then releases. No sleeps.
import assert from 'node:assert/strict';
import {mkdir, readFile, utimes, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {describe, test} from 'node:test';
import {CredentialsError} from '../../source/credentials/errors.js';
import {LOCK_STALE_MS, lockPathOf, withProfileLock} from '../../source/credentials/profile-lock.js';
import {createProfileStore} from '../../source/credentials/profiles.js';
import {withTempDir} from './helpers.js';

describe('profile file lock', () => {
	test('a writer waits while another holds the lock, says so once, and writes after the release', async () => {
		await withTempDir(async dir => {
			const file = path.join(dir, 'profiles.json');
			let waits = 0;
			let signalWaiting: () => void = () => undefined;
			const waiting = new Promise<void>(resolve => {
				signalWaiting = resolve;
			});
			const store = createProfileStore({dir, onLockWait(lockedFile) {
				assert.equal(lockedFile, file);
				waits++;
				signalWaiting();
			}});
			let saved: Promise<void> | undefined;
			await withProfileLock(file, async () => {
				// Written by the holder while the writer waits: the writer must keep it (read after the lock).
				await writeFile(file, JSON.stringify({version: 1, profiles: [{name: 'holder', publicKey: 'pub-holder'}]}));
				saved = store.save({name: 'writer', publicKey: 'pub-writer'});
				await waiting;
				assert.deepEqual(JSON.parse(await readFile(file, 'utf8')).profiles, [{name: 'holder', publicKey: 'pub-holder'}], 'nothing written while the lock is held');
			});
			await saved;
			assert.equal(waits, 1);
			assert.deepEqual((await store.list()).map(profile => profile.name), ['holder', 'writer']);
		});
	});

	test('the wait is bounded: a lock still held then is a clear error naming the file and the lock, nothing written', async () => {
		await withTempDir(async dir => {
			const file = path.join(dir, 'profiles.json');
			const store = createProfileStore({dir, lockWaitMs: 0});
			await withProfileLock(file, async () => {
				const error = await store.save({name: 'a', publicKey: 'pub'}).then(() => undefined, (error_: unknown) => error_);
				assert.ok(error instanceof CredentialsError, String(error));
				assert.match(error.message, /^Another atlas-export-bucket is changing the profile file .*profiles\.json: its lock \(.*profiles\.json\.lock\) was still held after 0 s\.$/);
				assert.match(error.hint ?? '', /taken over 10 s after its last refresh, or remove .*profiles\.json\.lock/);
				await assert.rejects(readFile(file), {code: 'ENOENT'});
			});
		});
	});

	test('a lock left by a process that died (not refreshed for longer than the stale time) is taken over without waiting', async () => {
		await withTempDir(async dir => {
			const file = path.join(dir, 'profiles.json');
			await mkdir(lockPathOf(file));
			const past = new Date(Date.now() - LOCK_STALE_MS - 60_000);
			await utimes(lockPathOf(file), past, past);
			let waited = false;
			const store = createProfileStore({dir, lockWaitMs: 0, onLockWait() {
				waited = true;
			}});
			await store.save({name: 'a', publicKey: 'pub'});
			assert.equal(waited, false);
			assert.deepEqual((await store.list()).map(profile => profile.name), ['a']);
		});
	});

	test('a fresh lock left behind is not taken over early', async () => {
		await withTempDir(async dir => {
			await mkdir(lockPathOf(path.join(dir, 'profiles.json')));
			await assert.rejects(createProfileStore({dir, lockWaitMs: 0}).remove('a'), /Another atlas-export-bucket is changing the profile file/);
		});
	});
});
