// The wizard's save of a profile hears when another process holds the profile file's lock (the key
// step then says why nothing happens) and writes once the lock is released.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {withProfileLock} from '../../source/credentials/profile-lock.js';
import {createWizardServices} from '../../source/wizard/services.js';
import {fakeKeychain} from './simulator-session.js';

test('saveProfile: onLockWait names the locked file, the profile is written after the holder lets go', async () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'wizard-profile-lock-'));
	try {
		const file = path.join(dir, 'profiles.json');
		const keychain = fakeKeychain();
		const services = createWizardServices({env: {}, profilesDir: dir, keychain: keychain.access});
		let waitedFor: string | undefined;
		let heard!: () => void;
		const waiting = new Promise<void>(resolve => {
			heard = resolve;
		});
		let saved: Promise<void> | undefined;
		await withProfileLock(file, async () => {
			saved = services.saveProfile('work', {publicKey: 'abcdefgh', privateKey: '2a1b3c4d-0000-4000-8000-000000000000'}, undefined, {
				onLockWait(locked) {
					waitedFor = locked;
					heard();
				},
			});
			await waiting;
		});
		await saved;
		assert.equal(waitedFor, file);
		assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')).profiles.map((profile: {name: string}) => profile.name), ['work']);
		assert.equal(keychain.stored.get('work'), '2a1b3c4d-0000-4000-8000-000000000000');
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
});
