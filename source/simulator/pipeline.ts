// One request through the simulator: log, Digest, access list, rate limit, faults, routing,
// versioning, body, handler, rendering. Challenges never depend on the body.
import type {IncomingMessage, ServerResponse} from 'node:http';
import {performance} from 'node:perf_hooks';
import {setTimeout as delay} from 'node:timers/promises';
import {normalizeIp, type AccessList} from './access-list.js';
import {parseJsonBody} from './content-type.js';
import type {NonceStore} from './digest.js';
import {render, flag} from './envelope.js';
import {SimulatorHttpError, unexpectedError} from './errors.js';
import type {FaultList} from './faults.js';
import type {TokenBucket} from './rate-limit.js';
import {matchRoute} from './routes/index.js';
import type {Generation, RouteResult} from './routes/types.js';
import type {SimulatorState} from './state.js';
import type {SimulatorLogEntry} from './types.js';
import {negotiateVersion, V1_EQUIVALENT_VERSION} from './versions.js';

const MAX_BODY_BYTES = 1024 * 1024;

export type PipelineDeps = {
	state: SimulatorState;
	nonces: NonceStore;
	accessList: AccessList;
	faults: FaultList;
	rateLimiter: () => TokenBucket | null;
	iamPropagationDelayMs: () => number;
	log: SimulatorLogEntry[];
	/** Aborted when the simulator closes: pending latency stops waiting. */
	closing: AbortSignal;
};

type Answer = {status: number; headers: Record<string, string>; text: string; errorCode?: string};

export async function handleRequest(deps: PipelineDeps, request: IncomingMessage, response: ServerResponse): Promise<void> {
	const started = performance.now();
	const url = new URL(request.url ?? '/', 'http://simulator.invalid');
	const entry: SimulatorLogEntry = {
		method: request.method ?? 'GET',
		path: url.pathname,
		query: Object.fromEntries(url.searchParams),
		headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value ?? ''])),
		status: 0,
		authenticated: false,
		handlingMs: 0,
	};
	deps.log.push(entry);
	const finish = (answer: Answer) => {
		entry.status = answer.status;
		if (answer.errorCode) entry.errorCode = answer.errorCode;
		entry.handlingMs = performance.now() - started;
		response.writeHead(answer.status, answer.headers);
		response.end(answer.text);
	};
	const reset = () => {
		entry.handlingMs = performance.now() - started;
		request.socket.destroy();
	};

	let bodyText: string | undefined;
	try {
		bodyText = await readBody(request);
	} catch (error) {
		if (error instanceof SimulatorHttpError) finish(errorAnswer(error, 'v1.0', {}, false));
		else reset();
		return;
	}
	if (bodyText !== undefined && bodyText !== '') entry.body = bodyText;

	const verdict = deps.nonces.verify(request.headers.authorization, entry.method, request.url ?? '/', {
		username: deps.state.apiKey.publicKey,
		password: deps.state.apiKey.privateKey,
	});
	if (!verdict.ok) {
		const challenge = new SimulatorHttpError(
			401,
			'USER_UNAUTHORIZED',
			request.headers.authorization ? `Current user is not authorized to perform this action (${verdict.reason}).` : 'You are not authorized for this resource.',
		);
		const answer = errorAnswer(challenge, 'v1.0', {}, false);
		answer.headers['www-authenticate'] = deps.nonces.challenge(verdict.stale);
		finish(answer);
		return;
	}
	entry.authenticated = true;

	const match = matchRoute(entry.method, entry.path);
	const generation: Generation = match.kind === 'notFound' ? 'v2' : match.generation;
	const envelope = flag(entry.query, 'envelope');
	const pretty = flag(entry.query, 'pretty');
	const extraHeaders: Record<string, string> = {};

	try {
		const ip = normalizeIp(request.socket.remoteAddress);
		if (!deps.accessList.allows(ip)) {
			throw new SimulatorHttpError(403, 'IP_ADDRESS_NOT_ON_ACCESS_LIST', `IP address ${ip} is not allowed to access this resource.`);
		}
		const limiter = deps.rateLimiter();
		if (limiter) {
			const decision = limiter.take();
			extraHeaders['ratelimit-limit'] = String(decision.limit);
			extraHeaders['ratelimit-remaining'] = String(decision.remaining);
			if (!decision.allowed) {
				throw new SimulatorHttpError(429, 'RATE_LIMITED_TOKEN_BUCKET', 'You have exceeded the rate limit: retry later.', {
					'retry-after': String(decision.retryAfterSeconds),
				});
			}
		}
	} catch (error) {
		finish(errorAnswer(asHttpError(error), generation, {envelope, pretty}, false, extraHeaders));
		return;
	}

	let malformed = false;
	for (const fault of deps.faults.take(entry.method, entry.path)) {
		if (fault.kind === 'latency') {
			try {
				await delay(fault.latencyMs ?? 1000, undefined, {signal: deps.closing});
			} catch {
				reset();
				return;
			}
		} else if (fault.kind === 'reset') {
			reset();
			return;
		} else if (fault.kind === 'http500') {
			finish(errorAnswer(unexpectedError(), generation, {envelope: false, pretty}, false, extraHeaders));
			return;
		} else if (fault.kind === 'http502html') {
			finish({status: 502, headers: {'content-type': 'text/html; charset=utf-8', server: 'awselb/2.0'}, text: BAD_GATEWAY_PAGE});
			return;
		} else {
			malformed = true;
		}
	}

	let answer: Answer;
	try {
		if (match.kind === 'notFound') throw new SimulatorHttpError(404, 'RESOURCE_NOT_FOUND', `Cannot find resource ${entry.path}.`);
		if (match.kind === 'methodNotAllowed') {
			extraHeaders.allow = match.allowed.join(', ');
			throw new SimulatorHttpError(405, 'METHOD_NOT_ALLOWED', `Method ${entry.method} is not allowed on ${entry.path}.`);
		}
		const {route, params} = match;
		const version = generation === 'v2' ? negotiateVersion(request.headers.accept, route.versions) : V1_EQUIVALENT_VERSION;
		const body = route.takesBody ? parseJsonBody(request.headers['content-type'], bodyText) : undefined;
		const result: RouteResult = route.handle(
			{
				state: deps.state,
				generation,
				version,
				query: entry.query,
				body,
				origin: `http://${request.headers.host ?? 'localhost'}`,
				path: entry.path,
				accessList: deps.accessList.current,
				iamPropagationDelayMs: deps.iamPropagationDelayMs(),
				now: Date.now(),
			},
			params,
		);
		const deprecation = generation === 'v2' ? route.deprecated?.[version] : undefined;
		if (deprecation) {
			extraHeaders.deprecation = deprecation.deprecation;
			extraHeaders.sunset = deprecation.sunset;
		}
		const rendered = render(result.status, result.body, {envelope, pretty, isList: result.isList ?? false, generation});
		answer = {
			status: rendered.httpStatus,
			headers: {
				...extraHeaders,
				...(rendered.text === '' ? {} : {'content-type': generation === 'v2' ? `application/vnd.atlas.${version}+json` : 'application/json'}),
			},
			text: rendered.text,
		};
	} catch (error) {
		answer = errorAnswer(asHttpError(error), generation, {envelope, pretty}, false, extraHeaders);
	}
	if (malformed) {
		answer.status = 200;
		answer.text = truncateJson(answer.text);
		answer.headers['content-type'] ??= 'application/json';
		delete answer.errorCode;
	}
	finish(answer);
}

function asHttpError(error: unknown): SimulatorHttpError {
	if (error instanceof SimulatorHttpError) return error;
	return unexpectedError();
}

function errorAnswer(
	error: SimulatorHttpError,
	generation: Generation,
	options: {envelope?: boolean; pretty?: boolean},
	isList: boolean,
	extraHeaders: Record<string, string> = {},
): Answer {
	const rendered = render(error.status, error.toBody(), {envelope: options.envelope ?? false, pretty: options.pretty ?? false, isList, generation});
	return {
		status: rendered.httpStatus,
		headers: {...extraHeaders, ...error.headers, 'content-type': 'application/json'},
		text: rendered.text,
		errorCode: error.errorCode,
	};
}

/** Cuts a JSON text short so it cannot parse; never empty. */
function truncateJson(text: string): string {
	const source = text === '' ? '{"status":204}' : text;
	return source.slice(0, Math.max(1, Math.floor(source.length / 2)));
}

function readBody(request: IncomingMessage): Promise<string | undefined> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				reject(new SimulatorHttpError(413, 'PAYLOAD_TOO_LARGE', `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`));
				request.resume();
				return;
			}
			chunks.push(chunk);
		});
		request.on('end', () => resolve(chunks.length === 0 ? undefined : Buffer.concat(chunks).toString('utf8')));
		request.on('error', reject);
	});
}

export const BAD_GATEWAY_PAGE = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
</body>
</html>
`;
