// Atlas error bodies and the one exception type route handlers throw to answer with one.

export type AtlasErrorBody = {
	detail: string;
	error: number;
	errorCode: string;
	parameters: unknown[];
	reason: string;
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

export type HttpErrorOptions = {headers?: Record<string, string>; parameters?: unknown[]};

export class SimulatorHttpError extends Error {
	readonly status: number;
	readonly errorCode: string;
	readonly headers: Record<string, string>;
	readonly parameters: unknown[];

	constructor(status: number, errorCode: string, detail: string, options: HttpErrorOptions = {}) {
		super(detail);
		this.name = 'SimulatorHttpError';
		this.status = status;
		this.errorCode = errorCode;
		this.headers = options.headers ?? {};
		this.parameters = options.parameters ?? [];
	}

	/** Keys in the order Atlas writes them (the recorded 406 body). */
	toBody(): AtlasErrorBody {
		return {
			detail: this.message,
			error: this.status,
			errorCode: this.errorCode,
			parameters: this.parameters,
			reason: reasonFor(this.status),
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
