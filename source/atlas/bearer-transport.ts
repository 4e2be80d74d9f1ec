// Bearer authentication with a service account's access token, as a `fetch`-compatible function ky
// calls (the twin of DigestTransport). Each API call is one request with the token in hand; a 401
// whose challenge says the token is invalid (expired or revoked, RFC 6750 `error="invalid_token"`)
// gets one new token and one more try. Any other 401 (a role the account lacks) is final. Resending
// after such a 401 is safe: Atlas refused the request at authentication and carried out nothing.
import type {Authenticator} from './authenticator.js';
import {discardBody, sendOnWire, toWire, type ExchangeReporter, type WireInit} from './exchange.js';
import type {TokenSource} from './token-source.js';

export function saysTokenInvalid(challenge: string | null): boolean {
	return challenge !== null && /^\s*Bearer\b/i.test(challenge) && /\berror\s*=\s*"?invalid_token"?/i.test(challenge);
}

export class BearerTransport implements Authenticator {
	readonly kind = 'serviceAccount' as const;
	mutationsSent = 0;

	constructor(
		private readonly tokens: TokenSource,
		private readonly onExchange?: ExchangeReporter,
	) {}

	/** Gets the token before ky starts, so a refused service account is not retried as a network error. */
	async prepare(signal?: AbortSignal): Promise<void> {
		await this.tokens.token(signal);
	}

	readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
		const {url, init: wire} = await toWire(input, init);
		const token = await this.tokens.token(wire.signal);
		const response = await this.send(url, wire, token);
		if (response.status !== 401 || !saysTokenInvalid(response.headers.get('www-authenticate'))) return response;
		await discardBody(response);
		return this.send(url, wire, await this.tokens.renew(token, wire.signal));
	};

	private async send(url: string, init: WireInit, token: string): Promise<Response> {
		if (init.method !== 'GET' && init.method !== 'HEAD') this.mutationsSent++;
		return sendOnWire(url, {...init, headers: {...init.headers, authorization: `Bearer ${token}`}}, this.onExchange);
	}
}
