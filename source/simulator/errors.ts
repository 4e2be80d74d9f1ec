// Atlas error bodies and the one exception type route handlers throw to answer with one. The
// constructors below carry the detail and `parameters` Atlas sends (see the "Recorded" section of
// the API notes); X-Error-Code and the 401 body are added where the answer is written (respond.ts).

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

/** A field whose value has the wrong form (an AWS ARN as iamRoleId, a string for a boolean). */
export function invalidJsonAttribute(attribute: string, detail = `Received JSON for the ${attribute} attribute does not match expected format.`): SimulatorHttpError {
	return new SimulatorHttpError(400, 'INVALID_JSON_ATTRIBUTE', detail, {parameters: [attribute]});
}

/** A required field that is absent. */
export function missingAttribute(attribute: string): SimulatorHttpError {
	return new SimulatorHttpError(400, 'MISSING_ATTRIBUTE', `The required attribute ${attribute} was not specified.`, {parameters: [attribute]});
}

/** A field this request does not take, or a value outside the allowed set. */
export function invalidAttribute(attribute: string, detail = `Invalid attribute ${attribute} specified.`): SimulatorHttpError {
	return new SimulatorHttpError(400, 'INVALID_ATTRIBUTE', detail, {parameters: [attribute]});
}

/** A body that is not JSON (or not a JSON object). */
export function malformedJson(): SimulatorHttpError {
	return new SimulatorHttpError(400, 'MALFORMED_JSON', 'Received JSON is malformed.');
}

/** @deprecated name kept for routes not yet moved to the precise codes: a malformed field value. */
export function badAttribute(detail: string): SimulatorHttpError {
	return new SimulatorHttpError(400, 'INVALID_JSON_ATTRIBUTE', detail);
}

export function groupNotFound(groupId: string): SimulatorHttpError {
	return new SimulatorHttpError(404, 'GROUP_NOT_FOUND', `No group with ID ${groupId} exists.`, {parameters: [groupId]});
}

/** A valid key without the role an operation needs (no challenge: the key itself was accepted). */
export function userUnauthorized(): SimulatorHttpError {
	return new SimulatorHttpError(401, 'USER_UNAUTHORIZED', 'Current user is not authorized to perform this action.');
}

export function unexpectedError(): SimulatorHttpError {
	return new SimulatorHttpError(500, 'UNEXPECTED_ERROR', 'Unexpected error.');
}
