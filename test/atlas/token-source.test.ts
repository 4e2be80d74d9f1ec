import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {AccessToken} from '../../source/atlas/oauth-client.js';
import {RENEW_BEFORE_EXPIRY_MS, TokenSource} from '../../source/atlas/token-source.js';

function source(options: {now: () => number; cached?: AccessToken}) {
	const minted: string[] = [];
	const releases: Array<() => void> = [];
	const mint = async () => {
		const token = `t${minted.length + 1}`;
		minted.push(token);
		await new Promise<void>(resolve => releases.push(resolve));
		return {accessToken: token, expiresAt: options.now() + 3_600_000};
	};
	const cache = {
		saved: [] as AccessToken[],
		async load() {
			return options.cached;
		},
		async save(token: AccessToken) {
			this.saved.push(token);
		},
	};
	return {tokens: new TokenSource(mint, cache, options.now), minted, releases, cache};
}

describe('TokenSource', () => {
	test('callers that ask at once share one token request', async () => {
		const {tokens, minted, releases} = source({now: () => 0});
		const asked = [tokens.token(), tokens.token(), tokens.renew('whatever')];
		await new Promise(resolve => setImmediate(resolve));
		assert.equal(minted.length, 1);
		releases.shift()!();
		assert.deepEqual(await Promise.all(asked), ['t1', 't1', 't1']);
	});

	test('a renewal for a token already replaced does not fetch again', async () => {
		const {tokens, minted, releases} = source({now: () => 0});
		const first = tokens.token();
		await new Promise(resolve => setImmediate(resolve));
		releases.shift()!();
		assert.equal(await first, 't1');
		const renewed = tokens.renew('t1');
		await new Promise(resolve => setImmediate(resolve));
		releases.shift()!();
		assert.equal(await renewed, 't2');
		assert.equal(await tokens.renew('t1'), 't2', 'a second caller holding t1 gets t2 without a request');
		assert.equal(minted.length, 2);
	});

	test('a cached token is used while more than a minute is left, and replaced after', async () => {
		let clock = 0;
		const cached = {accessToken: 'cached', expiresAt: 10 * 60_000};
		const {tokens, minted, releases, cache} = source({now: () => clock, cached});
		assert.equal(await tokens.token(), 'cached');
		clock = cached.expiresAt - RENEW_BEFORE_EXPIRY_MS;
		const next = tokens.token();
		await new Promise(resolve => setImmediate(resolve));
		releases.shift()!();
		assert.equal(await next, 't1');
		assert.equal(minted.length, 1);
		assert.deepEqual(cache.saved.map(token => token.accessToken), ['t1']);
	});
});

describe('TokenSource with a short-lived token', () => {
	test('a token that lives under two minutes is used until half its life, and the call that fetched it uses it', async () => {
		let clock = 0;
		let count = 0;
		const tokens = new TokenSource(async () => ({accessToken: `s${++count}`, issuedAt: clock, expiresAt: clock + 30_000}), undefined, () => clock);
		assert.equal(await tokens.token(), 's1');
		assert.equal(await tokens.token(), 's1', 'not fetched again at once');
		clock = 14_999;
		assert.equal(await tokens.token(), 's1');
		clock = 15_000;
		assert.equal(await tokens.token(), 's2');
	});
});
