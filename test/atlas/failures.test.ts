// Every error mapping, end to end: real answers from the simulator (or a real local server for what
// the simulator cannot produce: 406/410 from another version, TLS) and real network failures.
import {after, before, beforeEach, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {createServer as createHttpServer, type Server} from 'node:http';
import {createServer as createHttpsServer} from 'node:https';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {createAtlasClient} from '../../source/atlas/client.js';
import {DigestTransport} from '../../source/atlas/digest-transport.js';
import {AtlasError, isAuthFailure} from '../../source/atlas/errors.js';
import {AtlasHttp, type ApiCall} from '../../source/atlas/http.js';
import {
	DEMO_IN_USE_EXPORT_BUCKET_ID,
	DEMO_PROJECTS,
	DEMO_READONLY_BUCKET,
	DEMO_ROLE_IDS,
} from '../../source/simulator/index.js';
import {authenticated, harness, rejectsWith, type Harness} from './support.js';

const production = DEMO_PROJECTS.production.id;
const analytics = DEMO_PROJECTS.analytics.id;
const missingId = 'aaaaaaaaaaaaaaaaaaaaaaaa';

async function atlasError(promise: Promise<unknown>): Promise<AtlasError> {
	const error = await rejectsWith(promise);
	assert.ok(error instanceof AtlasError, `expected an AtlasError, got ${String(error)}`);
	return error;
}

async function listen(server: Server): Promise<number> {
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	return (server.address() as AddressInfo).port;
}

describe('Atlas error answers', () => {
	let h: Harness;
	let raw: AtlasHttp;
	before(async () => {
		h = await harness({retry: {limit: 0}});
		raw = new AtlasHttp(
			{baseUrl: h.sim.baseUrl, apiVersion: 'v2', timeoutMs: 5000, pretty: false, envelope: false, retry: {limit: 0, baseDelayMs: 1, maxDelayMs: 1, budgetMs: 1}},
			new DigestTransport(h.sim.keys),
		);
	});
	after(async () => h.sim.close());
	beforeEach(() => {
		h.sim.controls.clearFaults();
		h.sim.controls.setAccessList(null);
		h.sim.controls.setRateLimit(null);
	});

	test('403 IP_ADDRESS_NOT_ON_ACCESS_LIST names this machine\'s IP and the separate access list', async () => {
		h.sim.controls.setAccessList(['203.0.113.0/24']);
		const error = await atlasError(h.client.listProjects());
		assert.equal(error.status, 403);
		assert.equal(error.errorCode, 'IP_ADDRESS_NOT_ON_ACCESS_LIST');
		assert.match(error.message, /IP address 127\.0\.0\.1 is not on the API key's access list/);
		assert.match(error.hint, /Add 127\.0\.0\.1 .*separate from the cluster's Network Access list/);
		assert.equal(isAuthFailure(error), true);
		assert.equal(error.method, 'GET');
		assert.equal(error.path, '/api/atlas/v2/groups');
	});

	test('404 GROUP_NOT_FOUND', async () => {
		const error = await atlasError(h.client.getProject(missingId));
		assert.equal(error.status, 404);
		assert.equal(error.errorCode, 'GROUP_NOT_FOUND');
		assert.match(error.detail ?? '', new RegExp(missingId));
		assert.match(error.message, /No Atlas project with that id/);
		assert.equal(isAuthFailure(error), false);
	});

	test('INVALID_GROUP_ID (reached only below the client\'s validation)', async () => {
		const error = await atlasError(raw.request({operation: 'getProject', path: '/groups/not-a-group'}));
		assert.equal(error.errorCode, 'INVALID_GROUP_ID');
		assert.match(error.message, /No Atlas project with that id/);
	});

	const createRaw = (body: unknown): ApiCall => ({operation: 'createExportBucket', path: `/groups/${production}/backup/exportBuckets`, body});

	test('400 INVALID_JSON_ATTRIBUTE on iamRoleId explains Atlas role id vs AWS ids', async () => {
		const error = await atlasError(raw.request(createRaw({bucketName: 'acme-atlas-snapshots', cloudProvider: 'AWS', iamRoleId: 'AROA3XFRBF23EXAMPLE12'})));
		assert.equal(error.status, 400);
		assert.equal(error.errorCode, 'INVALID_JSON_ATTRIBUTE');
		assert.match(error.message, /must be the Atlas role id .*not an AWS role ARN or AWS role id/);
	});

	test('400 MISSING_ATTRIBUTE shows Atlas\'s detail', async () => {
		const error = await atlasError(raw.request(createRaw({bucketName: 'acme-atlas-snapshots', iamRoleId: DEMO_ROLE_IDS.productionExport})));
		assert.equal(error.errorCode, 'MISSING_ATTRIBUTE');
		assert.deepEqual(error.parameters, ['cloudProvider']);
		assert.match(error.message, /Atlas says: The required attribute cloudProvider was not specified\./);
	});

	test('400 EXPORT_BUCKET_NAME_INVALID (reached only below the client\'s validation)', async () => {
		const error = await atlasError(raw.request(createRaw({bucketName: 'xn--bucket', cloudProvider: 'AWS', iamRoleId: DEMO_ROLE_IDS.productionExport})));
		assert.equal(error.errorCode, 'EXPORT_BUCKET_NAME_INVALID');
		assert.match(error.message, /rejected the bucket name/);
		assert.match(error.hint, /bare S3 bucket name/);
	});

	test('400 CLOUD_PROVIDER_ACCESS_ROLE_NOT_AUTHORIZED', async () => {
		const error = await atlasError(h.client.createExportBucket(production, {bucketName: 'acme-atlas-snapshots', iamRoleId: DEMO_ROLE_IDS.productionUnauthorized}));
		assert.equal(error.errorCode, 'CLOUD_PROVIDER_ACCESS_ROLE_NOT_AUTHORIZED');
		assert.match(error.message, /not authorized yet/);
	});

	test('400 CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND', async () => {
		const error = await atlasError(h.client.createExportBucket(production, {bucketName: 'acme-atlas-snapshots', iamRoleId: missingId}));
		assert.equal(error.errorCode, 'CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND');
		assert.match(error.message, /No cloud provider access role/);
	});

	test('400 CANNOT_ASSUME_ROLE points at trust policy, permissions and --wait-for-iam', async () => {
		const error = await atlasError(h.client.createExportBucket(production, {bucketName: DEMO_READONLY_BUCKET.name, iamRoleId: DEMO_ROLE_IDS.productionExport}));
		assert.equal(error.errorCode, 'CANNOT_ASSUME_ROLE');
		assert.match(error.hint, /trust policy.*s3:PutObject.*s3:GetBucketLocation.*--wait-for-iam/);
	});

	test('404 EXPORT_BUCKET_NOT_FOUND', async () => {
		const error = await atlasError(h.client.getExportBucket(production, missingId));
		assert.equal(error.status, 404);
		assert.equal(error.errorCode, 'EXPORT_BUCKET_NOT_FOUND');
	});

	test('400 EXPORT_BUCKET_DELETE_FAILED_BUCKET_IN_USE', async () => {
		const error = await atlasError(h.client.deleteExportBucket(analytics, DEMO_IN_USE_EXPORT_BUCKET_ID));
		assert.equal(error.errorCode, 'EXPORT_BUCKET_DELETE_FAILED_BUCKET_IN_USE');
		assert.match(error.hint, /auto export/);
	});

	test('429 RATE_LIMITED_TOKEN_BUCKET carries Retry-After into the hint', async () => {
		h.sim.controls.setRateLimit({capacity: 1, refillPerMinute: 6}, 'listProjects');
		h.sim.controls.setClock(Date.now());
		await h.client.listProjects();
		const error = await atlasError(h.client.listProjects());
		assert.equal(error.status, 429);
		assert.equal(error.errorCode, 'RATE_LIMITED_TOKEN_BUCKET');
		assert.equal(error.retryAfterSeconds, 10);
		assert.match(error.hint, /Wait 10 seconds \(Retry-After\)/);
	});

	test('500 UNEXPECTED_ERROR', async () => {
		h.sim.controls.injectFault({kind: 'http500', path: '/groups'});
		const error = await atlasError(h.client.listProjects());
		assert.equal(error.status, 500);
		assert.equal(error.errorCode, 'UNEXPECTED_ERROR');
		assert.match(error.message, /internal error \(HTTP 500 UNEXPECTED_ERROR\)/);
	});

	test('502 with an HTML page from a proxy', async () => {
		h.sim.controls.injectFault({kind: 'http502html', path: '/groups'});
		const error = await atlasError(h.client.listProjects());
		assert.equal(error.status, 502);
		assert.equal(error.errorCode, undefined);
		assert.equal(error.nonJsonBody?.looksLikeHtml, true);
		assert.match(error.message, /HTML page \(HTTP 502.*instead of an Atlas JSON error: a proxy or gateway/);
	});

	test('406 for a version the operation does not offer', async () => {
		// getExportBucket's Accept (2024-05-30) sent to the project resource, which offers only 2023-01-01.
		const error = await atlasError(raw.request({operation: 'getExportBucket', path: `/groups/${production}`}));
		assert.equal(error.status, 406);
		assert.equal(error.errorCode, 'INVALID_VERSION_DATE');
		assert.match(error.message, /does not accept the API version this tool requested \(HTTP 406 INVALID_VERSION_DATE\)/);
		assert.match(error.hint, /newer release.*--api-version/);
	});

	test('malformed JSON in a 200 answer', async () => {
		h.sim.controls.injectFault({kind: 'malformedJson', path: `/groups/${production}`});
		const error = await atlasError(h.client.getProject(production));
		assert.equal(error.status, 200);
		assert.equal(error.nonJsonBody?.looksLikeHtml, false);
		assert.match(error.message, /HTTP 200 with a body that is not valid JSON/);
	});

	test('a JSON answer without the fields an operation needs', async () => {
		// A project answer read as an export bucket: the mapper says what is missing.
		const answer = await raw.request({operation: 'getProject', path: `/groups/${production}`});
		const {shape} = await import('../../source/atlas/http.js');
		const {toExportBucket} = await import('../../source/atlas/wire.js');
		assert.throws(
			() => shape(answer, toExportBucket),
			(error: unknown) => error instanceof AtlasError && error.unexpectedShape === 'the export bucket has no bucketName' && /does not understand/.test(error.message),
		);
	});
});

describe('answers the simulator does not give the client: a removed version (410), 406 from a plain server', () => {
	let server: Server;
	let baseUrl: string;
	before(async () => {
		server = createHttpServer((request, response) => {
			const gone = request.url?.includes('/groups?') || request.url?.endsWith('/groups');
			const status = gone ? 410 : 406;
			const errorCode = gone ? 'VERSION_GONE' : 'INVALID_VERSION_DATE';
			response.writeHead(status, {'content-type': 'application/json'});
			response.end(JSON.stringify({error: status, errorCode, detail: 'This version is not served.', reason: gone ? 'Gone' : 'Not Acceptable', parameters: []}));
		});
		baseUrl = `http://127.0.0.1:${await listen(server)}`;
	});
	after(() => server.close());

	test('410 VERSION_GONE suggests a newer tool or --api-version', async () => {
		const client = createAtlasClient({baseUrl, keys: {publicKey: 'a', privateKey: 'b'}, retry: {limit: 0}});
		const error = await atlasError(client.listProjects());
		assert.equal(error.status, 410);
		assert.equal(error.errorCode, 'VERSION_GONE');
		assert.match(error.hint, /newer release.*--api-version/);
	});

	test('406 says the version is not accepted', async () => {
		const client = createAtlasClient({baseUrl, keys: {publicKey: 'a', privateKey: 'b'}, retry: {limit: 0}});
		const error = await atlasError(client.getProject(DEMO_PROJECTS.production.id));
		assert.equal(error.status, 406);
		assert.match(error.message, /does not accept the API version/);
	});
});

describe('network failures', () => {
	test('connection refused', async () => {
		const server = createHttpServer();
		const port = await listen(server);
		await new Promise(resolve => server.close(resolve));
		const client = createAtlasClient({baseUrl: `http://127.0.0.1:${port}`, keys: {publicKey: 'a', privateKey: 'b'}, retry: {baseDelayMs: 1, maxDelayMs: 2}});
		const error = await atlasError(client.checkKey());
		assert.equal(error.kind, 'network');
		assert.equal(error.networkCode, 'ECONNREFUSED');
		assert.match(error.message, new RegExp(`Could not connect to 127\\.0\\.0\\.1:${port}: the connection was refused`));
		assert.equal(isAuthFailure(error), false);
	});

	test('connection reset (POST: one attempt, never resent)', async () => {
		const h = await harness();
		try {
			await h.client.checkKey();
			h.sim.controls.injectFault({kind: 'reset', method: 'POST', times: 5});
			const error = await atlasError(h.client.createAwsRole(DEMO_PROJECTS.sandbox.id));
			assert.equal(error.kind, 'network');
			assert.match(error.networkCode ?? '', /^(ECONNRESET|UND_ERR_SOCKET)$/);
			// The request went out and no answer came: the outcome is unknown, and the hint says how to find out.
			assert.equal(error.outcomeUnknown, true);
			assert.equal(error.reason, 'outcomeUnknown');
			assert.match(error.message, /ended before an answer arrived.*the POST request had gone out, so whether Atlas carried it out is unknown/);
			assert.match(error.hint, new RegExp(`atlas-export-bucket roles --project-id ${DEMO_PROJECTS.sandbox.id}`));
			assert.equal(authenticated(h.sim.log).filter(entry => entry.method === 'POST').length, 1);
		} finally {
			await h.sim.close();
		}
	});

	test('DNS: a host that does not resolve', async () => {
		const client = createAtlasClient({baseUrl: 'http://atlas-export-bucket-test.invalid', keys: {publicKey: 'a', privateKey: 'b'}, retry: {baseDelayMs: 1, maxDelayMs: 2}});
		const error = await atlasError(client.checkKey());
		assert.equal(error.kind, 'network');
		assert.match(error.networkCode ?? '', /^(ENOTFOUND|EAI_AGAIN)$/);
		assert.match(error.message, /host name atlas-export-bucket-test\.invalid could not be resolved \(DNS lookup failed\)/);
	});

	test('TLS: a self-signed certificate is refused, with its own message', async () => {
		const directory = mkdtempSync(path.join(tmpdir(), 'atlas-tls-'));
		try {
			execFileSync('openssl', [
				'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
				'-subj', '/CN=127.0.0.1', '-keyout', path.join(directory, 'key.pem'), '-out', path.join(directory, 'cert.pem'),
			], {stdio: 'ignore'});
			const server = createHttpsServer({key: readFileSync(path.join(directory, 'key.pem')), cert: readFileSync(path.join(directory, 'cert.pem'))}, (_request, response) => {
				response.end('{}');
			});
			const port = await listen(server);
			try {
				const client = createAtlasClient({baseUrl: `https://127.0.0.1:${port}`, keys: {publicKey: 'a', privateKey: 'b'}, retry: {baseDelayMs: 1, maxDelayMs: 2}});
				const error = await atlasError(client.checkKey());
				assert.equal(error.kind, 'network');
				assert.equal(error.networkCode, 'DEPTH_ZERO_SELF_SIGNED_CERT');
				assert.match(error.message, new RegExp(`TLS certificate of 127\\.0\\.0\\.1:${port} could not be verified`));
				assert.match(error.hint, /NODE_EXTRA_CA_CERTS/);
			} finally {
				server.closeAllConnections();
				await new Promise(resolve => server.close(resolve));
			}
		} finally {
			rmSync(directory, {recursive: true, force: true});
		}
	});

	test('timeout also covers a body that stops half way', {timeout: 5000}, async () => {
		const server = createHttpServer((_request, response) => {
			response.writeHead(200, {'content-type': 'application/json'});
			response.write('{"results": [');
		});
		const port = await listen(server);
		try {
			const client = createAtlasClient({baseUrl: `http://127.0.0.1:${port}`, keys: {publicKey: 'a', privateKey: 'b'}, timeoutMs: 100, retry: {limit: 0}});
			const error = await atlasError(client.listProjects());
			assert.equal(error.kind, 'timeout');
		} finally {
			server.closeAllConnections();
			await new Promise(resolve => server.close(resolve));
		}
	});

	test('timeout: kind timeout with the configured limit in the message', async () => {
		// The server never answers (latency far past the timeout): the timeout fires however busy the machine is.
		const h = await harness({timeoutMs: 1500});
		try {
			await h.client.checkKey();
			h.sim.controls.injectFault({kind: 'latency', path: '/groups', latencyMs: 600_000});
			const error = await atlasError(h.client.listProjects());
			assert.equal(error.kind, 'timeout');
			// In seconds, as --timeout takes them (was "1500 ms").
			assert.match(error.message, /did not answer within 1\.5 s\./);
			assert.match(error.hint, /--timeout/);
			// A timeout is not retried, and the client carries on afterwards.
			assert.equal(authenticated(h.sim.log).filter(entry => entry.path === '/api/atlas/v2/groups').length, 1);
			assert.equal((await h.client.getProject(production)).id, production);
		} finally {
			await h.sim.close();
		}
	});
});
