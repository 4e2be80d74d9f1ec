// HTTP Digest over fetch, as a `fetch`-compatible function that ky calls.
//
// digest-fetch computes the Digest header (HA1/HA2/response, nc formatting, challenge parsing), but its
// own `fetch` cannot be used as is (measured, see team notes): called by ky with a Request object it
// hashes every method as GET and drops the request headers; it resends a consumed body after the 401;
// it retries any 401, so wrong keys send the body twice; its cnonce comes from Math.random. So this
// module rebuilds a plain (url, init) from ky's Request, buffers the body, keeps ky's signal, and
// drives the handshake itself:
//  - the first request of a client is a challenge probe; when the call carries a body the probe goes
//    without it (same method and URI), so a body is never sent before we hold a nonce;
//  - later requests reuse the nonce with nc counting up: N calls cost N+1 HTTP requests;
//  - a 401 with stale=true costs exactly one more request with the fresh nonce; any other 401 is final;
//  - a server offering several challenges (Basic and Digest) gets Digest; Basic is never sent;
//  - redirects are never followed (a 3xx comes back to the caller as it is), and a body larger than
//    MAX_RESPONSE_BYTES is not read (ResponseTooLargeError).
// Callers must not run two requests of one transport at once (nc must increase): the client queues.
import {randomBytes} from 'node:crypto';
import {DigestClient} from 'digest-fetch';
import type {Authenticator} from './authenticator.js';
import {discardBody, sendOnWire, toWire, type ExchangeReporter, type WireInit} from './exchange.js';
import type {ApiKeyPair} from './types.js';

class AtlasDigestClient extends DigestClient {
	constructor(keys: ApiKeyPair) {
		super(keys.publicKey, keys.privateKey, {algorithm: 'MD5'});
	}

	/** cnonce from the CSPRNG instead of Math.random. */
	override makeNonce(): string {
		return randomBytes(16).toString('hex');
	}

	/** A new nonce starts its own count at 00000001 (digest-fetch would continue the old count). */
	override parseAuth(header: string | null): void {
		this.digest.nc = 0;
		super.parseAuth(header);
	}

	/** The Authorization header for this request, consuming one nc of the current nonce. */
	authorization(url: string, method: string): string {
		const options = this.addAuth(url, {method, headers: {} as Record<string, string>}) as {headers: Record<string, string>};
		this.digest.nc++;
		return options.headers.Authorization ?? '';
	}
}

/**
 * The Digest challenge among those a WWW-Authenticate header offers (several challenges arrive joined
 * by commas: `Basic realm="x", Digest realm="y", nonce="z"`), or null when none is Digest. A new
 * challenge starts where a comma is followed by a scheme name and then a space or the end.
 */
export function digestChallenge(header: string | null): string | null {
	if (header === null) return null;
	const starts = [...header.matchAll(/(?:^|,)\s*([!#$%&'*+.^`|~\w-]+)(?=\s+[^\s=,]|\s*(?:,|$))/g)];
	for (const [index, start] of starts.entries()) {
		if (start[1]?.toLowerCase() !== 'digest') continue;
		const begin = start.index + start[0].length - start[1].length;
		const end = starts[index + 1]?.index ?? header.length;
		return header.slice(begin, end).trim();
	}
	return null;
}

function isStale(header: string): boolean {
	return /\bstale\s*=\s*"?true"?/i.test(header);
}

export class DigestTransport implements Authenticator {
	readonly kind = 'apiKey' as const;
	private readonly digest: AtlasDigestClient;
	private readonly onExchange: ExchangeReporter | undefined;
	/** Authenticated requests that may change something (any method but GET/HEAD) handed to the network. */
	mutationsSent = 0;

	constructor(keys: ApiKeyPair, onExchange?: ExchangeReporter) {
		this.digest = new AtlasDigestClient(keys);
		this.onExchange = onExchange;
	}

	/** The `fetch` ky is given: ky passes a Request, which is turned back into a plain url + init. */
	readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
		const {url, init: wire} = await toWire(input, init);
		return this.send(url, wire);
	};

	private async send(url: string, init: WireInit): Promise<Response> {
		if (!this.digest.hasAuth) {
			// The probe: no credentials and never the body. Its 401 carries the nonce.
			const probeHeaders = {...init.headers};
			if (init.body !== undefined) {
				delete probeHeaders['content-type'];
				delete probeHeaders['content-length'];
			}
			const probeInit: WireInit = {method: init.method, headers: probeHeaders};
			if (init.signal) probeInit.signal = init.signal;
			const probe = await this.wire(url, probeInit);
			const challenge = digestChallenge(probe.headers.get('www-authenticate'));
			if (probe.status !== 401 || challenge === null) return probe;
			await discardBody(probe);
			this.digest.parseAuth(challenge);
		}

		let response = await this.authorized(url, init);
		if (response.status !== 401) return response;
		const challenge = digestChallenge(response.headers.get('www-authenticate'));
		if (challenge !== null && isStale(challenge)) {
			// The nonce expired: the server checked nothing but the nonce; one retry with the new one.
			await discardBody(response);
			this.digest.parseAuth(challenge);
			response = await this.authorized(url, init);
			if (response.status !== 401) return response;
		}
		// Credentials refused: start over with a fresh challenge next time.
		this.digest.hasAuth = false;
		return response;
	}

	private async authorized(url: string, init: WireInit): Promise<Response> {
		const authorization = this.digest.authorization(url, init.method);
		if (init.method !== 'GET' && init.method !== 'HEAD') this.mutationsSent++;
		return this.wire(url, {...init, headers: {...init.headers, authorization}});
	}

	/** One request on the wire, reported to onExchange with Authorization redacted. */
	private async wire(url: string, init: WireInit): Promise<Response> {
		return sendOnWire(url, init, this.onExchange);
	}
}
