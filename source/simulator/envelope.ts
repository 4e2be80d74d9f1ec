// The `envelope` and `pretty` query parameters. Enveloped responses are always HTTP 200 with the real
// status inside: lists get `status` beside `results`; single results are wrapped. The v2 docs name
// the wrapper key `content`, the v1.0 page names it `envelope`: each generation uses its own page's.
import type {Generation} from './routes/types.js';

export type Rendered = {httpStatus: number; text: string};

export function envelopeKey(generation: Generation): 'content' | 'envelope' {
	return generation === 'v1.0' ? 'envelope' : 'content';
}

export function render(
	status: number,
	body: unknown,
	options: {envelope: boolean; pretty: boolean; isList: boolean; generation: Generation},
): Rendered {
	let payload = body;
	if (options.envelope) {
		payload =
			options.isList && typeof body === 'object' && body !== null
				? {...(body as Record<string, unknown>), status}
				: {status, [envelopeKey(options.generation)]: body ?? {}};
	}
	if (payload === undefined) return {httpStatus: status, text: ''};
	return {httpStatus: options.envelope ? 200 : status, text: JSON.stringify(payload, null, options.pretty ? 2 : undefined)};
}

export function flag(query: Record<string, string>, name: string): boolean {
	return query[name]?.toLowerCase() === 'true';
}
