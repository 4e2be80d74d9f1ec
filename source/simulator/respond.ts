// What the pipeline sends: status, headers and text, built from a route result or an Atlas error.
// As recorded from real Atlas: results carry `;charset=utf-8` (a 204 too), errors are
// application/json with an X-Error-Code header, except 401s, which carry a challenge instead.
import {render} from './envelope.js';
import type {SimulatorHttpError} from './errors.js';
import type {Generation} from './routes/types.js';

export type Answer = {status: number; headers: Record<string, string>; text: string; errorCode?: string};

export type RenderOptions = {generation: Generation; envelope: boolean; pretty: boolean};

/** The Content-Type of a result at this generation and version. */
export function resultContentType(generation: Generation, version: string): string {
	return generation === 'v2' ? `application/vnd.atlas.${version}+json;charset=utf-8` : 'application/json;charset=utf-8';
}

/** Errors are always application/json, as Atlas sends them; enveloped ones are HTTP 200. */
export function errorAnswer(error: SimulatorHttpError, options: RenderOptions, extraHeaders: Record<string, string> = {}): Answer {
	const rendered = render(error.status, error.toBody(), {...options, isList: false});
	return {
		status: rendered.httpStatus,
		headers: {...extraHeaders, ...error.headers, ...(error.status === 401 ? {} : {'x-error-code': error.errorCode}), 'content-type': 'application/json'},
		text: rendered.text,
		errorCode: error.errorCode,
	};
}

/**
 * Wrong keys, as recorded: 401, a fresh challenge, and this pretty-printed body in this key order,
 * without `parameters` (whatever `pretty` or `envelope` asked for).
 */
export function badKeysAnswer(challenge: string): Answer {
	const body = {error: 401, reason: 'Unauthorized', detail: 'You are not authorized for this resource.', errorCode: 'UNEXPECTED_ERROR'};
	return {
		status: 401,
		headers: {'www-authenticate': challenge, 'content-type': 'application/json'},
		text: JSON.stringify(body, null, 2),
		errorCode: body.errorCode,
	};
}

/** v2 answers in the served version's media type, v1.0 in application/json; a 204 keeps its Content-Type. */
export function resultAnswer(
	result: {status: number; body?: unknown; isList?: boolean},
	version: string,
	options: RenderOptions,
	extraHeaders: Record<string, string>,
): Answer {
	const rendered = render(result.status, result.body, {...options, isList: result.isList ?? false});
	return {
		status: rendered.httpStatus,
		headers: {...extraHeaders, 'content-type': resultContentType(options.generation, version)},
		text: rendered.text,
	};
}

/** The malformedJson fault: HTTP 200 with the JSON cut short so it cannot parse (never empty). */
export function malformed(answer: Answer): Answer {
	const source = answer.text === '' ? '{"status":204}' : answer.text;
	return {
		status: 200,
		headers: {'content-type': 'application/json', ...answer.headers},
		text: source.slice(0, Math.max(1, Math.floor(source.length / 2))),
	};
}
