import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {
	accessListIp,
	AtlasError,
	atlasErrorReason,
	type AtlasErrorReason,
	describeNonJsonBody,
	explainFailure,
	isAuthFailure,
	networkCodeOf,
	ruleNameFor,
	type AtlasFailure,
} from '../../source/atlas/errors.js';

const request = {method: 'POST', path: '/api/atlas/v2/groups/6650a1f2c3d4e5f6a7b8c9d0/backup/exportBuckets', url: 'https://cloud.mongodb.com/api/atlas/v2/groups/6650a1f2c3d4e5f6a7b8c9d0/backup/exportBuckets'};

function api(status: number, errorCode?: string, extra: Partial<AtlasFailure> = {}): AtlasFailure {
	return {kind: 'api', ...request, status, ...(errorCode ? {errorCode} : {}), ...extra};
}

/** A failure of POST /api/oauth/token. */
function token(status: number): AtlasFailure {
	return {kind: 'api', method: 'POST', path: '/api/oauth/token', url: 'https://cloud.mongodb.com/api/oauth/token', status, credential: 'serviceAccount', endpoint: 'token'};
}

function network(networkCode: string | undefined): AtlasFailure {
	return {kind: 'network', ...request, ...(networkCode ? {networkCode} : {})};
}

// Every row of the mapping table, with what its message and hint must say.
const table: Array<{failure: AtlasFailure; rule: string; message: RegExp; hint: RegExp}> = [
	{failure: {kind: 'timeout', ...request, timeoutMs: 5000, outcomeUnknown: true}, rule: 'outcome unknown', message: /did not answer within 5 s: the POST request had gone out, so whether Atlas carried it out is unknown\./, hint: /atlas-export-bucket list --project-id 6650a1f2c3d4e5f6a7b8c9d0/},
	{failure: {...network('ECONNRESET'), outcomeUnknown: true}, rule: 'outcome unknown', message: /ended before an answer arrived \(ECONNRESET\).*unknown/, hint: /list --project-id/},
	{failure: {kind: 'cancelled', ...request, outcomeUnknown: true}, rule: 'outcome unknown', message: /^Cancelled after the request was sent/, hint: /list --project-id/},
	{failure: {kind: 'timeout', ...request, timeoutMs: 500}, rule: 'timeout', message: /did not answer within 0\.5 s\./, hint: /--timeout/},
	{failure: api(307, undefined, {redirectTo: 'http://127.0.0.1:9'}), rule: 'redirect', message: /HTTP 307, a redirect to http:\/\/127\.0\.0\.1:9; redirects are never followed/, hint: /--base-url/},
	{failure: {kind: 'limit', ...request, limit: {what: 'body', bytes: 4 * 1024 * 1024}}, rule: 'limit', message: /a response body larger than 4 MB/, hint: /base URL/},
	{failure: {kind: 'limit', ...request, limit: {what: 'nesting', depth: 64}}, rule: 'limit', message: /JSON nested deeper than 64 levels/, hint: /base URL/},
	{failure: {kind: 'limit', ...request, limit: {what: 'pages', pages: 20}}, rule: 'limit', message: /more than 20 pages/, hint: /base URL/},
	{failure: {kind: 'limit', ...request, limit: {what: 'listTime', ms: 60_000}}, rule: 'limit', message: /longer than 60 s/, hint: /base URL/},
	{failure: {kind: 'timeout', ...request, timeoutMs: 30_000}, rule: 'timeout', message: /cloud\.mongodb\.com did not answer within 30 s/, hint: /--timeout/},
	{failure: network('ECONNREFUSED'), rule: 'connection refused', message: /connection was refused/, hint: /base URL/},
	{failure: network('ECONNRESET'), rule: 'connection reset', message: /closed before a response/, hint: /proxy/},
	{failure: network('UND_ERR_SOCKET'), rule: 'connection reset', message: /closed before a response/, hint: /try again/},
	{failure: network('ENOTFOUND'), rule: 'dns', message: /host name cloud\.mongodb\.com could not be resolved \(DNS/, hint: /spelling/},
	{failure: network('EAI_AGAIN'), rule: 'dns', message: /could not be resolved/, hint: /DNS/},
	{failure: network('DEPTH_ZERO_SELF_SIGNED_CERT'), rule: 'tls', message: /TLS certificate .* could not be verified \(DEPTH_ZERO_SELF_SIGNED_CERT\)/, hint: /NODE_EXTRA_CA_CERTS/},
	{failure: network('ERR_TLS_CERT_ALTNAME_INVALID'), rule: 'tls', message: /TLS certificate/, hint: /never switched off/},
	{failure: network('CERT_HAS_EXPIRED'), rule: 'tls', message: /CERT_HAS_EXPIRED/, hint: /CA certificate/},
	{failure: network(undefined), rule: 'other network', message: /failed before Atlas answered/, hint: /network connection/},
	{
		failure: api(502, undefined, {nonJsonBody: {excerpt: '502 Bad Gateway', looksLikeHtml: true, contentType: 'text/html'}}),
		rule: 'non-JSON body',
		message: /HTML page \(HTTP 502, "502 Bad Gateway"\) instead of an Atlas JSON error: a proxy/,
		hint: /HTTPS_PROXY/,
	},
	{
		failure: api(200, undefined, {nonJsonBody: {excerpt: '{"resu', looksLikeHtml: false, contentType: 'application/json'}}),
		rule: 'non-JSON body',
		message: /HTTP 200 with a body that is not valid JSON \(application\/json\)/,
		hint: /try again/i,
	},
	{failure: api(200, undefined, {unexpectedShape: 'the export bucket has no _id or id'}), rule: 'unexpected shape', message: /does not understand: the export bucket has no _id or id/, hint: /base URL/},
	{
		failure: api(403, 'IP_ADDRESS_NOT_ON_ACCESS_LIST', {detail: 'IP address 203.0.113.7 is not allowed to access this resource.', parameters: ['203.0.113.7']}),
		rule: 'access list',
		message: /IP address 203\.0\.113\.7 is not on the API key's access list/,
		hint: /Add 203\.0\.113\.7 .*separate from the cluster's Network Access list/,
	},
	{
		failure: {...token(401), oauthError: 'invalid_client', detail: 'The client secret has expired.'},
		rule: 'service account secret expired',
		message: /service account's secret: it has expired or was revoked \(HTTP 401 invalid_client\)/,
		hint: /new secret .*login --service-account.*MONGODB_ATLAS_CLIENT_SECRET/,
	},
	{failure: {...token(401), oauthError: 'invalid_client', detail: 'Invalid client credentials.'}, rule: 'service account invalid client', message: /rejected the service account \(HTTP 401 invalid_client\): the client id or the secret is wrong/, hint: /mdb_sa_id_/},
	{
		failure: {...token(429), errorCode: 'RATE_LIMITED', parameters: ['/api/oauth/token', 50, 1]},
		rule: 'token endpoint rate limited',
		message: /token endpoint allows 50 requests a minute per IP address and service account/,
		hint: /keychain/,
	},
	{
		failure: api(403, 'IP_ADDRESS_NOT_ON_ACCESS_LIST', {credential: 'serviceAccount', detail: 'IP address 203.0.113.7 is not allowed to access this resource.'}),
		rule: 'service account access list',
		message: /203\.0\.113\.7 is not on the service account's API access list/,
		hint: /when the token is used, not when it is issued/,
	},
	{failure: api(401, 'UNEXPECTED_ERROR', {credential: 'serviceAccount'}), rule: 'service account token refused', message: /refused the service account's access token \(HTTP 401\)/, hint: /still exists/},
	{failure: api(401, 'UNEXPECTED_ERROR', {detail: 'You are not authorized for this resource.'}), rule: 'wrong keys', message: /rejected the API key pair \(HTTP 401\)/, hint: /organization that owns the project/},
	{failure: api(401, 'USER_UNAUTHORIZED', {operation: 'createExportBucket'}), rule: 'missing role', message: /accepted the API key but refused this operation \(HTTP 401 USER_UNAUTHORIZED\)/, hint: /^Registering or deleting an export bucket needs Project Owner or Project Backup Manager\./},
	{failure: api(401, 'USER_UNAUTHORIZED', {operation: 'authorizeAwsRole'}), rule: 'missing role', message: /lacks the project role/, hint: /^Creating or authorizing a cloud provider access role needs Project Owner\./},
	{failure: api(401, 'USER_UNAUTHORIZED', {operation: 'listExportBuckets'}), rule: 'missing role', message: /USER_UNAUTHORIZED/, hint: /^Reading this needs Project Read Only/},
	{failure: api(401, 'USER_UNAUTHORIZED', {credential: 'serviceAccount', operation: 'createAwsRole'}), rule: 'missing role', message: /accepted the service account/, hint: /needs Project Owner/},
	{
		failure: api(403, 'RESOURCE_REQUIRES_ACCESS_LIST', {detail: 'This resource requires access through an access list of ip ranges.', parameters: ['198.51.100.4']}),
		rule: 'access list required',
		message: /This Atlas resource requires API keys to have an API access list, and this key has none \(HTTP 403 RESOURCE_REQUIRES_ACCESS_LIST\)/,
		hint: /entry for this machine's IP address 198\.51\.100\.4 to this API key .*not the project's Network Access list/,
	},
	{
		failure: api(403, 'ORG_REQUIRES_ACCESS_LIST', {parameters: ['2001:db8::7']}),
		rule: 'access list required',
		message: /This organization requires API keys to have an API access list/,
		hint: /2001:db8::7 .*not the project's Network Access list/,
	},
	{failure: api(401), rule: 'wrong keys', message: /API key pair/, hint: /private key is shown only once/},
	{failure: api(404, 'GROUP_NOT_FOUND'), rule: 'project not found', message: /No Atlas project with that id .*GROUP_NOT_FOUND/, hint: /Check the project id/},
	{failure: api(400, 'INVALID_GROUP_ID'), rule: 'project not found', message: /INVALID_GROUP_ID/, hint: /project id/},
	{
		failure: api(400, 'INVALID_JSON_ATTRIBUTE', {detail: 'Invalid iamRoleId "AROA…"', parameters: ['iamRoleId']}),
		rule: 'iamRoleId attribute',
		message: /iamRoleId: it must be the Atlas role id .*not an AWS role ARN or AWS role id/,
		hint: /AROA/,
	},
	{
		failure: api(400, 'INVALID_JSON_ATTRIBUTE', {detail: 'Missing attribute cloudProvider: it must be AWS.', parameters: ['cloudProvider']}),
		rule: 'invalid attribute',
		message: /rejected a field .*Atlas says: Missing attribute cloudProvider/,
		hint: /Correct the field/,
	},
	{failure: api(400, 'CLOUD_PROVIDER_ACCESS_ROLE_NOT_AUTHORIZED'), rule: 'role not authorized', message: /not authorized yet/, hint: /authorize the Atlas role/},
	{failure: api(400, 'CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND'), rule: 'role not found', message: /No cloud provider access role/, hint: /create and authorize/},
	{
		failure: api(400, 'CANNOT_ASSUME_ROLE'),
		rule: 'cannot assume role',
		message: /could not assume the AWS IAM role/,
		hint: /trust policy.*sts:ExternalId.*s3:PutObject.*s3:GetBucketLocation.*propagated.*--wait-for-iam/,
	},
	{
		failure: {kind: 'api', method: 'PATCH', path: '/api/atlas/v2/groups/6650a1f2c3d4e5f6a7b8c9d1/cloudProviderAccess/6650b2e3d4f5a6b7c8d9e0f3', status: 400, errorCode: 'CANNOT_ASSUME_ROLE', parameters: ['arn:aws:iam::123456789012:role/x']},
		rule: 'cannot assume role at authorize',
		message: /could not assume the AWS IAM role arn:aws:iam::123456789012:role\/x\./,
		hint: /trust policy: Principal = the Atlas AWS account ARN, action sts:AssumeRole, condition sts:ExternalId = the role's external id.*propagated.*roles authorize.*--wait-for-iam/,
	},
	{failure: api(400, 'EXPORT_BUCKET_NAME_INVALID', {detail: 'Bucket name x is invalid.'}), rule: 'bucket name invalid', message: /rejected the bucket name\. Atlas says: Bucket name x/, hint: /bare S3 bucket name/},
	{failure: api(404, 'EXPORT_BUCKET_NOT_FOUND'), rule: 'export bucket not found', message: /No export bucket with that id/, hint: /List the project's export buckets/},
	{failure: api(400, 'EXPORT_BUCKET_DELETE_FAILED_BUCKET_IN_USE'), rule: 'export bucket in use', message: /still used by an automatic snapshot export/, hint: /auto export/},
	{failure: api(410, 'VERSION_GONE'), rule: 'version gone', message: /no longer serves the API version/, hint: /newer release.*--api-version/},
	{failure: api(406, 'INVALID_VERSION_DATE'), rule: 'not acceptable', message: /does not accept the API version .*HTTP 406/, hint: /newer release.*--api-version/},
	{failure: api(429, 'RATE_LIMITED_TOKEN_BUCKET', {retryAfterSeconds: 7}), rule: 'rate limited', message: /rate limiting this API key \(HTTP 429\)/, hint: /Wait 7 seconds \(Retry-After\)/},
	{failure: api(429, 'RATE_LIMITED_TOKEN_BUCKET'), rule: 'rate limited', message: /rate limiting/, hint: /Wait a minute/},
	{failure: api(403, 'NOT_ORG_GROUP_CREATOR'), rule: 'forbidden', message: /may not do that \(HTTP 403 NOT_ORG_GROUP_CREATOR\)/, hint: /Project Owner/},
	{failure: api(403, 'USER_CANNOT_ACCESS_GROUP', {operation: 'createAwsRole'}), rule: 'forbidden', message: /this API key may not do that \(HTTP 403/, hint: /^Creating or authorizing a cloud provider access role needs Project Owner\. Give the API key that role/},
	{failure: api(403, 'USER_CANNOT_ACCESS_GROUP', {credential: 'serviceAccount', operation: 'authorizeAwsRole'}), rule: 'forbidden', message: /this service account may not do that/, hint: /^Creating or authorizing a cloud provider access role needs Project Owner\. Give the service account that role/},
	{failure: api(403, 'USER_CANNOT_ACCESS_GROUP', {operation: 'createExportBucket'}), rule: 'forbidden', message: /may not do that/, hint: /^Registering or deleting an export bucket needs Project Owner or Project Backup Manager\./},
	{failure: api(500, 'UNEXPECTED_ERROR'), rule: 'server error', message: /internal error \(HTTP 500 UNEXPECTED_ERROR\)/, hint: /status\.mongodb\.com/},
	{failure: api(503), rule: 'server error', message: /unavailable \(HTTP 503\)/, hint: /Try again/},
	{failure: api(404, 'RESOURCE_NOT_FOUND'), rule: 'not found', message: /found nothing at \/api\/atlas\/v2/, hint: /ids and the base URL/},
	{failure: api(409, 'DUPLICATE'), rule: 'any api error', message: /refused the request \(HTTP 409 DUPLICATE\)/, hint: /Correct/},
];

describe('the mapping table', () => {
	for (const {failure, rule, message, hint} of table) {
		test(`${rule}: ${failure.kind} ${failure.status ?? ''} ${failure.errorCode ?? failure.networkCode ?? ''}`, () => {
			assert.equal(ruleNameFor(failure), rule);
			const explanation = explainFailure(failure);
			assert.match(explanation.message, message);
			assert.match(explanation.hint, hint);
		});
	}

	test('every message is one sentence and no message repeats another row\'s', () => {
		const messages = table.map(row => explainFailure(row.failure).message);
		for (const text of messages) assert.match(text, /[.)]$/);
		const firstOfRule = new Map<string, string>();
		for (const [index, row] of table.entries()) if (!firstOfRule.has(row.rule)) firstOfRule.set(row.rule, messages[index]!);
		assert.equal(new Set(firstOfRule.values()).size, firstOfRule.size);
	});
});

describe('AtlasError', () => {
	test('carries the failure fields, the message and the hint', () => {
		const error = new AtlasError(api(403, 'IP_ADDRESS_NOT_ON_ACCESS_LIST', {detail: 'IP address 198.51.100.4 is not allowed.', parameters: ['198.51.100.4']}));
		assert.ok(error instanceof Error);
		assert.equal(error.name, 'AtlasError');
		assert.equal(error.kind, 'api');
		assert.equal(error.status, 403);
		assert.equal(error.errorCode, 'IP_ADDRESS_NOT_ON_ACCESS_LIST');
		assert.equal(error.detail, 'IP address 198.51.100.4 is not allowed.');
		assert.deepEqual(error.parameters, ['198.51.100.4']);
		assert.equal(error.method, 'POST');
		assert.equal(error.path, request.path);
		assert.match(error.message, /198\.51\.100\.4/);
		assert.match(error.hint, /access list/);
	});

	test('isAuthFailure is true for 401 and 403 only', () => {
		assert.equal(isAuthFailure(new AtlasError(api(401))), true);
		assert.equal(isAuthFailure(new AtlasError(api(403, 'IP_ADDRESS_NOT_ON_ACCESS_LIST'))), true);
		assert.equal(isAuthFailure(new AtlasError(api(404, 'GROUP_NOT_FOUND'))), false);
		assert.equal(isAuthFailure(new AtlasError(network('ECONNREFUSED'))), false);
		assert.equal(isAuthFailure(new Error('401')), false);
	});
});

describe('typed reasons', () => {
	const expected: Record<string, AtlasErrorReason> = {
		'outcome unknown': 'outcomeUnknown',
		redirect: 'redirect',
		limit: 'limit',
		timeout: 'timeout',
		'connection refused': 'network',
		'connection reset': 'network',
		dns: 'network',
		tls: 'network',
		'other network': 'network',
		'non-JSON body': 'unexpectedAnswer',
		'unexpected shape': 'unexpectedAnswer',
		'access list': 'accessList',
		'access list required': 'accessListRequired',
		'missing role': 'missingRole',
		'service account secret expired': 'clientSecretExpired',
		'service account invalid client': 'invalidClient',
		'token endpoint rate limited': 'tokenRateLimited',
		'service account access list': 'tokenNotOnAccessList',
		'service account token refused': 'tokenRefused',
		'wrong keys': 'badCredentials',
		'project not found': 'projectNotFound',
		'iamRoleId attribute': 'invalidRoleId',
		'invalid attribute': 'invalidAttribute',
		'role not authorized': 'roleNotAuthorized',
		'role not found': 'roleNotFound',
		'cannot assume role': 'cannotAssumeRole',
		'cannot assume role at authorize': 'cannotAssumeRole',
		'bucket name invalid': 'invalidBucketName',
		'export bucket not found': 'exportBucketNotFound',
		'export bucket in use': 'exportBucketInUse',
		'version gone': 'apiVersionUnsupported',
		'not acceptable': 'apiVersionUnsupported',
		'rate limited': 'rateLimited',
		forbidden: 'forbidden',
		'server error': 'serverError',
		'not found': 'notFound',
		'any api error': 'other',
	};
	for (const {failure, rule} of table) {
		test(`${rule} -> ${expected[rule]}`, () => {
			const error = new AtlasError(failure);
			assert.equal(error.reason, expected[rule]);
			assert.equal(atlasErrorReason(error), expected[rule]);
		});
	}

	test('anything but an AtlasError has no reason', () => {
		assert.equal(atlasErrorReason(new Error('CANNOT_ASSUME_ROLE')), undefined);
		assert.equal(atlasErrorReason({errorCode: 'CANNOT_ASSUME_ROLE'}), undefined);
	});
});

describe('CANNOT_ASSUME_ROLE with what the caller knows', () => {
	const context = {
		bucketName: 'acme-locked-audit-logs',
		iamRoleArn: 'arn:aws:iam::123456789012:role/atlas-export-wizard',
		atlasAWSAccountArn: 'arn:aws:iam::536727724300:root',
		externalId: '0b5c9f14-2f3e-4c55-9a1e-6d7f8e9a0b1c',
	};

	test('at create, the hint names the real bucket, role ARN, principal and external id: no placeholder left', () => {
		const error = new AtlasError(api(400, 'CANNOT_ASSUME_ROLE', {parameters: ['6650b2e3d4f5a6b7c8d9e0f1']})).withContext(context);
		assert.equal(error.reason, 'cannotAssumeRole');
		assert.match(error.message, /role arn:aws:iam::123456789012:role\/atlas-export-wizard, or could not write .* into the bucket acme-locked-audit-logs\./);
		assert.match(error.hint, /the role arn:aws:iam::123456789012:role\/atlas-export-wizard's trust policy \(Principal AWS = arn:aws:iam::536727724300:root, action sts:AssumeRole, condition sts:ExternalId = 0b5c9f14-2f3e-4c55-9a1e-6d7f8e9a0b1c\)/);
		assert.match(error.hint, /s3:PutObject on arn:aws:s3:::acme-locked-audit-logs\/\* and s3:GetBucketLocation on arn:aws:s3:::acme-locked-audit-logs\)/);
		assert.doesNotMatch(`${error.message} ${error.hint}`, /BUCKET|the role's external id|the Atlas AWS account ARN/);
	});

	test('at authorize, the ARN from the context and the trust values', () => {
		const failure: AtlasFailure = {kind: 'api', method: 'PATCH', path: '/api/atlas/v2/groups/g/cloudProviderAccess/r', status: 400, errorCode: 'CANNOT_ASSUME_ROLE'};
		const error = new AtlasError(failure).withContext({iamRoleArn: context.iamRoleArn, atlasAWSAccountArn: context.atlasAWSAccountArn, externalId: context.externalId});
		assert.match(error.message, /assume the AWS IAM role arn:aws:iam::123456789012:role\/atlas-export-wizard\./);
		assert.match(error.hint, /Principal AWS = arn:aws:iam::536727724300:root, action sts:AssumeRole, condition sts:ExternalId = 0b5c9f14/);
	});

	test('withContext keeps the failure, merges contexts, ignores empty values and leaves the original alone', () => {
		const original = new AtlasError(api(400, 'CANNOT_ASSUME_ROLE', {detail: 'Atlas cannot assume the specified role (x).'}), {cause: new Error('root')});
		const first = original.withContext({bucketName: 'b-one', iamRoleArn: ''});
		const second = first.withContext({externalId: 'e-1', bucketName: undefined});
		assert.deepEqual(second.context, {bucketName: 'b-one', externalId: 'e-1'});
		assert.equal(second.status, 400);
		assert.equal(second.detail, 'Atlas cannot assume the specified role (x).');
		assert.equal((second.cause as Error).message, 'root');
		assert.equal(original.context, undefined);
		assert.match(original.hint, /arn:aws:s3:::BUCKET/);
	});
});

describe('helpers', () => {
	test('accessListIp reads IPv4 and IPv6 from the detail, else the parameters', () => {
		assert.equal(accessListIp({detail: 'IP address 10.1.2.3 is not allowed to access this resource.'}), '10.1.2.3');
		assert.equal(accessListIp({detail: 'IP address 2001:db8::7 is not allowed to access this resource.'}), '2001:db8::7');
		assert.equal(accessListIp({detail: 'not allowed', parameters: ['192.0.2.1']}), '192.0.2.1');
		assert.equal(accessListIp({detail: 'not allowed'}), undefined);
	});

	test('describeNonJsonBody takes the HTML title, or the start of text', () => {
		assert.deepEqual(describeNonJsonBody('<html><head><title> 502 Bad Gateway </title></head><body>…</body></html>', 'text/html'), {
			excerpt: '502 Bad Gateway',
			looksLikeHtml: true,
			contentType: 'text/html',
		});
		assert.equal(describeNonJsonBody('<!DOCTYPE html><p>x</p>', undefined).looksLikeHtml, true);
		assert.deepEqual(describeNonJsonBody('upstream connect error', 'text/plain'), {excerpt: 'upstream connect error', looksLikeHtml: false, contentType: 'text/plain'});
	});

	test('networkCodeOf finds the code in the cause chain, past undici\'s socket error', () => {
		const refused = new TypeError('fetch failed', {cause: Object.assign(new Error('connect ECONNREFUSED'), {code: 'ECONNREFUSED'})});
		assert.equal(networkCodeOf(refused), 'ECONNREFUSED');
		const socket = Object.assign(new Error('other side closed'), {code: 'UND_ERR_SOCKET'});
		assert.equal(networkCodeOf(new TypeError('fetch failed', {cause: socket})), 'UND_ERR_SOCKET');
		const wrapped = Object.assign(new Error('socket'), {code: 'UND_ERR_SOCKET', cause: Object.assign(new Error('reset'), {code: 'ECONNRESET'})});
		assert.equal(networkCodeOf(new TypeError('fetch failed', {cause: wrapped})), 'ECONNRESET');
		assert.equal(networkCodeOf(new Error('plain')), undefined);
	});
});
