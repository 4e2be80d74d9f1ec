import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {md5, NonceStore, parseDigestHeader, REALM} from '../../source/simulator/digest.js';

describe('simulator Digest header parsing', () => {
	test('quoted values may hold commas, escaped quotes and spaces; unquoted ones end at a comma', () => {
		const params = parseDigestHeader('Digest username="demo,key", realm="MMS Public API", uri="/a?b=1,2", qop=auth, nc=00000001, cnonce="a\\"b"');
		assert.deepEqual(params, {username: 'demo,key', realm: REALM, uri: '/a?b=1,2', qop: 'auth', nc: '00000001', cnonce: 'a"b'});
	});

	test('the scheme is case-insensitive and other schemes are not Digest', () => {
		assert.equal(parseDigestHeader('digest username="x"')?.username, 'x');
		assert.equal(parseDigestHeader('Basic ZGVtbzpzZWNyZXQ='), undefined);
		assert.equal(parseDigestHeader('Digest =broken'), undefined);
	});

	test('verify accepts the RFC 2617 qop=auth response and counts nc per nonce', () => {
		const store = new NonceStore(1000);
		const nonce = store.issue(0);
		const credentials = (username: string) => (username === 'demokeyq' ? 'secret' : undefined);
		const sign = (nc: string, uri = '/api/atlas/v2') => {
			const ha1 = md5(`demokeyq:${REALM}:secret`);
			const ha2 = md5(`GET:${uri}`);
			const response = md5(`${ha1}:${nonce}:${nc}:c1:auth:${ha2}`);
			return `Digest username="demokeyq", realm="${REALM}", nonce="${nonce}", uri="${uri}", response="${response}", qop=auth, nc=${nc}, cnonce="c1", algorithm=MD5`;
		};
		assert.deepEqual(store.verify(sign('00000001'), 'GET', '/api/atlas/v2', credentials, 10), {ok: true, username: 'demokeyq'});
		assert.equal(store.verify(sign('00000001'), 'GET', '/api/atlas/v2', credentials, 10).ok, false);
		assert.equal(store.verify(sign('0000000a'), 'GET', '/api/atlas/v2', credentials, 10).ok, true);
		assert.deepEqual(store.verify(sign('0000000b'), 'GET', '/api/atlas/v2', credentials, 1000), {ok: false, stale: true, reason: 'nonce expired'});
		assert.equal(store.verify(sign('1'), 'GET', '/api/atlas/v2', credentials, 10).ok, false, 'nc is 8 hex digits');
		assert.equal(store.verify(sign('00000001').replace('qop=auth', 'qop=auth-int'), 'GET', '/api/atlas/v2', credentials, 10).ok, false);
		assert.equal(store.verify(sign('00000001').replace(`realm="${REALM}"`, 'realm="Other"'), 'GET', '/api/atlas/v2', credentials, 10).ok, false);
	});

	test('the challenge has Atlas\'s exact shape', () => {
		const store = new NonceStore(1000);
		assert.match(store.challenge(false), /^Digest realm="MMS Public API", domain="", nonce="[\w-]{32}", algorithm=MD5, qop="auth", stale=false$/);
		assert.match(store.challenge(true), /stale=true$/);
	});
});
