// logout's part for a service account: the access token this tool keeps in the keychain is revoked
// at Atlas (POST /api/oauth/revoke, with the client secret) and removed from the keychain, so it
// stops working at once instead of at the end of its hour.
import {revokeToken} from '../atlas/oauth-client.js';
import type {Keychain} from '../credentials/keychain.js';
import type {Profile} from '../credentials/profiles.js';
import {tokenKey} from '../credentials/token-cache.js';
import type {CommandIo} from './io.js';
import type {GlobalOptions} from './options.js';
import {createVerboseLogger} from './verbose.js';

export type TokenRevocation = 'revoked' | 'none' | {failed: string};

export async function revokeStoredToken(profile: Profile & {clientId: string}, settings: {baseUrl: string; timeoutMs: number}, keychain: Keychain, options: GlobalOptions, io: CommandIo): Promise<TokenRevocation> {
	const key = tokenKey(profile.clientId, settings.baseUrl);
	const stored = await keychain.getToken(key);
	if (!stored) return 'none';
	let outcome: TokenRevocation = 'none';
	const secret = await keychain.getPrivateKey(profile.name);
	try {
		const {accessToken} = JSON.parse(stored) as {accessToken?: unknown};
		if (typeof accessToken === 'string' && secret) {
			await revokeToken({
				baseUrl: settings.baseUrl,
				account: {clientId: profile.clientId, clientSecret: secret},
				timeoutMs: settings.timeoutMs,
				now: Date.now,
				...(options.verbose ? {onExchange: createVerboseLogger(io, [secret, accessToken])} : {}),
			}, accessToken, io.signal);
			outcome = 'revoked';
		}
	} catch (error) {
		outcome = {failed: error instanceof Error ? error.message : String(error)};
	}
	await keychain.deleteToken(key);
	return outcome;
}
