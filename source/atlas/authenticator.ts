// How a client proves who it is, one interface for both kinds of credentials: an API key pair signs
// each request with HTTP Digest (DigestTransport), a service account sends an OAuth access token
// (BearerTransport). ky calls `fetch`; the client never branches on the kind beyond building one.
import {BearerTransport} from './bearer-transport.js';
import {DigestTransport} from './digest-transport.js';
import type {ExchangeReporter} from './exchange.js';
import {requestToken} from './oauth-client.js';
import {TokenSource, type TokenCache} from './token-source.js';
import {isServiceAccount, type AtlasCredentials, type CredentialKind, type ServiceAccount} from './types.js';

export type Authenticator = {
	readonly kind: CredentialKind;
	/** The `fetch` ky is given. */
	readonly fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
	/** Work before a call's first request (the Bearer side gets its token); failures reject with AtlasError. */
	prepare?(signal?: AbortSignal): Promise<void>;
	/**
	 * Authenticated requests that may change something (any method but GET/HEAD) handed to the
	 * network so far. When one of them gets no answer its outcome is unknown (the HTTP layer compares).
	 */
	readonly mutationsSent: number;
};

export type AuthenticatorOptions = {
	baseUrl: string;
	timeoutMs: number;
	onExchange?: ExchangeReporter;
	/** Service accounts: where the token is kept between runs. */
	tokenCache?: TokenCache;
	/** Service accounts: the clock token expiry is judged by (tests move it). */
	now?: () => number;
};

/** The service account's token source on its own (logout revokes what it holds). */
export function createTokenSource(credentials: ServiceAccount, options: AuthenticatorOptions): TokenSource {
	const now = options.now ?? Date.now;
	const endpoint = {
		baseUrl: options.baseUrl,
		account: {clientId: credentials.clientId, clientSecret: credentials.clientSecret},
		timeoutMs: options.timeoutMs,
		now,
		...(options.onExchange ? {onExchange: options.onExchange} : {}),
	};
	return new TokenSource(signal => requestToken(endpoint, signal), options.tokenCache, now);
}

export function createAuthenticator(credentials: AtlasCredentials, options: AuthenticatorOptions): Authenticator {
	if (isServiceAccount(credentials)) return new BearerTransport(createTokenSource(credentials, options), options.onExchange);
	return new DigestTransport(credentials, options.onExchange);
}
