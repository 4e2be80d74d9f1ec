// A small hostile HTTP server on loopback for the tests of what a server must not be able to make us
// do. It answers the Digest challenge like Atlas (any Authorization is accepted), then lets the test
// answer each authenticated request. Bounded: it stops by itself after `maxRequests` requests or
// `lifetimeMs` (default 20 s, timer unref'd), and close() ends every open connection.
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';

export type HostileRequest = {method: string; url: string; headers: IncomingMessage['headers']; body: string};

export type HostileServer = {
	baseUrl: string;
	/** Every request received, challenges included. */
	requests: HostileRequest[];
	/** Requests that carried an Authorization header. */
	authenticated(): HostileRequest[];
	close(): Promise<void>;
};

export const CHALLENGE = 'Digest realm="MMS Public API", domain="", nonce="hostile-nonce", algorithm=MD5, qop="auth", stale=false';

export async function hostileServer(
	answer: (request: HostileRequest, response: ServerResponse, index: number) => void | Promise<void>,
	options: {maxRequests?: number; lifetimeMs?: number; challenge?: (response: ServerResponse) => void} = {},
): Promise<HostileServer> {
	const requests: HostileRequest[] = [];
	const maxRequests = options.maxRequests ?? 100;
	let closed: Promise<void> | undefined;
	const server = createServer((incoming, response) => {
		const chunks: Buffer[] = [];
		incoming.on('data', chunk => chunks.push(chunk as Buffer));
		incoming.on('end', () => {
			const request: HostileRequest = {method: incoming.method ?? 'GET', url: incoming.url ?? '/', headers: incoming.headers, body: Buffer.concat(chunks).toString('utf8')};
			requests.push(request);
			if (requests.length > maxRequests) {
				response.destroy();
				void close();
				return;
			}
			if (!incoming.headers.authorization) {
				if (options.challenge) options.challenge(response);
				else {
					response.writeHead(401, {'www-authenticate': CHALLENGE, 'content-type': 'application/json'});
					response.end('{"error":401,"errorCode":"USER_UNAUTHORIZED"}');
				}
				return;
			}
			Promise.resolve(answer(request, response, requests.filter(entry => entry.headers.authorization).length - 1)).catch(() => response.destroy());
		});
	});
	const close = () => {
		closed ??= new Promise<void>(resolve => {
			server.close(() => resolve());
			server.closeAllConnections();
		});
		return closed;
	};
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const timer = setTimeout(() => void close(), options.lifetimeMs ?? 20_000);
	timer.unref();
	const {port} = server.address() as AddressInfo;
	return {
		baseUrl: `http://127.0.0.1:${port}`,
		requests,
		authenticated: () => requests.filter(request => request.headers.authorization),
		close: async () => {
			clearTimeout(timer);
			await close();
		},
	};
}

export function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	response.writeHead(status, {'content-type': 'application/json', ...headers});
	response.end(JSON.stringify(body));
}
