// One request through the simulator: log, the OAuth endpoints, then Digest or a Bearer token, access
// list and rate limit, faults, then routing. The challenge depends on headers only; the body is read
// (for the log) but never looked at first. Wrong keys get the recorded 401 (a fresh challenge,
// UNEXPECTED_ERROR); the key or service account that passes is the caller, whose roles the routes
// check (401 USER_UNAUTHORIZED, no challenge).
import type {IncomingMessage, ServerResponse} from 'node:http';
import {performance} from 'node:perf_hooks';
import {setTimeout as delay} from 'node:timers/promises';
import type {AccessList} from './access-list.js';
import {admit, type AccessListRequirement} from './admission.js';
import {normalizeIp} from './access-list.js';
import type {NonceStore} from './digest.js';
import {dispatch} from './dispatch.js';
import {apiPathOf, endpointSetOf} from './endpoint-sets.js';
import {flag} from './envelope.js';
import {SimulatorHttpError, unexpectedError} from './errors.js';
import {BAD_GATEWAY_PAGE, type FaultList} from './faults.js';
import type {IamPropagation} from './iam-propagation.js';
import type {RateLimiter} from './rate-limit.js';
import {readBody} from './request-body.js';
import {badKeysAnswer, errorAnswer, malformed, type Answer, type RenderOptions} from './respond.js';
import {matchRoute} from './routes/index.js';
import type {OAuthServer} from './oauth.js';
import type {Caller} from './authorization.js';
import type {SimulatorState} from './state.js';
import type {SimulatorLogEntry} from './types.js';

export type PipelineDeps = {
	state: SimulatorState;
	nonces: NonceStore;
	oauth: OAuthServer;
	accessList: AccessList;
	accessListRequirement: () => AccessListRequirement | null;
	faults: FaultList;
	rateLimiter: RateLimiter;
	iamPropagation: IamPropagation;
	/** The simulator's clock (wall time or stopped, moved forward by tests). */
	now: () => number;
	/** The origin links name instead of the one the client addressed (null: that one). */
	publicOrigin: () => string | null;
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

	if (deps.oauth.handles(entry.path)) {
		finish(deps.oauth.handle({method: entry.method, path: entry.path, headers: entry.headers, body: bodyText, ip: normalizeIp(request.socket.remoteAddress)}));
		return;
	}

	const now = deps.now();
	const authenticated = authenticate(deps, request, entry, now);
	if ('refusal' in authenticated) {
		finish(authenticated.refusal);
		return;
	}
	entry.authenticated = true;
	const {caller} = authenticated;

	const match = matchRoute(entry.method, entry.path);
	const render: RenderOptions = {
		generation: match.kind === 'notFound' ? 'v2' : match.generation,
		envelope: flag(entry.query, 'envelope'),
		pretty: flag(entry.query, 'pretty'),
	};
	let headers: Record<string, string>;
	const apiPath = apiPathOf(entry.path);
	try {
		headers = admit({
			remoteAddress: request.socket.remoteAddress,
			requestPath: entry.path,
			endpointSet: apiPath === undefined ? undefined : endpointSetOf(entry.method, apiPath, caller.name),
			accessList: deps.accessList,
			requirement: deps.accessListRequirement(),
			rateLimiter: deps.rateLimiter,
			now,
		});
	} catch (error) {
		finish(errorAnswer(asHttpError(error), render));
		return;
	}

	let truncate = false;
	let loseAnswer = false;
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
		} else if (fault.kind === 'lostAnswer') {
			loseAnswer = true;
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
				origin: deps.publicOrigin() ?? `http://${request.headers.host ?? 'localhost'}`,
				caller,
				path: entry.path,
				accessList: deps.accessList.current,
				iamPropagation: deps.iamPropagation,
				principal: entry.principal ?? 'apiKey',
				now,
			},
		});
	} catch (error) {
		answer = errorAnswer(asHttpError(error), render, headers);
	}
	if (loseAnswer) {
		// Carried out, and then the connection drops before the answer: the caller cannot know.
		entry.status = answer.status;
		reset();
		return;
	}
	finish(truncate ? malformed(answer) : answer);
}

/** Digest with the API key, or a service account's Bearer token; the 401 to send when neither holds. */
/** Digest or a Bearer token: the caller, or the 401 to send (the recorded wrong-keys answer for Digest). */
function authenticate(deps: PipelineDeps, request: IncomingMessage, entry: SimulatorLogEntry, now: number): {caller: Caller} | {refusal: Answer} {
	const header = request.headers.authorization;
	const bearer = /^\s*Bearer\s+(\S+)\s*$/i.exec(header ?? '');
	if (bearer?.[1]) {
		const verdict = deps.oauth.verifyBearer(bearer[1]);
		if (verdict.ok) {
			entry.principal = 'serviceAccount';
			// The demo service account holds the demo key's roles (the same projects).
			return {caller: {name: deps.state.serviceAccount.clientId, roles: deps.state.apiKey.roles}};
		}
		// RFC 6750 3.1: the client learns from the challenge that the token (not the account) is the problem.
		const description = verdict.why === 'expired' ? 'The access token expired' : verdict.why === 'revoked' ? 'The access token was revoked' : 'The access token is not valid';
		const refused = new SimulatorHttpError(401, 'UNEXPECTED_ERROR', 'You are not authorized for this resource.', {
			headers: {'www-authenticate': `Bearer realm="MongoDB Atlas", error="invalid_token", error_description="${description}"`},
		});
		return {refusal: errorAnswer(refused, PLAIN)};
	}
	const verdict = deps.nonces.verify(header, entry.method, request.url ?? '/', username => deps.state.keyFor(username)?.privateKey, now);
	const apiKey = verdict.ok ? deps.state.keyFor(verdict.username) : undefined;
	if (apiKey) {
		entry.principal = 'apiKey';
		return {caller: {name: apiKey.publicKey, roles: apiKey.roles, apiKey}};
	}
	return {refusal: badKeysAnswer(deps.nonces.challenge(!verdict.ok && verdict.stale, now))};
}

function asHttpError(error: unknown): SimulatorHttpError {
	return error instanceof SimulatorHttpError ? error : unexpectedError();
}
