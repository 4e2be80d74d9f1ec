// The service-account side of Atlas's OAuth 2.0: exchange the client id and secret for an access
// token (`POST {base}/api/oauth/token`, client credentials) and revoke one (`/api/oauth/revoke`).
// Basic client authentication, a form body; failures become AtlasError (the token endpoint's own
// reasons: invalid client, expired or revoked secret, its per-minute limit). The access token and
// the secret never reach an exchange report: Authorization and the token are redacted there.
import {AtlasError, type AtlasFailure, describeNonJsonBody, networkCodeOf} from './errors.js';
import {REDACTED, sendOnWire, type ExchangeReporter} from './exchange.js';
import type {ServiceAccount} from './types.js';
import {isObject} from './wire.js';

export const TOKEN_PATH = '/api/oauth/token';
export const REVOKE_PATH = '/api/oauth/revoke';

/** An access token, when it was issued and when it stops working (epoch ms, the client's clock). */
export type AccessToken = {accessToken: string; expiresAt: number; issuedAt?: number};

export type OAuthEndpoint = {
	/** Without trailing slash. */
	baseUrl: string;
	account: ServiceAccount;
	timeoutMs: number;
	onExchange?: ExchangeReporter;
	/** The client's clock (tests move it). */
	now: () => number;
};

function basicAuthorization(account: ServiceAccount): string {
	// RFC 6749 2.3.1: each half form-urlencoded before base64.
	const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');
	return `Basic ${Buffer.from(`${encode(account.clientId)}:${encode(account.clientSecret)}`).toString('base64')}`;
}

/** The token endpoint's answer with the access token hidden (for --verbose). */
export function redactTokenAnswer(text: string): string {
	return text.replace(/("access_token"\s*:\s*")[^"]*(")/g, `$1${REDACTED}$2`);
}

/** A revoke request body with the token hidden (for --verbose). */
export function redactRevokeBody(text: string): string {
	return text.replace(/(^|&)(token=)[^&]*/g, `$1$2${REDACTED}`);
}

async function post(endpoint: OAuthEndpoint, path: string, form: Record<string, string>, signal: AbortSignal | undefined): Promise<{response: Response; failure: Omit<AtlasFailure, 'kind'>}> {
	const url = `${endpoint.baseUrl}${path}`;
	const failure = {method: 'POST', path, url, credential: 'serviceAccount' as const, endpoint: path === TOKEN_PATH ? 'token' as const : 'revoke' as const};
	const timeout = AbortSignal.timeout(endpoint.timeoutMs);
	const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
	try {
		const response = await sendOnWire(
			url,
			{
				method: 'POST',
				headers: {
					authorization: basicAuthorization(endpoint.account),
					'content-type': 'application/x-www-form-urlencoded',
					accept: 'application/json',
				},
				body: new URLSearchParams(form).toString(),
				signal: combined,
			},
			endpoint.onExchange,
			{request: redactRevokeBody, response: redactTokenAnswer},
		);
		return {response, failure};
	} catch (error) {
		if (signal?.aborted) throw signal.reason ?? error;
		if (timeout.aborted) throw new AtlasError({kind: 'timeout', ...failure, timeoutMs: endpoint.timeoutMs}, {cause: error});
		const networkCode = networkCodeOf(error);
		throw new AtlasError({kind: 'network', ...failure, ...(networkCode ? {networkCode} : {})}, {cause: error});
	}
}

/** The refusal as an AtlasError: OAuth bodies (`error`, `error_description`) and Atlas bodies (`errorCode`, `detail`) alike. */
async function refusal(response: Response, failure: Omit<AtlasFailure, 'kind'>): Promise<AtlasError> {
	const text = await response.text();
	const result: AtlasFailure = {kind: 'api', ...failure, status: response.status};
	let body: unknown;
	try {
		body = text.trim() === '' ? {} : JSON.parse(text);
	} catch {
		return new AtlasError({...result, nonJsonBody: describeNonJsonBody(text, response.headers.get('content-type') ?? undefined)});
	}
	if (isObject(body)) {
		if (typeof body.error === 'string') result.oauthError = body.error;
		if (typeof body.error_description === 'string') result.detail = body.error_description;
		if (typeof body.errorCode === 'string') result.errorCode = body.errorCode;
		if (typeof body.detail === 'string') result.detail = body.detail;
		if (Array.isArray(body.parameters)) result.parameters = body.parameters;
	}
	return new AtlasError(result);
}

/** One new access token (one request). */
export async function requestToken(endpoint: OAuthEndpoint, signal?: AbortSignal): Promise<AccessToken> {
	const mintedAt = endpoint.now();
	const {response, failure} = await post(endpoint, TOKEN_PATH, {grant_type: 'client_credentials'}, signal);
	if (!response.ok) throw await refusal(response, failure);
	const text = await response.text();
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		throw new AtlasError({kind: 'api', ...failure, status: response.status, nonJsonBody: describeNonJsonBody(text, response.headers.get('content-type') ?? undefined)});
	}
	const token = isObject(body) ? body.access_token : undefined;
	const expiresIn = isObject(body) ? Number(body.expires_in) : Number.NaN;
	if (typeof token !== 'string' || token === '' || !Number.isFinite(expiresIn) || expiresIn <= 0) {
		throw new AtlasError({kind: 'api', ...failure, status: response.status, unexpectedShape: 'the token answer has no access_token or expires_in'});
	}
	return {accessToken: token, issuedAt: mintedAt, expiresAt: mintedAt + expiresIn * 1000};
}

/** Revokes an access token (RFC 7009: an unknown token is not an error). */
export async function revokeToken(endpoint: OAuthEndpoint, accessToken: string, signal?: AbortSignal): Promise<void> {
	const {response, failure} = await post(endpoint, REVOKE_PATH, {token: accessToken, token_type_hint: 'access_token'}, signal);
	if (!response.ok) throw await refusal(response, failure);
}
