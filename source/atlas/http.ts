// One Atlas API call: URL and headers for the operation and generation, ky (timeout) over the
// authenticator (Digest or Bearer), retries of GETs within a bounded total wait, calls queued one at a
// time per client, the answer unwrapped from its envelope and every failure turned into an AtlasError.
// A server cannot make us follow a redirect, read more than MAX_RESPONSE_BYTES, parse JSON nested
// deeper than MAX_JSON_DEPTH, or wait longer between retries than the retry budget (the timeout).
import {setTimeout as sleep} from 'node:timers/promises';
import ky, {HTTPError, TimeoutError} from 'ky';
import type {Authenticator} from './authenticator.js';
import {ResponseTooLargeError} from './exchange.js';
import {AtlasError, type AtlasFailure, describeNonJsonBody, networkCodeOf} from './errors.js';
import {acceptHeader, apiPrefix, OPERATIONS, takesPretty, type HttpMethod, type OperationName} from './operations.js';
import type {ApiVersion, RequestPreview} from './types.js';
import {isObject, ShapeError} from './wire.js';

export type RetrySettings = {
	/** Retries after the first attempt (GET only). */
	limit: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** The pauses between the attempts of one call add up to at most this; a longer Retry-After ends the call at once. */
	budgetMs: number;
};

export type HttpSettings = {
	baseUrl: string;
	apiVersion: ApiVersion;
	timeoutMs: number;
	pretty: boolean;
	envelope: boolean;
	retry: RetrySettings;
};

export type ApiCall = {
	operation: OperationName;
	/** Path after `/api/atlas/{version}`, ids already encoded. */
	path: string;
	query?: Record<string, string>;
	body?: unknown;
	signal?: AbortSignal;
};

export type ApiAnswer = {status: number; data: unknown; method: string; path: string; url: string};

const RETRY_STATUSES = [429, 500, 502, 503, 504];
/** Atlas JSON is a few levels deep; deeper nesting is refused before parsing (printing it would overflow the stack). */
export const MAX_JSON_DEPTH = 64;
// Retrying cannot fix these: fail at once.
const FINAL_NETWORK_CODES = /^(?:ENOTFOUND|EAI_FAIL|ECONNREFUSED|ERR_TLS.*|.*CERT.*|EPROTO|ERR_SSL.*)$/;

type BuiltRequest = {method: HttpMethod; url: string; path: string; headers: Record<string, string>; body?: string};

/** Capped exponential backoff with jitter: a random delay in [cap/2, cap]. */
export function backoffDelay(attempt: number, retry: Pick<RetrySettings, 'baseDelayMs' | 'maxDelayMs'>, random = Math.random): number {
	const cap = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
	return cap / 2 + random() * (cap / 2);
}

/** The deepest nesting of arrays and objects in JSON text (strings skipped), stopping once past `limit`. */
export function jsonDepthExceeds(text: string, limit: number): boolean {
	let depth = 0;
	let inString = false;
	for (let index = 0; index < text.length; index++) {
		const char = text.charCodeAt(index);
		if (inString) {
			if (char === 0x5c) index++;
			else if (char === 0x22) inString = false;
		} else if (char === 0x22) {
			inString = true;
		} else if (char === 0x5b || char === 0x7b) {
			if (++depth > limit) return true;
		} else if (char === 0x5d || char === 0x7d) {
			depth--;
		}
	}
	return false;
}

function retryAfterSeconds(headers: Headers): number | undefined {
	const raw = headers.get('retry-after');
	if (raw === null) return undefined;
	const seconds = Number(raw);
	if (Number.isFinite(seconds) && seconds >= 0) return seconds;
	const date = Date.parse(raw);
	return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

export class AtlasHttp {
	private tail: Promise<unknown> = Promise.resolve();

	constructor(
		readonly settings: HttpSettings,
		private readonly transport: Authenticator,
	) {}

	build(call: ApiCall): BuiltRequest {
		const {method} = OPERATIONS[call.operation];
		const path = `${apiPrefix(this.settings.apiVersion)}${call.path}`;
		const query = new URLSearchParams(call.query);
		if (this.settings.pretty && takesPretty(this.settings.apiVersion, call.operation)) query.set('pretty', 'true');
		if (this.settings.envelope) query.set('envelope', 'true');
		const search = query.toString();
		const url = `${this.settings.baseUrl}${path}${search ? `?${search}` : ''}`;
		const headers: Record<string, string> = {Accept: acceptHeader(this.settings.apiVersion, call.operation)};
		const built: BuiltRequest = {method, url, path, headers};
		if (call.body !== undefined) {
			headers['Content-Type'] = 'application/json';
			built.body = JSON.stringify(call.body);
		}
		return built;
	}

	preview(call: ApiCall): RequestPreview {
		const built = this.build(call);
		const preview: RequestPreview = {method: built.method, url: built.url, headers: {...built.headers}};
		if (call.body !== undefined) preview.body = call.body;
		return preview;
	}

	/** Runs one call after every earlier call of this client has finished (Digest nc must increase). */
	async request(call: ApiCall): Promise<ApiAnswer> {
		const previous = this.tail;
		let release!: () => void;
		this.tail = new Promise<void>(resolve => {
			release = resolve;
		});
		try {
			await previous;
			call.signal?.throwIfAborted();
			return await this.perform(call);
		} finally {
			release();
		}
	}

	/** Attempts of one call: GETs are retried on 429, 5xx and dropped connections while the budget lasts. */
	private async perform(call: ApiCall): Promise<ApiAnswer> {
		const {retry} = this.settings;
		let waitedMs = 0;
		for (let attempt = 1; ; attempt++) {
			try {
				return await this.attempt(call);
			} catch (error) {
				const pauseMs = this.retryPause(call, error, attempt);
				if (pauseMs === undefined || waitedMs + pauseMs > retry.budgetMs) throw error;
				waitedMs += pauseMs;
				try {
					await sleep(pauseMs, undefined, call.signal ? {signal: call.signal} : undefined);
				} catch {
					throw call.signal?.reason ?? error;
				}
			}
		}
	}

	/** How long to pause before the next attempt, or undefined when this failure is final. */
	private retryPause(call: ApiCall, error: unknown, attempt: number): number | undefined {
		const {retry} = this.settings;
		// Only GETs: a POST/PATCH/DELETE that failed may still have been carried out.
		if (OPERATIONS[call.operation].method !== 'GET' || attempt > retry.limit || call.signal?.aborted) return undefined;
		// A refused service account (its token endpoint answered): retrying cannot help.
		if (!(error instanceof AtlasError) || error.endpoint !== undefined) return undefined;
		if (error.kind === 'api' && error.status !== undefined && RETRY_STATUSES.includes(error.status)) {
			if (error.retryAfterSeconds !== undefined && (error.status === 429 || error.status === 503)) return error.retryAfterSeconds * 1000;
			return backoffDelay(attempt, retry);
		}
		if (error.kind === 'network' && !(error.networkCode !== undefined && FINAL_NETWORK_CODES.test(error.networkCode))) return backoffDelay(attempt, retry);
		return undefined;
	}

	private async attempt(call: ApiCall): Promise<ApiAnswer> {
		const built = this.build(call);
		const context = {method: built.method, path: built.path, url: built.url, credential: this.transport.kind, operation: call.operation};
		await this.transport.prepare?.(call.signal);
		const sentBefore = this.transport.mutationsSent;
		// A request that may change something went out and no answer came: what happened is unknown.
		const unknown = () => (this.transport.mutationsSent > sentBefore ? {outcomeUnknown: true} : {});
		let response: Response;
		try {
			response = await ky(built.url, {
				method: built.method,
				headers: built.headers,
				...(built.body === undefined ? {} : {body: built.body}),
				...(call.signal ? {signal: call.signal} : {}),
				fetch: this.transport.fetch,
				timeout: this.settings.timeoutMs,
				throwHttpErrors: true,
				retry: 0,
			});
		} catch (error) {
			if (error instanceof HTTPError) {
				response = error.response;
			} else if (error instanceof AtlasError) {
				throw error;
			} else if (error instanceof TimeoutError) {
				throw new AtlasError({kind: 'timeout', ...context, timeoutMs: this.settings.timeoutMs, ...unknown()}, {cause: error});
			} else if (error instanceof ResponseTooLargeError) {
				throw new AtlasError({kind: 'limit', ...context, limit: {what: 'body', bytes: error.limitBytes}}, {cause: error});
			} else if (call.signal?.aborted) {
				if (this.transport.mutationsSent > sentBefore) throw new AtlasError({kind: 'cancelled', ...context, outcomeUnknown: true}, {cause: call.signal.reason});
				throw call.signal.reason ?? error;
			} else {
				const networkCode = networkCodeOf(error);
				// Refused, DNS and TLS failures happen before any byte of the request went out.
				const final = networkCode !== undefined && FINAL_NETWORK_CODES.test(networkCode);
				throw new AtlasError({kind: 'network', ...context, ...(networkCode ? {networkCode} : {}), ...(final ? {} : unknown())}, {cause: error});
			}
		}
		return this.interpret(response, context);
	}

	private async interpret(response: Response, context: {method: string; path: string; url: string; credential: Authenticator['kind']}): Promise<ApiAnswer> {
		let text: string;
		try {
			text = await response.text();
		} catch (error) {
			const networkCode = networkCodeOf(error);
			throw new AtlasError({kind: 'network', ...context, ...(networkCode ? {networkCode} : {})}, {cause: error});
		}
		const base: AtlasFailure = {kind: 'api', ...context, status: response.status};
		const seconds = retryAfterSeconds(response.headers);
		if (seconds !== undefined) base.retryAfterSeconds = seconds;
		if (response.status >= 300 && response.status < 400) {
			throw new AtlasError({...base, redirectTo: originOf(response.headers.get('location'), context.url)});
		}

		let data: unknown;
		if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) throw new AtlasError({kind: 'limit', ...context, status: response.status, limit: {what: 'nesting', depth: MAX_JSON_DEPTH}});
		if (text.trim() !== '') {
			try {
				data = JSON.parse(text);
			} catch {
				throw new AtlasError({...base, nonJsonBody: describeNonJsonBody(text, response.headers.get('content-type') ?? undefined)});
			}
		}

		let status = response.status;
		if (this.settings.envelope && isObject(data) && typeof data.status === 'number') {
			status = data.status;
			const inner = 'content' in data ? data.content : 'envelope' in data ? data.envelope : (({status: _status, ...rest}) => rest)(data);
			data = inner;
			if (status >= 400) base.enveloped = true;
			base.status = status;
		}

		if (status >= 400) {
			const body = isObject(data) ? data : {};
			const failure: AtlasFailure = {...base};
			if (typeof body.errorCode === 'string') failure.errorCode = body.errorCode;
			if (typeof body.detail === 'string') failure.detail = body.detail;
			if (Array.isArray(body.parameters)) failure.parameters = body.parameters;
			throw new AtlasError(failure);
		}
		return {status, data, method: context.method, path: context.path, url: context.url};
	}
}

/** The origin a Location header points at (resolved against the request URL), without any userinfo. */
function originOf(location: string | null, requestUrl: string): string {
	if (location === null || location.trim() === '') return '';
	try {
		return new URL(location, requestUrl).origin;
	} catch {
		return '';
	}
}

/** Maps a 2xx answer with a mapper; a ShapeError becomes an AtlasError naming the request. */
export function shape<T>(answer: ApiAnswer, mapper: (data: unknown) => T): T {
	try {
		return mapper(answer.data);
	} catch (error) {
		if (error instanceof ShapeError) {
			const {method, path, url, status} = answer;
			throw new AtlasError({kind: 'api', method, path, url, status, unexpectedShape: error.message}, {cause: error});
		}
		throw error;
	}
}
