// --verbose: each HTTP exchange on stderr, curl style. The client already redacts Authorization;
// this logger redacts again (any auth header, and every known secret wherever it appears) so that
// no code path can leak the private key into a log.
import type {HttpExchange} from '../atlas/types.js';
import {terminalSafe} from '../text/terminal-safe.js';
import type {CommandIo} from './io.js';

const SECRET_HEADERS = /^(authorization|proxy-authorization|cookie|set-cookie)$/i;


function bodyText(body: unknown): string | undefined {
	if (body === undefined || body === null || body === '') return undefined;
	return typeof body === 'string' ? body : JSON.stringify(body);
}

export function formatExchange(exchange: HttpExchange): string {
	const lines = [`> ${exchange.method} ${exchange.url}`];
	for (const [name, value] of Object.entries(exchange.requestHeaders ?? {})) {
		lines.push(`> ${name}: ${SECRET_HEADERS.test(name) ? '[redacted]' : value}`);
	}

	const requestBody = bodyText(exchange.requestBody);
	if (requestBody) lines.push(`> ${requestBody}`);
	if (exchange.status === undefined) {
		lines.push(`< (no response${exchange.error ? `: ${exchange.error}` : ''})`);
	} else {
		lines.push(`< ${exchange.status}${exchange.durationMs === undefined ? '' : ` (${Math.round(exchange.durationMs)} ms)`}`);
		for (const [name, value] of Object.entries(exchange.responseHeaders ?? {})) {
			lines.push(`< ${name}: ${SECRET_HEADERS.test(name) ? '[redacted]' : value}`);
		}

		const responseBody = bodyText(exchange.responseBody);
		if (responseBody) lines.push(`< ${responseBody}`);
	}

	return lines.join('\n');
}

export function redact(text: string, secrets: string[]): string {
	let result = text;
	for (const secret of secrets) {
		if (secret.length > 0) result = result.split(secret).join('[redacted]');
	}

	return result;
}

export function createVerboseLogger(io: CommandIo, secrets: string[]): (exchange: HttpExchange) => void {
	return exchange => {
		io.stderr.write(`${terminalSafe(redact(formatExchange(exchange), secrets))}\n\n`);
	};
}
