import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {isLoopbackUrl, shownBaseUrl} from '../../source/wizard/base-url.js';
import {profileNameFor} from '../../source/wizard/steps/credentials.js';

describe('base URL on the key step', () => {
	test('loopback addresses are this machine', () => {
		for (const url of ['http://127.0.0.1:4000', 'http://localhost:1', 'http://[::1]:80', 'http://127.1.2.3']) assert.ok(isLoopbackUrl(url), url);
		for (const url of ['https://cloud.mongodb.com', 'https://cloud.mongodbgov.com', 'http://10.0.0.1', 'not a url']) assert.ok(!isLoopbackUrl(url), url);
	});

	test('only a base URL other than the default is shown', () => {
		assert.equal(shownBaseUrl('https://cloud.mongodb.com'), undefined);
		assert.equal(shownBaseUrl('https://cloud.mongodb.com/'), undefined);
		assert.equal(shownBaseUrl('https://cloud.mongodbgov.com'), 'https://cloud.mongodbgov.com');
	});

	test('keys for a local Atlas never go to the default profile', () => {
		assert.equal(profileNameFor('abcdefgh', [], 'https://cloud.mongodb.com'), 'default');
		assert.equal(profileNameFor('abcdefgh', [], 'http://127.0.0.1:4000'), 'simulator');
		assert.equal(profileNameFor('abcdefgh', [{name: 'default', publicKey: 'abcdefgh', isDefault: true}], 'http://127.0.0.1:4000'), 'simulator');
		assert.equal(profileNameFor('abcdefgh', [{name: 'simulator', publicKey: 'other', isDefault: false}], 'http://127.0.0.1:4000'), 'simulator-2');
	});
});
