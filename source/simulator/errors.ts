// Atlas error bodies and the one exception type route handlers throw to answer with one.

export type AtlasErrorBody = {
	error: number;
	errorCode: string;
	detail: string;
	reason: string;
	parameters: unknown[];
};

const reasons: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	406: 'Not Acceptable',
	410: 'Gone',
	413: 'Payload Too Large',
	415: 'Unsupported Media Type',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
};

export function reasonFor(status: number): string {
	return reasons[status] ?? 'Error';
}

export class SimulatorHttpError extends Error {
	readonly status: number;
	readonly errorCode: string;
	readonly headers: Record<string, string>;

	constructor(status: number, errorCode: string, detail: string, headers: Record<string, string> = {}) {
		super(detail);
		this.name = 'SimulatorHttpError';
		this.status = status;
		this.errorCode = errorCode;
		this.headers = headers;
	}

	toBody(): AtlasErrorBody {
		return {
			error: this.status,
			errorCode: this.errorCode,
			detail: this.message,
			reason: reasonFor(this.status),
			// The spec types parameters as objects; Atlas's own are strings. An empty list satisfies both,
			// and every detail names the offending value.
			parameters: [],
		};
	}
}

export function badAttribute(detail: string): SimulatorHttpError {
	return new SimulatorHttpError(400, 'INVALID_JSON_ATTRIBUTE', detail);
}

export function groupNotFound(groupId: string): SimulatorHttpError {
	return new SimulatorHttpError(404, 'GROUP_NOT_FOUND', `No group with ID ${groupId} exists.`);
}

export function unexpectedError(): SimulatorHttpError {
	return new SimulatorHttpError(500, 'UNEXPECTED_ERROR', 'Unexpected error.');
}
