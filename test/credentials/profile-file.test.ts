// profiles.json on a shared machine: only a regular file of this user is read or replaced (a
// symlink, FIFO, directory or device at its path is refused, never followed or waited on), a
// directory the tool did not create is never chmodded, and a save whose write fails puts the
// keychain back as it was.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {chmod, chown, lstat, mkdir, readFile, readlink, rm, stat, symlink, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {describe, test} from 'node:test';
import {CredentialsError} from '../../source/credentials/errors.js';
import {createKeychain, storeSecretWithUndo} from '../../source/credentials/keychain.js';
import {MAX_PROFILE_FILE_BYTES} from '../../source/credentials/profile-file.js';
import {createProfileStore} from '../../source/credentials/profiles.js';
import {memoryKeytar, withTempDir} from './helpers.js';

const refusal = (file: string, kind: RegExp) => (error: unknown) =>
	error instanceof CredentialsError && error.message.includes(file) && kind.test(error.message) && /refused/.test(error.message);

describe('only a regular file at the profile path', () => {
	test('a symbolic link is refused on read and on write; neither it nor its target changes', async () => {
		await withTempDir(async dir => {
			const target = path.join(dir, 'elsewhere.json');
			const original = JSON.stringify({version: 1, profiles: [{name: 'theirs', publicKey: 'pub'}]});
			await writeFile(target, original);
			const store = createProfileStore({dir: path.join(dir, 'cfg')});
			await mkdir(path.join(dir, 'cfg'));
			const file = await store.location();
			await symlink(target, file);

			await assert.rejects(store.list(), refusal(file, /symbolic link/));
			await assert.rejects(store.save({name: 'mine', publicKey: 'pub'}), refusal(file, /symbolic link/));
			assert.equal(await readFile(target, 'utf8'), original);
			assert.equal(await readlink(file), target);
		});
	});

	test('a symbolic link to /dev/zero is refused at once (nothing is read through it)', async () => {
		await withTempDir(async dir => {
			const store = createProfileStore({dir});
			await symlink('/dev/zero', await store.location());
			await assert.rejects(store.list(), refusal(await store.location(), /symbolic link/));
		});
	});

	test('a FIFO is refused without waiting for a writer, on read and on write', async () => {
		await withTempDir(async dir => {
			const store = createProfileStore({dir});
			const file = await store.location();
			assert.equal(spawnSync('mkfifo', [file]).status, 0, 'mkfifo');
			// A plain open of a FIFO blocks until a writer comes: this would never settle.
			await assert.rejects(store.list(), refusal(file, /FIFO/));
			await assert.rejects(store.save({name: 'a', publicKey: 'pub'}), refusal(file, /FIFO/));
			assert.ok((await lstat(file)).isFIFO());
		});
	});

	test('a directory is refused', async () => {
		await withTempDir(async dir => {
			const store = createProfileStore({dir});
			await mkdir(await store.location());
			await assert.rejects(store.list(), refusal(await store.location(), /a directory/));
			await assert.rejects(store.save({name: 'a', publicKey: 'pub'}), refusal(await store.location(), /a directory/));
		});
	});

	test('a file larger than any profile file is refused', async () => {
		await withTempDir(async dir => {
			const store = createProfileStore({dir});
			await writeFile(await store.location(), ' '.repeat(MAX_PROFILE_FILE_BYTES + 1));
			await assert.rejects(store.list(), refusal(await store.location(), /larger than a profile file can be/));
		});
	});

	test('a file owned by another user is refused', {skip: process.getuid?.() === 0 ? false : 'needs root to give a file away'}, async () => {
		await withTempDir(async dir => {
			const store = createProfileStore({dir});
			const file = await store.location();
			await writeFile(file, JSON.stringify({version: 1, profiles: []}));
			await chown(file, 65_534, 65_534);
			await assert.rejects(store.list(), refusal(file, /owned by another user \(uid 65534\)/));
		});
	});

	test('a symlinked config directory is followed (only the file itself must be regular)', async () => {
		await withTempDir(async dir => {
			await mkdir(path.join(dir, 'real'), {mode: 0o700});
			await symlink(path.join(dir, 'real'), path.join(dir, 'linked'));
			const store = createProfileStore({dir: path.join(dir, 'linked')});
			await store.save({name: 'a', publicKey: 'pub'});
			assert.deepEqual((await createProfileStore({dir: path.join(dir, 'real')}).list()).map(profile => profile.name), ['a']);
		});
	});
});

describe('a directory the tool did not create keeps its mode', () => {
	for (const mode of [0o1777, 0o777]) {
		test(`an existing ${mode.toString(8)} directory is not chmodded; the file is 0600`, async () => {
			await withTempDir(async dir => {
				const shared = path.join(dir, 'shared');
				await mkdir(shared);
				await chmod(shared, mode);
				const store = createProfileStore({dir: shared});
				await store.save({name: 'a', publicKey: 'pub'});
				await store.remove('a');
				assert.equal((await stat(shared)).mode & 0o7777, mode);
				assert.equal((await stat(await store.location())).mode & 0o777, 0o600);
			});
		});
	}

	test('only the directories it creates are made 0700, not the existing parent', async () => {
		await withTempDir(async dir => {
			await chmod(dir, 0o1777);
			const store = createProfileStore({dir: path.join(dir, 'a', 'b')});
			await store.save({name: 'x', publicKey: 'pub'});
			assert.equal((await stat(dir)).mode & 0o7777, 0o1777);
			assert.equal((await stat(path.join(dir, 'a'))).mode & 0o7777, 0o700);
			assert.equal((await stat(path.join(dir, 'a', 'b'))).mode & 0o7777, 0o700);
		});
	});
});

describe('a save that fails leaves no secret behind', () => {
	test('the write fails after the secret was stored: the secret is deleted again', async () => {
		await withTempDir(async dir => {
			const keytar = memoryKeytar();
			const keychain = createKeychain(keytar);
			const store = createProfileStore({dir});
			const error = await store.save({name: 'work', publicKey: 'pub'}, {
				async beforeWrite() {
					const undo = await storeSecretWithUndo(keychain, 'work', 'priv-new');
					assert.equal(await keychain.getPrivateKey('work'), 'priv-new');
					// The write then fails: something that is not a regular file took the path meanwhile.
					await mkdir(await store.location());
					return undo;
				},
			}).then(() => undefined, (error_: unknown) => error_);
			assert.ok(refusal(await store.location(), /a directory/)(error), String(error));
			assert.equal(await keychain.getPrivateKey('work'), null);
			assert.equal(keytar.store.size, 0);
		});
	});

	test('replacing a profile whose write fails puts the previous secret back', async () => {
		await withTempDir(async dir => {
			const keychain = createKeychain(memoryKeytar());
			const store = createProfileStore({dir});
			await store.save({name: 'work', publicKey: 'pub-old'}, {beforeWrite: async () => storeSecretWithUndo(keychain, 'work', 'priv-old')});
			await assert.rejects(store.save({name: 'work', publicKey: 'pub-new'}, {
				async beforeWrite() {
					const undo = await storeSecretWithUndo(keychain, 'work', 'priv-new');
					await rm(await store.location());
					await mkdir(await store.location());
					return undo;
				},
			}), refusal(await store.location(), /a directory/));
			assert.equal(await keychain.getPrivateKey('work'), 'priv-old');
		});
	});

	test('a file that cannot be read or updated stops the save before the keychain is touched', async () => {
		await withTempDir(async dir => {
			const keytar = memoryKeytar();
			const store = createProfileStore({dir});
			await writeFile(await store.location(), '{"version":1,"profiles":[');
			let called = false;
			await assert.rejects(store.save({name: 'work', publicKey: 'pub'}, {
				async beforeWrite() {
					called = true;
					return storeSecretWithUndo(createKeychain(keytar), 'work', 'priv');
				},
			}), /corrupt/);
			assert.equal(called, false);
			assert.equal(keytar.store.size, 0);
		});
	});
});
