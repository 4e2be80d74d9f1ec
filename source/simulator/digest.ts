// HTTP Digest (RFC 2617/7616, MD5, qop=auth) as Atlas does it: the challenge header, nonce lifetime,
// and the nc rules (nc starts at 00000001 and must increase for each use of a nonce).
import {createHash, randomBytes} from 'node:crypto';

export const REALM = 'MMS Public API';

/** The private key of a public key the simulator knows, or undefined. */
export type PasswordLookup = (username: string) => string | undefined;

export type DigestVerdict =
	| {ok: true; username: string}
	| {ok: false; stale: boolean; reason: string};

type NonceRecord = {issuedAt: number; lastNc: number; expired: boolean};

export function md5(text: string): string {
	return createHash('md5').update(text).digest('hex');
}

/** Parses `Digest k=v, k="v"` into lower-cased keys; undefined when the scheme isn't Digest. */
export function parseDigestHeader(header: string): Record<string, string> | undefined {
	const match = /^\s*Digest\s+(.*)$/is.exec(header);
	if (!match) return undefined;
	const params: Record<string, string> = {};
	const pattern = /([a-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/giy;
	const rest = match[1] ?? '';
	let index = 0;
	while (index < rest.length) {
		while (index < rest.length && /[\s,]/.test(rest[index] ?? '')) index++;
		if (index >= rest.length) break;
		pattern.lastIndex = index;
		const pair = pattern.exec(rest);
		if (!pair) return undefined;
		const key = (pair[1] ?? '').toLowerCase();
		params[key] = pair[2] === undefined ? pair[3] ?? '' : pair[2].replace(/\\(.)/g, '$1');
		index = pattern.lastIndex;
	}
	return params;
}

export class NonceStore {
	ttlMs: number;
	private readonly nonces = new Map<string, NonceRecord>();

	constructor(ttlMs: number) {
		this.ttlMs = ttlMs;
	}

	issue(now = Date.now()): string {
		this.prune(now);
		const nonce = randomBytes(24).toString('base64url');
		this.nonces.set(nonce, {issuedAt: now, lastNc: 0, expired: false});
		return nonce;
	}

	expireAll(): void {
		for (const record of this.nonces.values()) record.expired = true;
	}

	challenge(stale: boolean, now = Date.now()): string {
		return `Digest realm="${REALM}", domain="", nonce="${this.issue(now)}", algorithm=MD5, qop="auth", stale=${stale}`;
	}

	/** Checks an Authorization header for a request; counts nc only when the response hash is right. */
	verify(header: string | undefined, method: string, requestUri: string, passwordFor: PasswordLookup, now = Date.now()): DigestVerdict {
		if (!header) return {ok: false, stale: false, reason: 'no credentials'};
		const params = parseDigestHeader(header);
		if (!params) return {ok: false, stale: false, reason: 'not a Digest authorization'};
		const {username, realm, nonce, uri, response, qop, nc, cnonce} = params;
		if (!username || !nonce || !uri || !response || !nc || !cnonce) return {ok: false, stale: false, reason: 'incomplete Digest authorization'};
		if (realm !== REALM) return {ok: false, stale: false, reason: 'wrong realm'};
		if (qop !== 'auth') return {ok: false, stale: false, reason: 'qop must be auth'};
		if (params.algorithm && params.algorithm.toUpperCase() !== 'MD5') return {ok: false, stale: false, reason: 'algorithm must be MD5'};
		if (uri !== requestUri) return {ok: false, stale: false, reason: 'uri does not match the request'};
		if (!/^[\da-f]{8}$/i.test(nc)) return {ok: false, stale: false, reason: 'malformed nc'};
		const count = Number.parseInt(nc, 16);
		if (count === 0) return {ok: false, stale: false, reason: 'nc must start at 00000001'};
		const password = passwordFor(username);
		if (password === undefined) return {ok: false, stale: false, reason: 'unknown public key'};

		const ha1 = md5(`${username}:${REALM}:${password}`);
		const ha2 = md5(`${method}:${uri}`);
		const expected = md5(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`);
		if (expected !== response.toLowerCase()) return {ok: false, stale: false, reason: 'wrong response hash'};

		// RFC 7616: a valid digest over a nonce we no longer (or never) hold is stale, not wrong.
		const record = this.nonces.get(nonce);
		if (!record) return {ok: false, stale: true, reason: 'unknown nonce'};
		if (record.expired || now - record.issuedAt >= this.ttlMs) {
			record.expired = true;
			return {ok: false, stale: true, reason: 'nonce expired'};
		}
		if (count <= record.lastNc) return {ok: false, stale: false, reason: 'nc reused or not increasing'};
		record.lastNc = count;
		return {ok: true, username};
	}

	private prune(now: number): void {
		// Keep memory bounded on long demo runs; a forgotten nonce later answers stale=true.
		for (const [nonce, record] of this.nonces) {
			if (now - record.issuedAt > this.ttlMs + 60_000) this.nonces.delete(nonce);
		}
	}
}
