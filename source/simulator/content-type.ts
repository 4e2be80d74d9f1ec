// Which request Content-Types a JSON body may come with: application/json or the versioned vnd type.
import {malformedJson, SimulatorHttpError} from './errors.js';

const JSON_TYPES = /^application\/(json|vnd\.atlas\.\d{4}-\d{2}-\d{2}\+json)$/i;

export function parseJsonBody(contentType: string | undefined, text: string | undefined): unknown {
	if (text === undefined || text.trim() === '') throw malformedJson();
	const mediaType = (contentType ?? '').split(';')[0]?.trim() ?? '';
	if (!JSON_TYPES.test(mediaType)) {
		throw new SimulatorHttpError(
			415,
			'UNSUPPORTED_MEDIA_TYPE',
			`Unsupported Content-Type ${mediaType === '' ? '(none)' : mediaType}: send application/json or application/vnd.atlas.YYYY-MM-DD+json.`,
		);
	}
	try {
		return JSON.parse(text) as unknown;
	} catch {
		throw malformedJson();
	}
}
