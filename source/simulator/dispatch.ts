// Routing an authenticated request: path, method, API version, body, then the route's handler.
import type {IncomingMessage} from 'node:http';
import {parseJsonBody} from './content-type.js';
import {SimulatorHttpError} from './errors.js';
import {resultAnswer, type Answer, type RenderOptions} from './respond.js';
import type {RouteMatch} from './routes/index.js';
import type {RouteContext} from './routes/types.js';
import {negotiateVersion, V1_EQUIVALENT_VERSION} from './versions.js';

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

/** The answer for a request; throws SimulatorHttpError for Atlas errors. */
export function dispatch(input: DispatchInput): Answer {
	const {match, request} = input;
	if (match.kind === 'notFound') throw new SimulatorHttpError(404, 'RESOURCE_NOT_FOUND', `Cannot find resource ${input.path}.`);
	if (match.kind === 'methodNotAllowed') {
		throw new SimulatorHttpError(405, 'METHOD_NOT_ALLOWED', `Method ${input.method} is not allowed on ${input.path}.`, {headers: {allow: match.allowed.join(', ')}});
	}
	const {route, params, generation} = match;
	const version = generation === 'v2' ? negotiateVersion(request.headers.accept, route.versions) : V1_EQUIVALENT_VERSION;
	const body = route.takesBody ? parseJsonBody(request.headers['content-type'], input.bodyText) : undefined;
	const result = route.handle({...input.context, generation, version, body}, params);
	const headers = {...input.headers};
	const deprecation = generation === 'v2' ? route.deprecated?.[version] : undefined;
	if (deprecation) {
		headers.deprecation = deprecation.deprecation;
		headers.sunset = deprecation.sunset;
	}
	return resultAnswer(result, version, input.render, headers);
}
