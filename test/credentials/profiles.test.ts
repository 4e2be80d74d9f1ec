// The profile file: round trip, default profile, atomic write with 0600/0700, validation on read,
// and no private key ever in it.
import assert from 'node:assert/strict';
import {readdir, readFile, stat, writeFile, mkdir, chmod} from 'node:fs/promises';
import path from 'node:path';
import {describe, test} from 'node:test';
import {CredentialsError} from '../../source/credentials/errors.js';
import {ConfigDirError, createProfileStore, defaultConfigDir, profileKind} from '../../source/credentials/profiles.js';
import type {Profile} from '../../source/credentials/profiles.js';
import {withTempDir} from './helpers.js';

describe('profile store', () => {
	test('no file yet: empty list, default name "default"', async () => {
		await withTempDir(async dir => {
			const store = createProfileStore({dir: path.join(dir, 'config')});
			assert.deepEqual(await store.list(), []);
			assert.equal(await store.get('default'), undefined);
			assert.equal(await store.getDefaultName(), 'default');
			assert.equal(await store.remove('nothing'), false);
		});
	});

	test('save, get, list (sorted), replace, remove', async () => {
		await withTempDir(async dir => {
			const store = createProfileStore({dir});
			const work: Profile = {name: 'work', publicKey: 'abcdefgh', projectId: '5e2211c17a3e5a48f5497de3', baseUrl: 'https://cloud.mongodbgov.com', apiVersion: 'v1.0'};
			await store.save(work);
			await store.save({name: 'default', publicKey: 'pubkey1'});
			assert.deepEqual(await store.get('work'), work);
			assert.deepEqual((await store.list()).map(profile => profile.name), ['default', 'work']);

			await store.save({name: 'work', publicKey: 'newkey'});
			assert.deepEqual(await store.get('work'), {name: 'work', publicKey: 'newkey'});
			assert.equal((await store.list()).length, 2);

			assert.equal(await store.remove('work'), true);
			assert.equal(await store.get('work'), undefined);
			assert.deepEqual((await store.list()).map(profile => profile.name), ['default']);
		});
	});

	test('setDefault: only an existing profile; removing it clears the default', async () => {
		await withTempDir(async dir => {
			const store = createProfileStore({dir});
			await assert.rejects(store.setDefault('ghost'), (error: unknown) => error instanceof CredentialsError && /No profile named 'ghost'/.test(error.message));
			await store.save({name: 'prod', publicKey: 'pub'});
			await store.setDefault('prod');
			assert.equal(await store.getDefaultName(), 'prod');
			assert.equal(await createProfileStore({dir}).getDefaultName(), 'prod');
			await store.remove('prod');
			assert.equal(await store.getDefaultName(), 'default');
		});
	});

	test('file 0600, directory 0700, written atomically (no temp file left), readable JSON', async () => {
		await withTempDir(async dir => {
			const configDir = path.join(dir, 'nested', 'atlas-export-bucket');
			const store = createProfileStore({dir: configDir});
			await store.save({name: 'default', publicKey: 'pub'});
			assert.equal((await stat(path.join(dir, 'nested'))).mode & 0o777, 0o700, 'every directory it created is 0700');
			assert.equal((await store.location()), path.join(configDir, 'profiles.json'));
			assert.equal((await stat((await store.location()))).mode & 0o777, 0o600);
			assert.equal((await stat(configDir)).mode & 0o777, 0o700);
			// The lock (profiles.json.lock) is gone once the write is done.
			assert.deepEqual(await readdir(configDir), ['profiles.json']);
			const data = JSON.parse(await readFile((await store.location()), 'utf8')) as unknown;
			assert.deepEqual(data, {version: 1, profiles: [{name: 'default', publicKey: 'pub'}]});
		});
	});

	test('an existing looser file is replaced 0600; the existing directory is left as it is', async () => {
		await withTempDir(async dir => {
			await mkdir(path.join(dir, 'cfg'), {mode: 0o755});
			await chmod(path.join(dir, 'cfg'), 0o755);
			const file = path.join(dir, 'cfg', 'profiles.json');
			await writeFile(file, JSON.stringify({version: 1, profiles: []}), {mode: 0o644});
			const store = createProfileStore({dir: path.join(dir, 'cfg')});
			await store.save({name: 'a', publicKey: 'pub'});
			assert.equal((await stat(file)).mode & 0o777, 0o600);
			assert.equal((await stat(path.join(dir, 'cfg'))).mode & 0o7777, 0o755);
		});
	});

	test('a write replaces the file whole: a reader sees the old or the new content, never a mix', async () => {
		await withTempDir(async dir => {
			const store = createProfileStore({dir});
			await store.save({name: 'default', publicKey: 'pub'});
			const before = (await stat((await store.location()))).ino;
			await store.save({name: 'second', publicKey: 'pub2'});
			// A temp file renamed over the old one: a new inode.
			assert.notEqual((await stat((await store.location()))).ino, before);
			assert.equal((await store.list()).length, 2);
		});
	});

	test('concurrent saves in one process lose no profile', async () => {
		await withTempDir(async dir => {
			const names = Array.from({length: 8}, (_, index) => `p${index}`);
			await Promise.all(names.map(async name => createProfileStore({dir}).save({name, publicKey: `pub-${name}`})));
			assert.deepEqual((await createProfileStore({dir}).list()).map(profile => profile.name), names);
		});
	});

	test('ATLAS_EXPORT_BUCKET_CONFIG_DIR overrides the platform directory; else XDG_CONFIG_HOME', async () => {
		assert.equal(await defaultConfigDir({ATLAS_EXPORT_BUCKET_CONFIG_DIR: '/tmp/aeb-x'}), '/tmp/aeb-x');
		const xdg = await defaultConfigDir({});
		assert.match(xdg, /atlas-export-bucket$/);
	});

	test('no home directory: the store fails on use (not on creation) with a one-line error naming ATLAS_EXPORT_BUCKET_CONFIG_DIR', async () => {
		const noHome = async (): Promise<string> => {
			throw new Error('ENOENT: no such file or directory, uv_os_homedir');
		};
		await assert.rejects(defaultConfigDir({}, noHome), (error: unknown) => error instanceof ConfigDirError
			&& !error.message.includes('\n') && (error.hint ?? '').includes('ATLAS_EXPORT_BUCKET_CONFIG_DIR'));
		assert.equal(await defaultConfigDir({ATLAS_EXPORT_BUCKET_CONFIG_DIR: '/tmp/aeb-y'}, noHome), '/tmp/aeb-y');
		const store = createProfileStore({dir: async () => defaultConfigDir({}, noHome)});
		await assert.rejects(store.list(), ConfigDirError);
	});
});

describe('never a private key in the profile file', () => {
	for (const field of ['privateKey', 'private_key', 'apiPrivateKey', 'secret', 'password']) {
		test(`save refuses a profile carrying '${field}' and writes nothing`, async () => {
			await withTempDir(async dir => {
				const store = createProfileStore({dir});
				const sneaky = {name: 'x', publicKey: 'pub', [field]: 'THE-PRIVATE-KEY'} as unknown as Profile;
				await assert.rejects(store.save(sneaky), (error: unknown) =>
					error instanceof CredentialsError && error.message.includes(`'${field}'`) && !error.message.includes('THE-PRIVATE-KEY'));
				await assert.rejects(stat((await store.location())), {code: 'ENOENT'});
			});
		});
	}

	test('unknown extra fields are never written', async () => {
		await withTempDir(async dir => {
			const store = createProfileStore({dir});
			await store.save({name: 'x', publicKey: 'pub', note: 'whatever'} as unknown as Profile);
			const text = await readFile((await store.location()), 'utf8');
			assert.doesNotMatch(text, /note|whatever/);
		});
	});

	test('a file holding a private key is rejected with a clear error naming the file', async () => {
		await withTempDir(async dir => {
			const store = createProfileStore({dir});
			await writeFile((await store.location()), JSON.stringify({version: 1, profiles: [{name: 'x', publicKey: 'pub', privateKey: 'THE-PRIVATE-KEY'}]}));
			await assert.rejects(store.list(), (error: unknown) =>
				error instanceof CredentialsError
				&& error.message.includes(path.join(dir, 'profiles.json'))
				&& /privateKey/.test(error.message)
				&& !error.message.includes('THE-PRIVATE-KEY'));
		});
	});
});

describe('corrupt profile file: a clear error naming the file, no stack trace', () => {
	const cases: Array<[string, string, RegExp]> = [
		['truncated JSON', '{"version":1,"profiles":[', /not valid JSON/],
		['not an object', '[]', /expected a JSON object/],
		['unknown version', '{"version":7,"profiles":[]}', /unsupported version 7/],
		['profiles not an array', '{"version":1,"profiles":{}}', /"profiles" must be an array/],
		['default not a string', '{"version":1,"default":3,"profiles":[]}', /"default" must be a string/],
		['profile without public key', '{"version":1,"profiles":[{"name":"a"}]}', /profile 'a' has no public key/],
		['bad profile name', '{"version":1,"profiles":[{"name":"a b","publicKey":"p"}]}', /invalid name "a b"/],
		['bad api version', '{"version":1,"profiles":[{"name":"a","publicKey":"p","apiVersion":"v3"}]}', /apiVersion other than v2 or v1.0/],
		['bad base URL', '{"version":1,"profiles":[{"name":"a","publicKey":"p","baseUrl":"ftp://x"}]}', /baseUrl that is not an http\(s\) URL/],
		['duplicate names', '{"version":1,"profiles":[{"name":"a","publicKey":"p"},{"name":"a","publicKey":"q"}]}', /'a' appears twice/],
	];
	for (const [label, content, why] of cases) {
		test(label, async () => {
			await withTempDir(async dir => {
				const store = createProfileStore({dir});
				await writeFile((await store.location()), content);
				const error = await store.list().then(() => undefined, (error_: unknown) => error_);
				assert.ok(error instanceof CredentialsError, String(error));
				assert.ok(error.message.startsWith(`The profile file ${(await store.location())} is corrupt: `), error.message);
				assert.match(error.message, why);
				assert.match(error.hint ?? '', /Fix or delete that file/);
				// A write must not silently overwrite a file we could not read.
				await assert.rejects(store.save({name: 'b', publicKey: 'p'}), CredentialsError);
				assert.equal(await readFile((await store.location()), 'utf8'), content);
			});
		});
	}
});

describe('service account profiles', () => {
	test('a profile holds a client id instead of a public key; the file never holds the secret', async () => {
		await withTempDir(async dir => {
			const store = createProfileStore({dir});
			await store.save({name: 'sa', clientId: 'mdb_sa_id_6650a1f2c3d4e5f6a7b8c9fe', projectId: '6650a1f2c3d4e5f6a7b8c9d0'});
			const saved = await store.get('sa');
			assert.deepEqual(saved, {name: 'sa', clientId: 'mdb_sa_id_6650a1f2c3d4e5f6a7b8c9fe', projectId: '6650a1f2c3d4e5f6a7b8c9d0'});
			assert.equal(profileKind(saved!), 'serviceAccount');
			assert.equal(profileKind({}), 'apiKey');
		});
	});
});

describe('save validates', () => {
	for (const [label, profile, why] of [
		['empty name', {name: '', publicKey: 'p'}, /invalid name/],
		['name with a slash', {name: '../x', publicKey: 'p'}, /invalid name/],
		['blank public key', {name: 'a', publicKey: '  '}, /no public key/],
		['bad api version', {name: 'a', publicKey: 'p', apiVersion: 'v9'}, /apiVersion/],
		['bad base URL', {name: 'a', publicKey: 'p', baseUrl: 'not a url'}, /baseUrl/],
		['a public key and a client id', {name: 'a', publicKey: 'p', clientId: 'mdb_sa_id_6650a1f2c3d4e5f6a7b8c9fe'}, /both a public key and a client id/],
		['blank client id', {name: 'a', clientId: ' '}, /no client id/],
		['a client secret field', {name: 'a', clientId: 'mdb_sa_id_6650a1f2c3d4e5f6a7b8c9fe', clientSecret: 's'}, /never stored in the profile file/],
	] as const) {
		test(label, async () => {
			await withTempDir(async dir => {
				await assert.rejects(createProfileStore({dir}).save(profile as unknown as Profile), why);
			});
		});
	}
});
