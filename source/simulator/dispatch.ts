// Routing an authenticated request: path, method, API version, the caller's role, body, then the
// route's handler.
import type {IncomingMessage} from 'node:http';
import {defaultNeed, mayAccess} from './authorization.js';
import {parseJsonBody} from './content-type.js';
import {SimulatorHttpError, userUnauthorized} from './errors.js';
import {resultAnswer, type Answer, type RenderOptions} from './respond.js';
import type {RouteMatch} from './routes/index.js';
import type {RouteContext} from './routes/types.js';
import {deprecationHeaders, negotiateVersion, V1_EQUIVALENT_VERSION} from './versions.js';

export type DispatchInput = {
	match: RouteMatch;
	request: IncomingMessage;
	method: string;
	path: string;
	bodyText: string | undefined;
	render: RenderOptions;
	headers: Record<string, string>;
	context: Omit<RouteContext, 'generation' | 'version' | 'body'>;
};

const PROJECT_PATH = /^\/groups\/([^/]+)(?:\/|$)/;

/** The answer for a request; throws SimulatorHttpError for Atlas errors. */
export function dispatch(input: DispatchInput): Answer {
	const {match, request} = input;
	if (match.kind === 'notFound') throw new SimulatorHttpError(404, 'RESOURCE_NOT_FOUND', `Cannot find resource ${input.path}.`, {parameters: [input.path]});
	if (match.kind === 'methodNotAllowed') {
		throw new SimulatorHttpError(405, 'METHOD_NOT_ALLOWED', `Method ${input.method} is not allowed on ${input.path}.`, {
			headers: {allow: match.allowed.join(', ')},
			parameters: [input.method, input.path],
		});
	}
	const {route, params, generation, rest} = match;
	const version = generation === 'v2' ? negotiateVersion(request.headers.accept, route.versions, route.deprecated, input.context.now) : V1_EQUIVALENT_VERSION;
	// A project that does not exist is the route's to answer (GROUP_NOT_FOUND); one that does needs the role.
	const project = input.context.state.project(PROJECT_PATH.exec(rest)?.[1] ?? '');
	if (project && !mayAccess(input.context.caller, project, route.access ?? defaultNeed(route.method))) throw userUnauthorized();
	const body = route.takesBody ? parseJsonBody(request.headers['content-type'], input.bodyText) : undefined;
	const result = route.handle({...input.context, generation, version, body}, params);
	const deprecation = generation === 'v2' ? route.deprecated?.[version] : undefined;
	return resultAnswer(result, version, input.render, {...input.headers, ...(deprecation ? deprecationHeaders(deprecation) : {})});
}
