// openKeychain and the Keychain wrapper against injected keytars: every way keytar can be missing
// or broken, the timebox, and what reaches keytar (service name, account = profile).
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {createKeychain, KEYCHAIN_SERVICE, KeychainError, openKeychain} from '../../source/credentials/keychain.js';
import type {KeytarLike} from '../../source/credentials/keychain.js';
import {memoryKeytar, runFixture} from './helpers.js';

const envHint = /MONGODB_ATLAS_PUBLIC_API_KEY \/ MONGODB_ATLAS_PRIVATE_API_KEY or --private-key-stdin/;

function loadError(message: string, code?: string): () => Promise<KeytarLike> {
	return async () => {
		throw Object.assign(new Error(message), code ? {code} : {});
	};
}

function assertOneLineReason(access: Awaited<ReturnType<typeof openKeychain>>): string {
	assert.equal(access.available, false);
	if (access.available) throw new Error('unreachable');
	assert.doesNotMatch(access.reason, /\n/);
	assert.match(access.reason, envHint);
	return access.reason;
}

describe('openKeychain: keytar cannot be used', () => {
	test('keytar not installed (ERR_MODULE_NOT_FOUND) -> unavailable, says it is missing', async () => {
		const access = await openKeychain({load: loadError("Cannot find package 'keytar' imported from /x/keychain.js", 'ERR_MODULE_NOT_FOUND')});
		const reason = assertOneLineReason(access);
		assert.match(reason, /keytar .*not installed/);
		assert.equal(!access.available && access.cause, 'missing');
	});

	test('keytar installed but not built (its .node file missing) -> unavailable, load failed', async () => {
		const access = await openKeychain({load: loadError("Cannot find module '../build/Release/keytar.node'\nRequire stack:\n- /x/keytar.js", 'MODULE_NOT_FOUND')});
		const reason = assertOneLineReason(access);
		assert.match(reason, /keytar is installed but failed to load \(Cannot find module '\.\.\/build\/Release\/keytar\.node'\)/);
		assert.equal(!access.available && access.cause, 'load-failed');
	});

	test('libsecret missing -> unavailable, names libsecret', async () => {
		const access = await openKeychain({load: loadError('libsecret-1.so.0: cannot open shared object file: No such file or directory', 'ERR_DLOPEN_FAILED')});
		const reason = assertOneLineReason(access);
		assert.match(reason, /libsecret/);
	});

	test('no D-Bus: the first call rejects and DBUS_SESSION_BUS_ADDRESS is unset -> unavailable, says so', async () => {
		const keytar = memoryKeytar();
		keytar.getPassword = async () => {
			throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
		};

		const access = await openKeychain({load: async () => keytar, env: {}});
		const reason = assertOneLineReason(access);
		assert.match(reason, /no D-Bus session bus \(DBUS_SESSION_BUS_ADDRESS is not set\)/);
		assert.equal(!access.available && access.cause, 'no-dbus');
	});

	test('D-Bus set but the Secret Service errors -> unavailable with its message', async () => {
		const keytar = memoryKeytar();
		keytar.getPassword = async () => {
			throw new Error('The name org.freedesktop.secrets was not provided by any .service files');
		};

		const access = await openKeychain({load: async () => keytar, env: {DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/x'}});
		const reason = assertOneLineReason(access);
		assert.match(reason, /org\.freedesktop\.secrets was not provided/);
		assert.equal(!access.available && access.cause, 'error');
	});

	test('the probe never answers -> unavailable (timeout), and the hung call is abandoned', async () => {
		let disposed = 0;
		const keytar = memoryKeytar();
		keytar.getPassword = async () => new Promise<never>(() => undefined);
		keytar.dispose = () => {
			disposed++;
		};

		// The pending native call would hold the event loop; here a ref'd timer plays its part.
		const hold = setTimeout(() => undefined, 10_000);
		try {
			const access = await openKeychain({load: async () => keytar, timeoutMs: 50});
			const reason = assertOneLineReason(access);
			assert.match(reason, /did not answer within 50 ms/);
			assert.equal(!access.available && access.cause, 'timeout');
			assert.equal(disposed, 1);
		} finally {
			clearTimeout(hold);
		}
	});
});

describe('Keychain calls', () => {
	test('service name atlas-export-bucket, account = profile name; set/get/delete', async () => {
		const keytar = memoryKeytar();
		const access = await openKeychain({load: async () => keytar});
		assert.ok(access.available);
		const {keychain} = access;
		await keychain.setPrivateKey('work', 'secret-1');
		assert.equal(keytar.store.get(`${KEYCHAIN_SERVICE}/work`), 'secret-1');
		assert.equal(await keychain.getPrivateKey('work'), 'secret-1');
		assert.equal(await keychain.getPrivateKey('other'), null);
		assert.equal(await keychain.deletePrivateKey('work'), true);
		assert.equal(await keychain.deletePrivateKey('work'), false);
		assert.ok(keytar.calls.every(call => call.split(' ')[1] === 'atlas-export-bucket'));
	});

	test('a call that never returns -> KeychainError timeout with a message; the hung call is disposed', async () => {
		let disposed = false;
		const keytar = memoryKeytar();
		keytar.setPassword = async () => new Promise<never>(() => undefined);
		keytar.dispose = () => {
			disposed = true;
		};

		const hold = setTimeout(() => undefined, 10_000);
		try {
			const keychain = createKeychain(keytar, 50);
			const error = await keychain.setPrivateKey('p', 'k').then(() => undefined, (error_: unknown) => error_);
			assert.ok(error instanceof KeychainError);
			assert.equal(error.kind, 'timeout');
			assert.match(error.message, /did not answer within 50 ms when trying to store the private key of profile 'p'/);
			assert.match(error.hint ?? '', /unlock/);
			assert.equal(disposed, true);
		} finally {
			clearTimeout(hold);
		}
	});

	test('a call that rejects -> KeychainError failed, message without a stack', async () => {
		const keytar = memoryKeytar();
		keytar.getPassword = async () => {
			throw new Error('Unknown error\n    at somewhere');
		};

		const error = await createKeychain(keytar).getPrivateKey('p').then(() => undefined, (error_: unknown) => error_);
		assert.ok(error instanceof KeychainError);
		assert.equal(error.kind, 'failed');
		assert.equal(error.message, "The keychain could not read the private key of profile 'p': Unknown error.");
	});

	test('an empty private key is never stored', async () => {
		const keytar = memoryKeytar();
		await assert.rejects(createKeychain(keytar).setPrivateKey('p', ''), /empty private key/);
		assert.equal(keytar.store.size, 0);
	});

	test('the wrapper never reaches for findCredentials', async () => {
		const keytar = Object.assign(memoryKeytar(), {
			async findCredentials(): Promise<never> {
				throw new Error('findCredentials must never be called (segfaults on a locked keyring)');
			},
		});
		const access = await openKeychain({load: async () => keytar});
		assert.ok(access.available);
		await access.keychain.setPrivateKey('a', 'b');
		await access.keychain.getPrivateKey('a');
		await access.keychain.deletePrivateKey('a');
		assert.ok(keytar.calls.length > 0);
		assert.ok(keytar.calls.every(call => !call.startsWith('find')));
	});
});

test('after a timeout the process exits by itself (child process)', async () => {
	const result = await runFixture('hanging-fake.ts', ['100'], {guardMs: 20_000});
	assert.equal(result.killedByGuard, false, `the child did not exit: ${result.stderr}`);
	assert.equal(result.code, 0, result.stderr);
	const printed = JSON.parse(result.stdout.trim()) as {kind: string; message: string};
	assert.equal(printed.kind, 'timeout');
	assert.match(printed.message, /did not answer within 100 ms/);
});

describe('deletePrivateKey tells "no such secret" from "could not delete"', () => {
	test('a missing entry: false, and the probe write that proved it leaves nothing behind', async () => {
		const keytar = memoryKeytar();
		const keychain = createKeychain(keytar);
		assert.equal(await keychain.deletePrivateKey('nobody'), false);
		assert.equal(keytar.store.size, 0);
		await keychain.setPrivateKey('someone', 'secret');
		assert.equal(await keychain.deletePrivateKey('someone'), true);
	});

	test('a locked keyring (delete answers false, a write is refused as gnome-keyring refuses it): KeychainError locked', async () => {
		const keytar = memoryKeytar();
		const locked: KeytarLike = {
			...keytar,
			async deletePassword() {
				return false;
			},
			async setPassword() {
				throw new Error('Cannot create an item in a locked collection');
			},
		};
		const error = await createKeychain(locked).deletePrivateKey('work').then(() => undefined, (error_: unknown) => error_);
		assert.ok(error instanceof KeychainError, String(error));
		assert.equal(error.kind, 'locked');
		assert.match(error.message, /could not delete the private key of profile 'work': the keyring is locked/);
		assert.match(error.hint ?? '', /Unlock your keyring/);
	});
});
