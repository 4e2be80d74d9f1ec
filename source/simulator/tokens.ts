// Service-account access tokens as Atlas issues them: opaque, reusable until they expire (3600 s),
// revocable. A token records its client, so revoking or expiring the client's secret is separate.
import {randomBytes} from 'node:crypto';

export const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;

export type TokenVerdict =
	| {ok: true; clientId: string}
	| {ok: false; why: 'expired' | 'revoked' | 'unknown'};

type TokenRecord = {clientId: string; expiresAt: number; revoked: boolean};

export class TokenStore {
	lifetimeSeconds = DEFAULT_TOKEN_LIFETIME_SECONDS;
	private readonly tokens = new Map<string, TokenRecord>();

	issue(clientId: string, now: number): {token: string; expiresIn: number} {
		const token = randomBytes(32).toString('base64url');
		this.tokens.set(token, {clientId, expiresAt: now + this.lifetimeSeconds * 1000, revoked: false});
		return {token, expiresIn: this.lifetimeSeconds};
	}

	verify(token: string, now: number): TokenVerdict {
		const record = this.tokens.get(token);
		if (!record) return {ok: false, why: 'unknown'};
		if (record.revoked) return {ok: false, why: 'revoked'};
		if (now >= record.expiresAt) return {ok: false, why: 'expired'};
		return {ok: true, clientId: record.clientId};
	}

	/** RFC 7009: revoking a token the server does not know (or of another client) is not an error. */
	revoke(token: string, clientId: string): void {
		const record = this.tokens.get(token);
		if (record && record.clientId === clientId) record.revoked = true;
	}

	/** Every token issued so far expires now. */
	expireAll(now: number): void {
		for (const record of this.tokens.values()) record.expiresAt = Math.min(record.expiresAt, now);
	}

	/** How many tokens were issued and are still usable (tests count them). */
	live(now: number): number {
		let count = 0;
		for (const record of this.tokens.values()) if (!record.revoked && now < record.expiresAt) count++;
		return count;
	}
}
