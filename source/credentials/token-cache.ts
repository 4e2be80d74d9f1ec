// A service account's access token kept in the OS keychain between runs (it is a credential, so it
// goes where the secret goes, never to a file): a script that runs the tool in a loop reuses one
// token instead of minting one per run and meeting the token endpoint's 50-a-minute limit. The entry
// is keyed by client id and base URL, so a token is only ever sent to the Atlas that issued it, and
// is stored with both so a mismatched entry is ignored.
import {createHash} from 'node:crypto';
import type {AccessToken} from '../atlas/oauth-client.js';
import type {TokenCache} from '../atlas/token-source.js';
import type {Keychain} from './keychain.js';

/** The keychain entry's key: client id and a digest of the base URL (a URL can be long and odd). */
export function tokenKey(clientId: string, baseUrl: string): string {
	const origin = createHash('sha256').update(baseUrl.replace(/\/+$/, '')).digest('hex').slice(0, 16);
	return `${clientId}@${origin}`;
}

type StoredToken = {clientId: string; baseUrl: string; accessToken: string; expiresAt: number; issuedAt?: number};

/** The token cache over a keychain that may not be there: `keychain()` resolves to undefined when it is unavailable. */
export function keychainTokenCache(keychain: () => Promise<Pick<Keychain, 'getToken' | 'setToken'> | undefined>, clientId: string, baseUrl: string): TokenCache {
	const key = tokenKey(clientId, baseUrl);
	const normalizedBase = baseUrl.replace(/\/+$/, '');
	return {
		async load() {
			const store = await keychain();
			const text = await store?.getToken(key);
			if (!text) return undefined;
			try {
				const stored = JSON.parse(text) as Partial<StoredToken>;
				if (stored.clientId !== clientId || stored.baseUrl !== normalizedBase) return undefined;
				if (typeof stored.accessToken !== 'string' || typeof stored.expiresAt !== 'number') return undefined;
				return {accessToken: stored.accessToken, expiresAt: stored.expiresAt, ...(typeof stored.issuedAt === 'number' ? {issuedAt: stored.issuedAt} : {})};
			} catch {
				return undefined;
			}
		},
		async save(token: AccessToken) {
			const store = await keychain();
			const stored: StoredToken = {clientId, baseUrl: normalizedBase, accessToken: token.accessToken, expiresAt: token.expiresAt, ...(token.issuedAt === undefined ? {} : {issuedAt: token.issuedAt})};
			await store?.setToken(key, JSON.stringify(stored));
		},
	};
}
