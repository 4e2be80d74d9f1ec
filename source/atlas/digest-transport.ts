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
//  - a 401 with stale=true costs exactly one more request with the fresh nonce; any other 401 is final.
// Callers must not run two requests of one transport at once (nc must increase): the client queues.
import {randomBytes} from 'node:crypto';
import {performance} from 'node:perf_hooks';
import {DigestClient} from 'digest-fetch';
import type {ApiKeyPair, HttpExchange} from './types.js';

type WireInit = {
	method: string;
	headers: Record<string, string>;
	body?: string;
	signal?: AbortSignal;
};

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

const REDACTED = '[redacted]';

function isDigestChallenge(header: string | null): header is string {
	return header !== null && /^\s*Digest\s/i.test(header);
}

function isStale(header: string): boolean {
	return /\bstale\s*=\s*"?true"?/i.test(header);
}

function headersToRecord(headers: Headers): Record<string, string> {
	const record: Record<string, string> = {};
	headers.forEach((value, name) => {
		record[name] = value;
	});
	return record;
}

function redactHeaders(headers: Record<string, string>): Record<string, string> {
	const copy: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) copy[name] = name.toLowerCase() === 'authorization' ? REDACTED : value;
	return copy;
}

async function discardBody(response: Response): Promise<void> {
	try {
		await response.arrayBuffer();
	} catch {
		// The body of a challenge carries nothing we need.
	}
}

export class DigestTransport {
	private readonly digest: AtlasDigestClient;
	private readonly onExchange: ((exchange: HttpExchange) => void) | undefined;

	constructor(keys: ApiKeyPair, onExchange?: (exchange: HttpExchange) => void) {
		this.digest = new AtlasDigestClient(keys);
		this.onExchange = onExchange;
	}

	/** The `fetch` ky is given: ky passes a Request, which is turned back into a plain url + init. */
	readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
		const request = input instanceof Request ? input : new Request(input, init);
		const headers = headersToRecord(request.headers);
		const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
		const wire: WireInit = {method: request.method, headers};
		if (text !== '') wire.body = text;
		if (request.signal) wire.signal = request.signal;
		return this.send(request.url, wire);
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
			const challenge = probe.headers.get('www-authenticate');
			if (probe.status !== 401 || !isDigestChallenge(challenge)) return probe;
			await discardBody(probe);
			this.digest.parseAuth(challenge);
		}

		let response = await this.authorized(url, init);
		if (response.status !== 401) return response;
		const challenge = response.headers.get('www-authenticate');
		if (isDigestChallenge(challenge) && isStale(challenge)) {
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
		return this.wire(url, {...init, headers: {...init.headers, authorization}});
	}

	/** One request on the wire, reported to onExchange with Authorization redacted. */
	private async wire(url: string, init: WireInit): Promise<Response> {
		const started = performance.now();
		const requestInit: RequestInit = {method: init.method, headers: init.headers};
		if (init.body !== undefined) requestInit.body = init.body;
		if (init.signal) requestInit.signal = init.signal;
		const report = this.onExchange;
		const failed = (error: unknown) => {
			report?.({
				method: init.method,
				url,
				requestHeaders: redactHeaders(init.headers),
				...(init.body === undefined ? {} : {requestBody: init.body}),
				error: describeError(error),
				durationMs: performance.now() - started,
			});
			return error;
		};
		let response: Response;
		let text: string;
		try {
			response = await fetch(url, requestInit);
			// Read the whole (small) body here, so ky's timeout and the caller's signal cover it too.
			text = await response.text();
		} catch (error) {
			throw failed(error);
		}
		report?.({
			method: init.method,
			url,
			requestHeaders: redactHeaders(init.headers),
			...(init.body === undefined ? {} : {requestBody: init.body}),
			status: response.status,
			responseHeaders: headersToRecord(response.headers),
			responseBody: text,
			durationMs: performance.now() - started,
		});
		const nullBody = response.status === 204 || response.status === 205 || response.status === 304;
		return new Response(nullBody ? null : text, {status: response.status, statusText: response.statusText, headers: response.headers});
	}
}

function describeError(error: unknown): string {
	if (!(error instanceof Error)) return String(error);
	const cause = (error as {cause?: unknown}).cause;
	if (cause instanceof Error) return `${error.message}: ${(cause as {code?: string}).code ?? cause.message}`;
	return error.message;
}
