// What a hostile or broken server cannot make the client do: follow a redirect, read an endless or
// huge body, overflow the stack with nesting, page forever, wait for hours, get Basic credentials,
// or receive a header built from a bad public key. Each server here is small, on loopback, and stops
// by itself.
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {createAtlasClient, type AtlasClientOptions} from '../../source/atlas/client.js';
import {AtlasError} from '../../source/atlas/errors.js';
import {ValidationError} from '../../source/atlas/validation.js';
import {CHALLENGE, hostileServer, json, type HostileServer} from '../support/hostile-server.js';
import {rejectsWith} from './support.js';

const project = '6650a1f2c3d4e5f6a7b8c9d0';
const role = '6650b2e3d4f5a6b7c8d9e0f1';
const keys = {publicKey: 'hostilek', privateKey: '00000000-0000-0000-0000-000000000000'};

function client(server: Pick<HostileServer, 'baseUrl'>, options: Partial<AtlasClientOptions> = {}) {
	return createAtlasClient({baseUrl: server.baseUrl, keys, timeoutMs: 5000, retry: {limit: 2, baseDelayMs: 1, maxDelayMs: 2}, ...options});
}

async function atlasError(promise: Promise<unknown>): Promise<AtlasError> {
	const error = await rejectsWith(promise);
	assert.ok(error instanceof AtlasError, String(error));
	return error;
}

describe('redirects are never followed', () => {
	test('a 307 on the create is an error naming the status and the Location origin; the other server gets nothing', async () => {
		const elsewhere = await hostileServer((_request, response) => json(response, 200, {_id: 'x', bucketName: 'stolen', cloudProvider: 'AWS'}));
		const server = await hostileServer((request, response) => {
			if (request.method === 'GET') json(response, 200, {results: [], totalCount: 0});
			else {
				response.writeHead(307, {location: `${elsewhere.baseUrl}${request.url}`});
				response.end();
			}
		});
		try {
			const error = await atlasError(client(server).createExportBucket(project, {bucketName: 'acme-atlas-snapshots', iamRoleId: role}));
			assert.equal(error.reason, 'redirect');
			assert.equal(error.status, 307);
			assert.equal(error.redirectTo, elsewhere.baseUrl);
			assert.match(error.message, new RegExp(`HTTP 307, a redirect to ${elsewhere.baseUrl.replaceAll('.', '\\.')}; redirects are never followed`));
			assert.equal(elsewhere.requests.length, 0, 'nothing was sent to the redirect target');
		} finally {
			await Promise.all([server.close(), elsewhere.close()]);
		}
	});

	test('a redirect on the challenge itself is not followed either', async () => {
		const elsewhere = await hostileServer(() => {});
		const server = await hostileServer(() => {}, {
			challenge: response => {
				response.writeHead(302, {location: `${elsewhere.baseUrl}/api/atlas/v2`});
				response.end();
			},
		});
		try {
			const error = await atlasError(client(server).checkKey());
			assert.equal(error.reason, 'redirect');
			assert.equal(elsewhere.requests.length, 0);
		} finally {
			await Promise.all([server.close(), elsewhere.close()]);
		}
	});
});

describe('bounds on what a server can make us do', () => {
	test('a body over the cap (streamed, no Content-Length) stops reading with an error naming the cap', async () => {
		const server = await hostileServer((_request, response) => {
			response.writeHead(200, {'content-type': 'application/json'});
			const chunk = Buffer.alloc(64 * 1024, 0x20);
			let sent = 0;
			const pump = () => {
				while (sent < 64 * 1024 * 1024 && response.write(chunk)) sent += chunk.length;
				if (sent < 64 * 1024 * 1024) response.once('drain', pump);
				else response.end();
			};
			response.on('close', () => {
				sent = Number.POSITIVE_INFINITY;
			});
			pump();
		});
		try {
			const error = await atlasError(client(server).checkKey());
			assert.equal(error.reason, 'limit');
			assert.deepEqual(error.limit, {what: 'body', bytes: 4 * 1024 * 1024});
			assert.match(error.message, /a response body larger than 4 MB/);
			assert.equal(server.authenticated().length, 1, 'a body over the cap is not retried');
		} finally {
			await server.close();
		}
	});

	test('a declared Content-Length over the cap fails before reading', async () => {
		const server = await hostileServer((_request, response) => {
			response.writeHead(200, {'content-type': 'application/json', 'content-length': String(1024 * 1024 * 1024)});
			response.write('{');
		});
		try {
			const error = await atlasError(client(server).checkKey());
			assert.deepEqual(error.limit, {what: 'body', bytes: 4 * 1024 * 1024});
		} finally {
			await server.close();
		}
	});

	test('JSON nested deeper than the limit is refused before parsing, and no stack overflows', async () => {
		const depth = 200_000;
		const server = await hostileServer((_request, response) => {
			response.writeHead(200, {'content-type': 'application/json'});
			response.end(`{"results":${'['.repeat(depth)}${']'.repeat(depth)}}`);
		});
		try {
			const error = await atlasError(client(server).listProjects());
			assert.equal(error.reason, 'limit');
			assert.deepEqual(error.limit, {what: 'nesting', depth: 64});
		} finally {
			await server.close();
		}
	});

	test('an endless paging server is stopped at the page cap', async () => {
		const server = await hostileServer((_request, response) => json(response, 200, {results: [{id: '6650a1f2c3d4e5f6a7b8c9d0', name: 'again'}, {id: '6650a1f2c3d4e5f6a7b8c9d1', name: 'again'}]}), {maxRequests: 200});
		try {
			const error = await atlasError(client(server, {pageSize: 2}).listProjects());
			assert.equal(error.reason, 'limit');
			assert.deepEqual(error.limit, {what: 'pages', pages: 20});
			assert.equal(server.authenticated().length, 20);
		} finally {
			await server.close();
		}
	});

	test('listing stops when its time budget is spent', async () => {
		// Every page answers after a pause and there is always another: the budget, not the page cap, ends it.
		const server = await hostileServer(async (_request, response) => {
			await new Promise(resolve => setTimeout(resolve, 40));
			json(response, 200, {results: [{id: '6650a1f2c3d4e5f6a7b8c9d0', name: 'slow'}]});
		}, {maxRequests: 2000});
		try {
			const error = await atlasError(client(server, {pageSize: 1, listLimits: {maxPages: 10_000, budgetMs: 300}}).listProjects());
			assert.deepEqual(error.limit, {what: 'listTime', ms: 300});
			assert.match(error.message, /longer than 0\.3 s/);
			assert.ok(server.authenticated().length < 100);
		} finally {
			await server.close();
		}
	});

	test('a 503 with Retry-After: 3600 under a 5 s timeout is reported at once, not waited for', async () => {
		const server = await hostileServer((_request, response) => json(response, 503, {error: 503, errorCode: 'SERVICE_UNAVAILABLE'}, {'retry-after': '3600'}));
		try {
			const error = await atlasError(client(server, {retry: {limit: 5, baseDelayMs: 1, maxDelayMs: 2}}).listProjects());
			assert.equal(error.status, 503);
			assert.equal(error.retryAfterSeconds, 3600);
			assert.equal(server.authenticated().length, 1);
		} finally {
			await server.close();
		}
	});

	test('the pauses of one call add up to at most the budget', async () => {
		// Retry-After: 1 every time, a budget of 1.5 s: one pause of 1 s, then the next would pass the budget.
		const server = await hostileServer((_request, response) => json(response, 429, {error: 429, errorCode: 'RATE_LIMITED'}, {'retry-after': '1'}));
		try {
			const error = await atlasError(client(server, {retry: {limit: 5, baseDelayMs: 1, maxDelayMs: 2, budgetMs: 1500}}).listProjects());
			assert.equal(error.status, 429);
			assert.equal(server.authenticated().length, 2);
		} finally {
			await server.close();
		}
	});
});

describe('credentials on the wire', () => {
	test('a server offering Basic and Digest together gets Digest, never Basic', async () => {
		const server = await hostileServer((_request, response) => json(response, 200, {apiKey: {publicKey: keys.publicKey, roles: [], accessList: []}}), {
			challenge: response => {
				response.setHeader('www-authenticate', ['Basic realm="hostile"', CHALLENGE]);
				response.writeHead(401, {'content-type': 'application/json'});
				response.end('{}');
			},
		});
		try {
			const info = await client(server).checkKey();
			assert.equal(info.publicKey, keys.publicKey);
			const sent = server.authenticated().map(request => String(request.headers.authorization));
			assert.equal(sent.length, 1);
			assert.match(sent[0]!, /^Digest username="hostilek", ?realm="MMS Public API", ?nonce="hostile-nonce"/);
			assert.ok(server.requests.every(request => !/^Basic/i.test(String(request.headers.authorization ?? ''))));
		} finally {
			await server.close();
		}
	});

	for (const [what, publicKey] of [['a double quote', 'abc"def'], ['a backslash', 'abc\\def'], ['whitespace', 'abc def'], ['a control character', 'abc\u001b[2Jdef']] as const) {
		test(`a public key with ${what} is refused before anything is sent`, async () => {
			const server = await hostileServer(() => {});
			try {
				assert.throws(() => createAtlasClient({baseUrl: server.baseUrl, keys: {publicKey, privateKey: 'p'}}), (error: unknown) => {
					assert.ok(error instanceof ValidationError);
					assert.match(error.message, new RegExp(`contains ${what}`));
					return true;
				});
				assert.equal(server.requests.length, 0);
			} finally {
				await server.close();
			}
		});
	}
});

describe('the base URL', () => {
	for (const [url, part] of [
		['https://user:secret@cloud.mongodb.com', /user name or password/],
		['https://user@cloud.mongodb.com', /user name or password/],
		['https://cloud.mongodb.com/?x=1', /must not contain a query/],
		['https://cloud.mongodb.com/#frag', /must not contain a fragment/],
	] as const) {
		test(`${url.replace(/secret/, '***')} is refused, naming the part`, () => {
			assert.throws(() => createAtlasClient({baseUrl: url, keys}), (error: unknown) => {
				assert.ok(error instanceof ValidationError);
				assert.match(error.message, part);
				assert.doesNotMatch(error.message, /secret/);
				return true;
			});
		});
	}
});
