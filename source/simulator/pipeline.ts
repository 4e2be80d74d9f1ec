// One request through the simulator: log, Digest, access list and rate limit, faults, then routing.
// The challenge depends on headers only; the body is read (for the log) but never looked at first.
import type {IncomingMessage, ServerResponse} from 'node:http';
import {performance} from 'node:perf_hooks';
import {setTimeout as delay} from 'node:timers/promises';
import type {AccessList} from './access-list.js';
import {admit} from './admission.js';
import type {NonceStore} from './digest.js';
import {dispatch} from './dispatch.js';
import {flag} from './envelope.js';
import {SimulatorHttpError, unexpectedError} from './errors.js';
import {BAD_GATEWAY_PAGE, type FaultList} from './faults.js';
import type {IamPropagation} from './iam-propagation.js';
import type {TokenBucket} from './rate-limit.js';
import {readBody} from './request-body.js';
import {errorAnswer, malformed, type Answer, type RenderOptions} from './respond.js';
import {matchRoute} from './routes/index.js';
import type {SimulatorState} from './state.js';
import type {SimulatorLogEntry} from './types.js';

export type PipelineDeps = {
	state: SimulatorState;
	nonces: NonceStore;
	accessList: AccessList;
	faults: FaultList;
	rateLimiter: () => TokenBucket | null;
	iamPropagation: IamPropagation;
	/** The simulator's clock (wall time, moved forward by tests). */
	now: () => number;
	log: SimulatorLogEntry[];
	/** Aborted when the simulator closes: pending latency stops waiting. */
	closing: AbortSignal;
};

const PLAIN: RenderOptions = {generation: 'v2', envelope: false, pretty: false};

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
		if (error instanceof SimulatorHttpError) finish(errorAnswer(error, PLAIN, {connection: 'close'}));
		else reset();
		return;
	}
	if (bodyText !== undefined && bodyText !== '') entry.body = bodyText;

	const verdict = deps.nonces.verify(request.headers.authorization, entry.method, request.url ?? '/', {
		username: deps.state.apiKey.publicKey,
		password: deps.state.apiKey.privateKey,
	}, deps.now());
	if (!verdict.ok) {
		const detail = request.headers.authorization
			? `Current user is not authorized to perform this action (${verdict.reason}).`
			: 'You are not authorized for this resource.';
		const challenge = new SimulatorHttpError(401, 'USER_UNAUTHORIZED', detail, {'www-authenticate': deps.nonces.challenge(verdict.stale, deps.now())});
		finish(errorAnswer(challenge, PLAIN));
		return;
	}
	entry.authenticated = true;

	const match = matchRoute(entry.method, entry.path);
	const render: RenderOptions = {
		generation: match.kind === 'notFound' ? 'v2' : match.generation,
		envelope: flag(entry.query, 'envelope'),
		pretty: flag(entry.query, 'pretty'),
	};
	let headers: Record<string, string>;
	try {
		headers = admit(request.socket.remoteAddress, deps.accessList, deps.rateLimiter(), deps.now());
	} catch (error) {
		finish(errorAnswer(asHttpError(error), render));
		return;
	}

	let truncate = false;
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
			finish(errorAnswer(unexpectedError(), {...render, envelope: false}, headers));
			return;
		} else if (fault.kind === 'http502html') {
			finish({status: 502, headers: {'content-type': 'text/html; charset=utf-8', server: 'awselb/2.0'}, text: BAD_GATEWAY_PAGE});
			return;
		} else {
			truncate = true;
		}
	}

	let answer: Answer;
	try {
		answer = dispatch({
			match,
			request,
			method: entry.method,
			path: entry.path,
			bodyText,
			render,
			headers,
			context: {
				state: deps.state,
				query: entry.query,
				origin: `http://${request.headers.host ?? 'localhost'}`,
				path: entry.path,
				accessList: deps.accessList.current,
				iamPropagation: deps.iamPropagation,
				now: deps.now(),
			},
		});
	} catch (error) {
		answer = errorAnswer(asHttpError(error), render, headers);
	}
	finish(truncate ? malformed(answer) : answer);
}

function asHttpError(error: unknown): SimulatorHttpError {
	return error instanceof SimulatorHttpError ? error : unexpectedError();
}
