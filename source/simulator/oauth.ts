// Service accounts as Atlas serves them: `POST /api/oauth/token` (client credentials, Basic client
// authentication, form body) mints opaque Bearer tokens; `POST /api/oauth/revoke` revokes one.
// Token endpoint errors are OAuth 2.0 bodies (RFC 6749 5.2), except the per-minute limit, which
// answers Atlas's recorded 429 RATE_LIMITED body. The IP access list is not checked here: Atlas
// checks it when the token is used.
import type {ServiceAccount} from '../atlas/types.js';
import type {Answer} from './respond.js';
import {TokenRateLimit, TOKEN_REQUESTS_PER_MINUTE} from './token-rate-limit.js';
import {TokenStore, type TokenVerdict} from './tokens.js';

export const TOKEN_PATH = '/api/oauth/token';
export const REVOKE_PATH = '/api/oauth/revoke';

/** What became of the service account's secret (tests set it through a control). */
export type ClientSecretState = 'valid' | 'expired' | 'revoked';

const BASIC_CHALLENGE = 'Basic realm="MongoDB Atlas"';

function oauthError(status: number, error: string, description: string, headers: Record<string, string> = {}): Answer {
	return {
		status,
		headers: {...headers, 'content-type': 'application/json', 'cache-control': 'no-store'},
		text: JSON.stringify({error, error_description: description}),
		errorCode: error,
	};
}

/** `Basic base64(id:secret)` -> the two halves (RFC 6749 2.3.1: each form-urlencoded). */
export function parseBasic(header: string | undefined): {clientId: string; clientSecret: string} | undefined {
	const match = /^\s*Basic\s+([A-Za-z\d+/=]+)\s*$/i.exec(header ?? '');
	if (!match?.[1]) return undefined;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon <= 0) return undefined;
	try {
		return {clientId: decodeURIComponent(decoded.slice(0, colon)), clientSecret: decodeURIComponent(decoded.slice(colon + 1))};
	} catch {
		return undefined;
	}
}

export class OAuthServer {
	readonly tokens = new TokenStore();
	readonly rateLimit = new TokenRateLimit();
	secretState: ClientSecretState = 'valid';

	constructor(
		private readonly account: ServiceAccount,
		/** The simulator's clock (tests move it forward). */
		private readonly now: () => number,
	) {}

	handles(path: string): boolean {
		return path === TOKEN_PATH || path === REVOKE_PATH;
	}

	/** The answer of the token or revoke endpoint. */
	handle(request: {method: string; path: string; headers: Record<string, string>; body: string | undefined; ip: string}): Answer {
		if (request.method !== 'POST') {
			return {...oauthError(405, 'invalid_request', `Use POST for ${request.path}.`), headers: {allow: 'POST', 'content-type': 'application/json'}};
		}
		const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
		if (contentType !== 'application/x-www-form-urlencoded') {
			return oauthError(400, 'invalid_request', 'The body must be application/x-www-form-urlencoded.');
		}
		const form = new URLSearchParams(request.body ?? '');
		const client = parseBasic(request.headers.authorization);
		const now = this.now();

		if (request.path === TOKEN_PATH) {
			if (client && !this.rateLimit.take(request.ip, client.clientId, now)) return rateLimited();
			const refused = this.authenticate(client);
			if (refused) return refused;
			if (form.get('grant_type') !== 'client_credentials') {
				return oauthError(400, 'unsupported_grant_type', 'Only grant_type=client_credentials is supported.');
			}
			const {token, expiresIn} = this.tokens.issue(client!.clientId, now);
			return {
				status: 200,
				headers: {'content-type': 'application/json', 'cache-control': 'no-store', pragma: 'no-cache'},
				text: JSON.stringify({access_token: token, expires_in: expiresIn, token_type: 'Bearer'}),
			};
		}

		const refused = this.authenticate(client);
		if (refused) return refused;
		const token = form.get('token');
		if (!token) return oauthError(400, 'invalid_request', 'The token to revoke is missing.');
		this.tokens.revoke(token, client!.clientId);
		return {status: 200, headers: {'cache-control': 'no-store'}, text: ''};
	}

	/** A Bearer token presented on an API route. */
	verifyBearer(token: string): TokenVerdict {
		const verdict = this.tokens.verify(token, this.now());
		if (verdict.ok && verdict.clientId !== this.account.clientId) return {ok: false, why: 'unknown'};
		return verdict;
	}

	private authenticate(client: {clientId: string; clientSecret: string} | undefined): Answer | undefined {
		const challenge = {'www-authenticate': BASIC_CHALLENGE};
		if (!client) return oauthError(401, 'invalid_client', 'Client authentication is required (HTTP Basic with the client id and secret).', challenge);
		if (client.clientId !== this.account.clientId || client.clientSecret !== this.account.clientSecret) {
			return oauthError(401, 'invalid_client', 'Invalid client credentials.', challenge);
		}
		if (this.secretState === 'expired') return oauthError(401, 'invalid_client', 'The client secret has expired.', challenge);
		if (this.secretState === 'revoked') return oauthError(401, 'invalid_client', 'The client secret has been revoked.', challenge);
		return undefined;
	}
}

/** The recorded 429 body of the token endpoint. */
function rateLimited(): Answer {
	const body = {
		detail: `Resource ${TOKEN_PATH} is limited to ${TOKEN_REQUESTS_PER_MINUTE} requests every 1 minutes.`,
		error: 429,
		errorCode: 'RATE_LIMITED',
		parameters: [TOKEN_PATH, TOKEN_REQUESTS_PER_MINUTE, 1],
		reason: 'Too Many Requests',
	};
	return {status: 429, headers: {'content-type': 'application/json'}, text: JSON.stringify(body), errorCode: 'RATE_LIMITED'};
}
