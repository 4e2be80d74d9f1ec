// What the pipeline sends: status, headers and text, built from a route result or an Atlas error.
import {render} from './envelope.js';
import type {SimulatorHttpError} from './errors.js';
import type {Generation} from './routes/types.js';

export type Answer = {status: number; headers: Record<string, string>; text: string; errorCode?: string};

export type RenderOptions = {generation: Generation; envelope: boolean; pretty: boolean};

/** Errors are always application/json, as Atlas sends them; enveloped ones are HTTP 200. */
export function errorAnswer(error: SimulatorHttpError, options: RenderOptions, extraHeaders: Record<string, string> = {}): Answer {
	const rendered = render(error.status, error.toBody(), {...options, isList: false});
	return {
		status: rendered.httpStatus,
		headers: {...extraHeaders, ...error.headers, 'content-type': 'application/json'},
		text: rendered.text,
		errorCode: error.errorCode,
	};
}

/** v2 answers in the served version's media type, v1.0 in application/json. */
export function resultAnswer(
	result: {status: number; body?: unknown; isList?: boolean},
	version: string,
	options: RenderOptions,
	extraHeaders: Record<string, string>,
): Answer {
	const rendered = render(result.status, result.body, {...options, isList: result.isList ?? false});
	const contentType = options.generation === 'v2' ? `application/vnd.atlas.${version}+json` : 'application/json';
	return {
		status: rendered.httpStatus,
		headers: {...extraHeaders, ...(rendered.text === '' ? {} : {'content-type': contentType})},
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
