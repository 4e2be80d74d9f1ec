// One HTTP request on the wire for the authenticators (Digest and Bearer): ky's Request turned back
// into a plain (url, init) with the body buffered, the whole answer read under the caller's signal,
// and every exchange reported with the Authorization header redacted. Redirects are never followed (a
// 3xx comes back as it is) and no more than MAX_RESPONSE_BYTES of a body is read.
import {performance} from 'node:perf_hooks';
import type {HttpExchange} from './types.js';

export type WireInit = {
	method: string;
	headers: Record<string, string>;
	body?: string;
	signal?: AbortSignal;
};

export type ExchangeReporter = (exchange: HttpExchange) => void;

/** Hides what a body carries that is a credential (the token endpoint's answer, a revoke request). */
export type BodyRedactor = (body: string) => string;

export const REDACTED = '[redacted]';

/** The most a response body may hold (Atlas answers are a few KB; a full page of 500 items well under 1 MB). */
export const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/** A response body over MAX_RESPONSE_BYTES: reading stopped there. */
export class ResponseTooLargeError extends Error {
	constructor(readonly limitBytes: number) {
		super(`The response body is larger than ${limitBytes} bytes.`);
		this.name = 'ResponseTooLargeError';
	}
}

/** The body as text, reading no more than `limit` bytes (a declared larger Content-Length fails at once). */
async function readCapped(response: Response, limit: number): Promise<string> {
	const declared = Number(response.headers.get('content-length') ?? Number.NaN);
	if (Number.isFinite(declared) && declared > limit) {
		await response.body?.cancel().catch(() => {});
		throw new ResponseTooLargeError(limit);
	}
	if (!response.body) return '';
	const reader = response.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const {done, value} = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			await reader.cancel().catch(() => {});
			throw new ResponseTooLargeError(limit);
		}
		chunks.push(value);
	}
	return new TextDecoder().decode(Buffer.concat(chunks));
}

export function headersToRecord(headers: Headers): Record<string, string> {
	const record: Record<string, string> = {};
	headers.forEach((value, name) => {
		record[name] = value;
	});
	return record;
}

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
	const copy: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) copy[name] = name.toLowerCase() === 'authorization' ? REDACTED : value;
	return copy;
}

/** ky hands `fetch` a Request: the same request as a plain url + init, its body buffered. */
export async function toWire(input: RequestInfo | URL, init?: RequestInit): Promise<{url: string; init: WireInit}> {
	const request = input instanceof Request ? input : new Request(input, init);
	const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
	const wire: WireInit = {method: request.method, headers: headersToRecord(request.headers)};
	if (text !== '') wire.body = text;
	if (request.signal) wire.signal = request.signal;
	return {url: request.url, init: wire};
}

export async function discardBody(response: Response): Promise<void> {
	try {
		await response.body?.cancel();
	} catch {
		// The body of a refusal we answer ourselves carries nothing we need.
	}
}

/** One request on the wire, reported with Authorization redacted (and the body redactors applied). */
export async function sendOnWire(
	url: string,
	init: WireInit,
	report: ExchangeReporter | undefined,
	redact: {request?: BodyRedactor; response?: BodyRedactor} = {},
): Promise<Response> {
	const started = performance.now();
	// A redirect is never followed: it would carry the request (and its body) somewhere else.
	const requestInit: RequestInit = {method: init.method, headers: init.headers, redirect: 'manual'};
	if (init.body !== undefined) requestInit.body = init.body;
	if (init.signal) requestInit.signal = init.signal;
	const shown = {
		method: init.method,
		url,
		requestHeaders: redactHeaders(init.headers),
		...(init.body === undefined ? {} : {requestBody: redact.request ? redact.request(init.body) : init.body}),
	};
	let response: Response;
	let text: string;
	try {
		response = await fetch(url, requestInit);
		// Read the whole (small) body here, so ky's timeout and the caller's signal cover it too.
		text = await readCapped(response, MAX_RESPONSE_BYTES);
	} catch (error) {
		report?.({...shown, error: describeError(error), durationMs: performance.now() - started});
		throw error;
	}
	report?.({
		...shown,
		status: response.status,
		responseHeaders: headersToRecord(response.headers),
		responseBody: redact.response ? redact.response(text) : text,
		durationMs: performance.now() - started,
	});
	const nullBody = response.status === 204 || response.status === 205 || response.status === 304;
	return new Response(nullBody ? null : text, {status: response.status, statusText: response.statusText, headers: response.headers});
}

function describeError(error: unknown): string {
	if (!(error instanceof Error)) return String(error);
	const cause = (error as {cause?: unknown}).cause;
	if (cause instanceof Error) return `${error.message}: ${(cause as {code?: string}).code ?? cause.message}`;
	return error.message;
}
