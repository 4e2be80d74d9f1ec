// The service account's access token for one client: fetched once, reused until a minute before it
// expires, replaced once when the API says it no longer works, never fetched twice at once. An
// optional cache (the keychain, beside the secret) lets the next run start with the token this run
// got; a cached token that turns out expired or revoked is replaced like any other.
import type {AccessToken} from './oauth-client.js';

/**
 * Renew this long before the token's expiry, so a call never starts with a token about to die. A
 * token that lives less than two minutes (never Atlas's hour) is renewed at half its life instead,
 * so the token just fetched is still the one the call uses.
 */
export const RENEW_BEFORE_EXPIRY_MS = 60_000;

export type TokenCache = {
	/** The stored token, or undefined (none, unreadable, or for another client or base URL). */
	load(): Promise<AccessToken | undefined>;
	save(token: AccessToken): Promise<void>;
};

export class TokenSource {
	private current: AccessToken | undefined;
	private cacheRead = false;
	private pending: Promise<AccessToken> | undefined;

	constructor(
		private readonly mint: (signal?: AbortSignal) => Promise<AccessToken>,
		private readonly cache: TokenCache | undefined,
		private readonly now: () => number,
	) {}

	/** A token to send now. */
	async token(signal?: AbortSignal): Promise<string> {
		const current = this.current;
		if (current && this.usable(current)) return current.accessToken;
		return (await this.obtain(false, signal)).accessToken;
	}

	/** The API refused `refused`: a new token, unless another call already replaced it. */
	async renew(refused: string, signal?: AbortSignal): Promise<string> {
		const current = this.current;
		if (current && current.accessToken !== refused && this.usable(current)) return current.accessToken;
		if (current?.accessToken === refused) this.current = undefined;
		return (await this.obtain(true, signal)).accessToken;
	}

	/** The token in hand (for logout's revoke), without fetching one. */
	async held(): Promise<AccessToken | undefined> {
		if (!this.current && !this.cacheRead) {
			this.cacheRead = true;
			this.current = await this.readCache();
		}
		return this.current;
	}

	private usable(token: AccessToken): boolean {
		const lifetime = token.issuedAt === undefined ? Number.POSITIVE_INFINITY : token.expiresAt - token.issuedAt;
		return this.now() < token.expiresAt - Math.min(RENEW_BEFORE_EXPIRY_MS, lifetime / 2);
	}

	private obtain(skipCache: boolean, signal: AbortSignal | undefined): Promise<AccessToken> {
		this.pending ??= (async () => {
			if (!skipCache && !this.cacheRead) {
				this.cacheRead = true;
				const cached = await this.readCache();
				if (cached && this.usable(cached)) {
					this.current = cached;
					return cached;
				}
			}
			this.cacheRead = true;
			const fresh = await this.mint(signal);
			this.current = fresh;
			// A cache that cannot be written only costs the next run a token request.
			await this.cache?.save(fresh).catch(() => undefined);
			return fresh;
		})().finally(() => {
			this.pending = undefined;
		});
		return this.pending;
	}

	private async readCache(): Promise<AccessToken | undefined> {
		try {
			return await this.cache?.load();
		} catch {
			return undefined;
		}
	}
}
