// The one error type for Atlas failures, and the one table that turns a failure into a sentence
// the user can read and a hint saying what to do about it.
import {terminalSafeLine} from '../text/terminal-safe.js';
import type {OperationName} from './operations.js';

/**
 * api: Atlas (or something in its place) answered; network/timeout: no answer; limit: the answer went
 * past what this tool accepts (size, nesting, pages, listing time); cancelled: the user cancelled after
 * a request that may change something had gone out.
 */
export type AtlasErrorKind = 'api' | 'network' | 'timeout' | 'limit' | 'cancelled';

/** Which bound a server's answer ran into. */
export type LimitReached =
	| {what: 'body'; bytes: number}
	| {what: 'nesting'; depth: number}
	| {what: 'pages'; pages: number}
	| {what: 'listTime'; ms: number};

/** Why a call failed, as callers branch on it (never on raw `errorCode` strings): one per row group of the table. */
export type AtlasErrorReason =
	/** A request that may change something went out and no answer came (timeout, reset, cancel). */
	| 'outcomeUnknown'
	/** A 3xx answer: never followed. */
	| 'redirect'
	/** The answer went past a bound (body size, JSON nesting, pages, listing time). */
	| 'limit'
	| 'timeout'
	| 'network'
	| 'unexpectedAnswer'
	| 'accessList'
	/** The key has no API access list and the organization or the resource demands one (403 *_REQUIRES_ACCESS_LIST). */
	| 'accessListRequired'
	/** The key is valid but lacks the project role the operation needs (401 USER_UNAUTHORIZED). */
	| 'missingRole'
	| 'badCredentials'
	| 'projectNotFound'
	| 'invalidRoleId'
	| 'invalidAttribute'
	| 'roleNotAuthorized'
	| 'roleNotFound'
	/** Atlas could not assume the AWS IAM role (trust policy, permissions, or IAM not propagated yet). */
	| 'cannotAssumeRole'
	| 'invalidBucketName'
	| 'exportBucketNotFound'
	| 'exportBucketInUse'
	| 'clusterNotFound'
	| 'snapshotNotFound'
	/** Only completed snapshots can be exported. */
	| 'snapshotNotCompleted'
	| 'exportJobNotFound'
	/** Export or the backup schedule on a cluster without Cloud Backup (free, flex, shared, or backup off). */
	| 'backupNotEnabled'
	| 'apiVersionUnsupported'
	| 'rateLimited'
	| 'forbidden'
	| 'serverError'
	| 'notFound'
	/** Service accounts: the token endpoint refused the client id or secret (401 invalid_client). */
	| 'invalidClient'
	/** Service accounts: the secret expired or was revoked (401 at the token endpoint). */
	| 'clientSecretExpired'
	/** Service accounts: the token endpoint's 50-a-minute limit per IP and client (429). */
	| 'tokenRateLimited'
	/** Service accounts: the API refused the token because this IP is not on the account's access list. */
	| 'tokenNotOnAccessList'
	/** Service accounts: the API refused the token itself, also a fresh one. */
	| 'tokenRefused'
	| 'other';

/** What the caller knows about the request beyond the wire, so a hint can name real values instead of placeholders. */
export type FailureContext = {
	bucketName?: string;
	/** The AWS IAM role ARN the Atlas role is (or was to be) authorized as. */
	iamRoleArn?: string;
	/** The Atlas role's trust principal and external id. */
	atlasAWSAccountArn?: string;
	externalId?: string;
};

/** A response body that was not the JSON Atlas sends (an HTML page from a proxy, plain text, broken JSON). */
export type NonJsonBody = {
	contentType?: string;
	/** The start of the body, for the message (an HTML <title>, or the first characters). */
	excerpt: string;
	looksLikeHtml: boolean;
};

export type AtlasFailure = {
	kind: AtlasErrorKind;
	method: string;
	/** Path of the request (no host, no query). */
	path: string;
	/** Full URL when known; network messages name its host. */
	url?: string;
	status?: number;
	errorCode?: string;
	detail?: string;
	parameters?: unknown[];
	/** Seconds from a Retry-After header. */
	retryAfterSeconds?: number;
	/** Set when an error response (or a success response) was not JSON. */
	nonJsonBody?: NonJsonBody;
	/** Node/undici error code of a network failure (ECONNREFUSED, ENOTFOUND, CERT_HAS_EXPIRED, ...). */
	networkCode?: string;
	timeoutMs?: number;
	/** True when the error came inside an HTTP 200 envelope (`envelope=true`). */
	enveloped?: boolean;
	/** A JSON answer that lacks what the operation needs (e.g. an export bucket without an id). */
	unexpectedShape?: string;
	context?: FailureContext;
	/** What the request was signed with (absent: an API key). */
	credential?: 'apiKey' | 'serviceAccount';
	/** The client operation that failed: a USER_UNAUTHORIZED hint names the role it needs. */
	operation?: OperationName;
	/** Set for the service-account endpoints: `token` (/api/oauth/token) or `revoke`. */
	endpoint?: 'token' | 'revoke';
	/** The OAuth error of a token endpoint answer (`invalid_client`, ...). */
	oauthError?: string;
	/** A 3xx answer: the origin its Location points at ('' when it names none). Never followed. */
	redirectTo?: string;
	limit?: LimitReached;
	/** A request that may change something was sent and no answer came: it may or may not have been carried out. */
	outcomeUnknown?: boolean;
};

export type Explanation = {message: string; hint: string};

type Rule = {
	name: string;
	reason: AtlasErrorReason;
	applies: (failure: AtlasFailure) => boolean;
	explain: (failure: AtlasFailure) => Explanation;
};

const TLS_CODES = new Set([
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'SELF_SIGNED_CERT_IN_CHAIN',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'UNABLE_TO_GET_ISSUER_CERT',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
	'CERT_HAS_EXPIRED',
	'CERT_NOT_YET_VALID',
	'CERT_UNTRUSTED',
	'CERT_REVOKED',
	'CERT_SIGNATURE_FAILURE',
	'ERR_TLS_CERT_ALTNAME_INVALID',
	'ERR_SSL_WRONG_VERSION_NUMBER',
	'EPROTO',
]);

function hostOf(failure: AtlasFailure): string {
	if (!failure.url) return 'the Atlas API';
	try {
		return new URL(failure.url).host;
	} catch {
		return failure.url;
	}
}

function codeIs(...codes: string[]) {
	return (failure: AtlasFailure) => failure.kind === 'api' && failure.errorCode !== undefined && codes.includes(failure.errorCode);
}

function statusLabel(failure: AtlasFailure): string {
	const parts = [`HTTP ${failure.status ?? '?'}`];
	if (failure.errorCode) parts.push(failure.errorCode);
	return parts.join(' ');
}

function mentionsAttribute(failure: AtlasFailure, attribute: string): boolean {
	const inParameters = (failure.parameters ?? []).some(parameter => typeof parameter === 'string' && parameter.includes(attribute));
	return inParameters || (failure.detail ?? '').includes(attribute);
}

/** The IP address named by an IP_ADDRESS_NOT_ON_ACCESS_LIST detail (or its parameters). */
export function accessListIp(failure: Pick<AtlasFailure, 'detail' | 'parameters'>): string | undefined {
	const candidates = [failure.detail ?? '', ...(failure.parameters ?? []).map(String)];
	for (const text of candidates) {
		const ipv4 = /\b(\d{1,3}(?:\.\d{1,3}){3})\b/.exec(text);
		if (ipv4?.[1]) return ipv4[1];
		const ipv6 = /(?:^|[\s(])((?:[\da-f]{0,4}:){2,7}[\da-f]{0,4})(?=$|[\s),.])/i.exec(text);
		if (ipv6?.[1]) return ipv6[1];
	}
	return undefined;
}

/** PATCH …/cloudProviderAccess/{roleId}: authorizing a role, where Atlas assumes it at once. */
function isAuthorizeRequest(failure: AtlasFailure): boolean {
	return failure.method.toUpperCase() === 'PATCH' && /\/cloudProviderAccess\/[^/]+\/?$/.test(failure.path);
}

function stringParameter(failure: AtlasFailure): string | undefined {
	const first = failure.parameters?.[0];
	return typeof first === 'string' && first.startsWith('arn:') ? first : undefined;
}

/** What the trust policy must say, with this role's real principal and external id when known. */
function trustCheck(context: FailureContext | undefined): string {
	const principal = context?.atlasAWSAccountArn ? `Principal AWS = ${context.atlasAWSAccountArn}` : 'Principal = the Atlas AWS account ARN';
	const externalId = context?.externalId ? `condition sts:ExternalId = ${context.externalId}` : "condition sts:ExternalId = the role's external id";
	return `${principal}, action sts:AssumeRole, ${externalId}`;
}

/** Variable name of the service account secret (kept here: the atlas layer does not import credentials/). */
const ENV_CLIENT_SECRET_NAME = 'MONGODB_ATLAS_CLIENT_SECRET';

function fromTokenEndpoint(failure: AtlasFailure): boolean {
	return failure.kind === 'api' && failure.endpoint === 'token';
}

/** The limit named by the recorded 429 parameters ([path, limit, minutes]); 50 when absent. */
function tokenLimitOf(failure: AtlasFailure): number {
	const limit = failure.parameters?.[1];
	return typeof limit === 'number' && limit > 0 ? limit : 50;
}

/** The project role an operation needs, as Atlas's role names say it. */
export function roleNeededFor(operation: OperationName | undefined): string {
	switch (operation) {
		case 'createAwsRole':
		case 'authorizeAwsRole':
			return 'Creating or authorizing a cloud provider access role needs Project Owner.';
		case 'createExportBucket':
		case 'deleteExportBucket':
			return 'Registering or deleting an export bucket needs Project Owner or Project Backup Manager.';
		case undefined:
			return 'Reading needs Project Read Only; export buckets need Project Owner or Project Backup Manager; IAM roles need Project Owner.';
		default:
			return 'Reading this needs Project Read Only (or any higher project role).';
	}
}

function detailSuffix(failure: AtlasFailure): string {
	return failure.detail ? ` Atlas says: ${failure.detail}` : '';
}

/**
 * The mapping table: the first rule that applies explains the failure. Order matters: specific
 * error codes first, then statuses, then the catch-alls.
 */
const rules: Rule[] = [
	// ---- sent, but no answer ----
	{
		name: 'outcome unknown',
		reason: 'outcomeUnknown',
		applies: failure => failure.outcomeUnknown === true,
		explain: failure => {
			const why = failure.kind === 'cancelled'
				? 'Cancelled after the request was sent'
				: failure.kind === 'timeout'
					? `${hostOf(failure)} did not answer within ${formatSeconds(failure.timeoutMs)}`
					: `The connection to ${hostOf(failure)} ended before an answer arrived${failure.networkCode ? ` (${failure.networkCode})` : ''}`;
			return {
				message: `${why}: the ${failure.method} request had gone out, so whether Atlas carried it out is unknown.`,
				hint: `${checkCommand(failure)} Do not simply repeat it.`,
			};
		},
	},
	// ---- network ----
	{
		name: 'timeout',
		reason: 'timeout',
		applies: failure => failure.kind === 'timeout',
		explain: failure => ({
			message: `${hostOf(failure)} did not answer within ${formatSeconds(failure.timeoutMs)}.`,
			hint: 'Check your network connection and try again; on a slow link raise the timeout (--timeout).',
		}),
	},
	{
		name: 'connection refused',
		reason: 'network',
		applies: failure => failure.kind === 'network' && failure.networkCode === 'ECONNREFUSED',
		explain: failure => ({
			message: `Could not connect to ${hostOf(failure)}: the connection was refused.`,
			hint: 'Check the base URL (--base-url) and port; if you are using the embedded simulator, make sure it is running.',
		}),
	},
	{
		name: 'connection reset',
		reason: 'network',
		applies: failure => failure.kind === 'network' && (failure.networkCode === 'ECONNRESET' || failure.networkCode === 'UND_ERR_SOCKET' || failure.networkCode === 'EPIPE'),
		explain: failure => ({
			message: `The connection to ${hostOf(failure)} was closed before a response arrived.`,
			hint: 'This is usually a proxy, VPN or firewall dropping the connection, or a brief outage; try again, and check proxy settings if it keeps happening.',
		}),
	},
	{
		name: 'dns',
		reason: 'network',
		applies: failure => failure.kind === 'network' && (failure.networkCode === 'ENOTFOUND' || failure.networkCode === 'EAI_AGAIN' || failure.networkCode === 'EAI_FAIL'),
		explain: failure => ({
			message: `The host name ${hostOf(failure).replace(/:\d+$/, '')} could not be resolved (DNS lookup failed).`,
			hint: 'Check the spelling of the base URL (--base-url) and that this machine has a working network and DNS.',
		}),
	},
	{
		name: 'tls',
		reason: 'network',
		applies: failure => failure.kind === 'network' && failure.networkCode !== undefined && (TLS_CODES.has(failure.networkCode) || failure.networkCode.startsWith('ERR_TLS') || failure.networkCode.includes('CERT')),
		explain: failure => ({
			message: `The TLS certificate of ${hostOf(failure)} could not be verified (${failure.networkCode}).`,
			hint: 'If a corporate proxy inspects TLS, point NODE_EXTRA_CA_CERTS at its CA certificate file; otherwise check the base URL. Certificate checks are never switched off.',
		}),
	},
	{
		name: 'other network',
		reason: 'network',
		applies: failure => failure.kind === 'network',
		explain: failure => ({
			message: `The request to ${hostOf(failure)} failed before Atlas answered${failure.networkCode ? ` (${failure.networkCode})` : ''}.`,
			hint: 'Check your network connection, proxy settings and the base URL, then try again.',
		}),
	},
	// ---- what this tool does not accept ----
	{
		name: 'redirect',
		reason: 'redirect',
		applies: failure => failure.redirectTo !== undefined,
		explain: failure => ({
			message: `${hostOf(failure)} answered HTTP ${failure.status ?? '?'}, a redirect${failure.redirectTo ? ` to ${failure.redirectTo}` : ''}; redirects are never followed, so nothing was sent there.`,
			hint: 'Check the base URL (--base-url): it must be the Atlas Admin API itself (https://cloud.mongodb.com), not an address that forwards elsewhere.',
		}),
	},
	{
		name: 'limit',
		reason: 'limit',
		applies: failure => failure.kind === 'limit',
		explain: failure => {
			const limit = failure.limit;
			const what = limit?.what === 'body'
				? `a response body larger than ${Math.round(limit.bytes / (1024 * 1024))} MB`
				: limit?.what === 'nesting'
					? `JSON nested deeper than ${limit.depth} levels`
					: limit?.what === 'pages'
						? `more than ${limit.pages} pages for one list`
						: `a list that took longer than ${formatSeconds(limit?.ms)} to fetch`;
			return {
				message: `${hostOf(failure)} sent ${what} (${failure.method} ${failure.path}); this tool stops there.`,
				hint: 'Atlas never answers like this: check the base URL (--base-url) and any proxy in between.',
			};
		},
	},
	// ---- non-JSON answers ----
	{
		name: 'non-JSON body',
		reason: 'unexpectedAnswer',
		applies: failure => failure.nonJsonBody !== undefined,
		explain: failure => {
			const body = failure.nonJsonBody!;
			const ok = failure.status !== undefined && failure.status < 400;
			if (body.looksLikeHtml) {
				return {
					message: `Received an HTML page (HTTP ${failure.status ?? '?'}${body.excerpt ? `, "${body.excerpt}"` : ''}) instead of an Atlas JSON ${ok ? 'response' : 'error'}: a proxy or gateway between you and Atlas probably answered.`,
					hint: 'Check proxy settings (HTTPS_PROXY) and the base URL; if they are right, Atlas may be having trouble: try again in a minute.',
				};
			}
			return {
				message: `Atlas answered HTTP ${failure.status ?? '?'} with a body that is not valid JSON${body.contentType ? ` (${body.contentType})` : ''}.`,
				hint: 'Try again; if it keeps happening, check the base URL and any proxy between you and Atlas.',
			};
		},
	},
	{
		name: 'unexpected shape',
		reason: 'unexpectedAnswer',
		applies: failure => failure.unexpectedShape !== undefined,
		explain: failure => ({
			message: `Atlas answered HTTP ${failure.status ?? '?'} with JSON this tool does not understand: ${failure.unexpectedShape}.`,
			hint: 'Check the base URL points at the Atlas Admin API; if it does, install a newer release of atlas-export-bucket or try another --api-version.',
		}),
	},
	// ---- service accounts ----
	{
		name: 'service account secret expired',
		reason: 'clientSecretExpired',
		applies: failure => fromTokenEndpoint(failure) && failure.status === 401 && /expired|revoked/i.test(failure.detail ?? ''),
		explain: failure => ({
			message: `Atlas refused the service account's secret: it has expired or was revoked (HTTP 401 ${failure.oauthError ?? 'invalid_client'}).${detailSuffix(failure)}`,
			hint: `Generate a new secret for the service account in Atlas (Organization Access Manager > Applications > Service Accounts), then run \`atlas-export-bucket login --service-account\` again or update ${ENV_CLIENT_SECRET_NAME}.`,
		}),
	},
	{
		name: 'service account invalid client',
		reason: 'invalidClient',
		applies: failure => fromTokenEndpoint(failure) && (failure.status === 401 || failure.oauthError === 'invalid_client'),
		explain: () => ({
			message: 'Atlas rejected the service account (HTTP 401 invalid_client): the client id or the secret is wrong, or the service account was deleted.',
			hint: 'Check the client id (mdb_sa_id_ followed by 24 hex characters) and the secret (Atlas shows a secret only once, when it is generated: generate a new one if it was lost), and that the service account belongs to the organization that owns the project.',
		}),
	},
	{
		name: 'token endpoint rate limited',
		reason: 'tokenRateLimited',
		applies: failure => fromTokenEndpoint(failure) && (failure.status === 429 || failure.errorCode === 'RATE_LIMITED'),
		explain: failure => ({
			message: `Atlas refused a new access token: its token endpoint allows ${tokenLimitOf(failure)} requests a minute per IP address and service account (HTTP 429 RATE_LIMITED).`,
			hint: 'Wait a minute and try again. Runs reuse the token kept in the OS keychain; when the keychain is unavailable every run asks for a new one, so a loop of runs reaches the limit: make the keychain available (or slow the loop down).',
		}),
	},
	{
		name: 'service account access list',
		reason: 'tokenNotOnAccessList',
		applies: failure => failure.credential === 'serviceAccount' && codeIs('IP_ADDRESS_NOT_ON_ACCESS_LIST')(failure),
		explain: failure => {
			const ip = accessListIp(failure);
			return {
				message: `Atlas refused the service account's access token because ${ip ? `this machine's IP address ${ip}` : "this machine's IP address"} is not on the service account's API access list.`,
				hint: `Add ${ip ?? 'your IP address'} to the service account's access list (Organization Access Manager > Applications > Service Accounts > the account > API Access List). Atlas checks it when the token is used, not when it is issued; it is separate from the cluster's Network Access list.`,
			};
		},
	},
	{
		name: 'service account token refused',
		reason: 'tokenRefused',
		applies: failure => failure.credential === 'serviceAccount' && failure.endpoint === undefined && failure.kind === 'api' && failure.status === 401 && failure.errorCode !== 'USER_UNAUTHORIZED',
		explain: () => ({
			message: 'Atlas refused the service account\'s access token (HTTP 401), also a newly issued one.',
			hint: 'Check that the service account still exists and has a role in the organization or project, then try again.',
		}),
	},
	// ---- Atlas error codes ----
	{
		name: 'access list',
		reason: 'accessList',
		applies: codeIs('IP_ADDRESS_NOT_ON_ACCESS_LIST'),
		explain: failure => {
			const ip = accessListIp(failure);
			const who = ip ? `this machine's IP address ${ip}` : "this machine's IP address";
			return {
				message: `Atlas refused the request because ${who} is not on the API key's access list.`,
				hint: `Add ${ip ?? 'your IP address'} to the API key's access list (Organization Access Manager > API Keys > Edit Permissions). This is the API key's own access list, separate from the cluster's Network Access list.`,
			};
		},
	},
	{
		name: 'access list required',
		reason: 'accessListRequired',
		applies: codeIs('RESOURCE_REQUIRES_ACCESS_LIST', 'ORG_REQUIRES_ACCESS_LIST'),
		explain: failure => {
			const ip = accessListIp(failure);
			const who = failure.errorCode === 'ORG_REQUIRES_ACCESS_LIST' ? 'This organization requires' : 'This Atlas resource requires';
			return {
				message: `${who} API keys to have an API access list, and this key has none (HTTP 403 ${failure.errorCode}).`,
				hint: `Add an API access list entry for ${ip ? `this machine's IP address ${ip}` : "this machine's IP address"} to this API key (Organization Access Manager > Applications > API Keys > Edit Permissions). This is the API key's own access list, not the project's Network Access list (that one is for database connections).`,
			};
		},
	},
	{
		name: 'missing role',
		reason: 'missingRole',
		applies: codeIs('USER_UNAUTHORIZED'),
		explain: failure => {
			const who = failure.credential === 'serviceAccount' ? 'service account' : 'API key';
			return {
				message: `Atlas accepted the ${who} but refused this operation (HTTP 401 USER_UNAUTHORIZED): it lacks the project role the operation needs.`,
				hint: `${roleNeededFor(failure.operation)} Give the ${who} that role on the project (Project > Access Manager > Applications), or use one that has it; the credentials themselves are right.`,
			};
		},
	},
	{
		name: 'wrong keys',
		reason: 'badCredentials',
		applies: failure => failure.kind === 'api' && failure.status === 401,
		explain: () => ({
			message: 'Atlas rejected the API key pair (HTTP 401): the public or private key is wrong, or the key was deleted.',
			hint: 'Check both keys (the private key is shown only once, when the key is created; create a new key if it was lost) and that the key belongs to the organization that owns the project.',
		}),
	},
	{
		name: 'project not found',
		reason: 'projectNotFound',
		applies: codeIs('GROUP_NOT_FOUND', 'INVALID_GROUP_ID', 'RESOURCE_NOT_FOUND_FOR_GROUP'),
		explain: failure => ({
			message: `No Atlas project with that id is visible to this API key (${failure.errorCode}).`,
			hint: 'Check the project id (Project Settings in the Atlas UI, or list the projects the key can see) and that the API key belongs to the project\'s organization or was invited to the project.',
		}),
	},
	{
		name: 'iamRoleId attribute',
		reason: 'invalidRoleId',
		applies: failure => codeIs('INVALID_JSON_ATTRIBUTE', 'INVALID_ATTRIBUTE')(failure) && mentionsAttribute(failure, 'iamRoleId'),
		explain: () => ({
			message: 'Atlas rejected the iamRoleId: it must be the Atlas role id (24 hex characters from Cloud Provider Access), not an AWS role ARN or AWS role id.',
			hint: 'List the project\'s cloud provider access roles and use the Atlas roleId of an authorized AWS role; the AWS ARN (arn:aws:iam::…) and AWS ids (AROA…) are a different thing.',
		}),
	},
	{
		name: 'invalid attribute',
		reason: 'invalidAttribute',
		applies: codeIs('INVALID_JSON_ATTRIBUTE', 'INVALID_ATTRIBUTE', 'MALFORMED_JSON', 'INVALID_JSON'),
		explain: failure => ({
			message: `Atlas rejected a field of the request (${failure.errorCode}).${detailSuffix(failure)}`,
			hint: 'Correct the field named above and try again.',
		}),
	},
	{
		name: 'role not authorized',
		reason: 'roleNotAuthorized',
		applies: codeIs('CLOUD_PROVIDER_ACCESS_ROLE_NOT_AUTHORIZED'),
		explain: () => ({
			message: 'The Atlas cloud provider access role is not authorized yet.',
			hint: 'Create the AWS IAM role with the trust policy Atlas gives for it, then authorize the Atlas role with that IAM role\'s ARN, and try again.',
		}),
	},
	{
		name: 'role not found',
		reason: 'roleNotFound',
		applies: codeIs('CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND'),
		explain: () => ({
			message: 'No cloud provider access role with that id exists in this project.',
			hint: 'List the project\'s cloud provider access roles and use the roleId of an authorized AWS role, or create and authorize a new role first.',
		}),
	},
	{
		name: 'cannot assume role at authorize',
		reason: 'cannotAssumeRole',
		applies: failure => codeIs('CANNOT_ASSUME_ROLE')(failure) && isAuthorizeRequest(failure),
		explain: failure => {
			const arn = failure.context?.iamRoleArn ?? stringParameter(failure);
			return {
				message: `Atlas could not assume the AWS IAM role${arn ? ` ${arn}` : ''}.`,
				hint: `Check that role's trust policy: ${trustCheck(failure.context)}. If you created or changed the role in the last minute, IAM may not have propagated yet: wait and retry (the wizard offers a bounded wait; \`roles authorize\` takes --wait-for-iam).`,
			};
		},
	},
	{
		name: 'cannot assume role',
		reason: 'cannotAssumeRole',
		applies: codeIs('CANNOT_ASSUME_ROLE'),
		explain: failure => {
			const context = failure.context ?? {};
			const bucket = context.bucketName ?? 'BUCKET';
			const role = context.iamRoleArn ? `the role ${context.iamRoleArn}` : 'the role';
			return {
				message: context.bucketName
					? `Atlas could not assume the AWS IAM role${context.iamRoleArn ? ` ${context.iamRoleArn}` : ''}, or could not write its permission check file into the bucket ${context.bucketName}.`
					: 'Atlas could not assume the AWS IAM role, or could not write its permission check file into the bucket.',
				hint: `Check ${role}'s trust policy (${trustCheck(context)}) and its permissions (s3:PutObject on arn:aws:s3:::${bucket}/* and s3:GetBucketLocation on arn:aws:s3:::${bucket}). If you changed the role in the last minute, IAM may not have propagated yet: wait and retry (the wizard offers a bounded wait; the create command takes --wait-for-iam).`,
			};
		},
	},
	{
		name: 'bucket name invalid',
		reason: 'invalidBucketName',
		applies: codeIs('EXPORT_BUCKET_NAME_INVALID'),
		explain: failure => ({
			message: `Atlas rejected the bucket name.${detailSuffix(failure)}`,
			hint: 'Give the bare S3 bucket name (not an s3:// URI, ARN or URL): 3-63 characters of a-z, 0-9, dots and hyphens, starting and ending with a letter or digit.',
		}),
	},
	{
		name: 'export bucket not found',
		reason: 'exportBucketNotFound',
		applies: codeIs('EXPORT_BUCKET_NOT_FOUND'),
		explain: () => ({
			message: 'No export bucket with that id is registered in this project.',
			hint: 'List the project\'s export buckets to find the right id.',
		}),
	},
	{
		name: 'export bucket in use',
		reason: 'exportBucketInUse',
		applies: codeIs('EXPORT_BUCKET_DELETE_FAILED_BUCKET_IN_USE'),
		explain: () => ({
			message: 'The export bucket is still used by an automatic snapshot export and cannot be removed.',
			hint: 'Turn off auto export on every cluster that uses it (auto-export --project-id ID --cluster NAME --disable, or the cluster\'s backup policy), then delete again.',
		}),
	},
	{
		name: 'cluster not found',
		reason: 'clusterNotFound',
		applies: codeIs('CLUSTER_NOT_FOUND'),
		explain: failure => ({
			message: `No cluster with that name exists in this project.${detailSuffix(failure)}`,
			hint: 'List the project\'s clusters (the clusters command) and use a name from it; names are case-sensitive.',
		}),
	},
	{
		name: 'snapshot not found',
		reason: 'snapshotNotFound',
		applies: codeIs('SNAPSHOT_NOT_FOUND'),
		explain: failure => ({
			message: `No backup snapshot with that id exists for this cluster.${detailSuffix(failure)}`,
			hint: 'List the cluster\'s snapshots (the snapshots command) and pick a completed one, or use --latest.',
		}),
	},
	{
		name: 'snapshot not completed',
		reason: 'snapshotNotCompleted',
		applies: codeIs('SNAPSHOT_NOT_COMPLETED'),
		explain: failure => ({
			message: `That snapshot is not completed yet, so it cannot be exported.${detailSuffix(failure)}`,
			hint: 'Wait until the snapshot shows completed, or export an earlier completed snapshot (--latest picks the newest completed one).',
		}),
	},
	{
		name: 'export job not found',
		reason: 'exportJobNotFound',
		applies: codeIs('EXPORT_JOB_NOT_FOUND'),
		explain: () => ({
			message: 'No export job with that id exists for this cluster.',
			hint: 'List the cluster\'s export jobs (the exports command) to find the right id.',
		}),
	},
	{
		name: 'backup not enabled',
		reason: 'backupNotEnabled',
		applies: codeIs('CLOUD_BACKUP_NOT_ENABLED', 'CLUSTER_NOT_SUPPORTED_FOR_EXPORT'),
		explain: failure => ({
			message: `This cluster cannot export snapshots: exporting needs a dedicated cluster (M10 or larger) with Cloud Backup on.${detailSuffix(failure)}`,
			hint: 'Turn on Cloud Backup for the cluster (or choose another cluster; the clusters command shows which can export).',
		}),
	},
	{
		name: 'version gone',
		reason: 'apiVersionUnsupported',
		applies: failure => failure.kind === 'api' && (failure.errorCode === 'VERSION_GONE' || failure.status === 410),
		explain: () => ({
			message: 'Atlas no longer serves the API version this tool requested (HTTP 410 VERSION_GONE).',
			hint: 'Install a newer release of atlas-export-bucket, or choose another API generation with --api-version.',
		}),
	},
	{
		name: 'not acceptable',
		reason: 'apiVersionUnsupported',
		applies: failure => failure.kind === 'api' && failure.status === 406,
		explain: failure => ({
			message: `Atlas does not accept the API version this tool requested (${statusLabel(failure)}).`,
			hint: 'Install a newer release of atlas-export-bucket, or choose another API generation with --api-version.',
		}),
	},
	{
		name: 'rate limited',
		reason: 'rateLimited',
		applies: failure => failure.kind === 'api' && (failure.status === 429 || failure.errorCode === 'RATE_LIMITED_TOKEN_BUCKET' || failure.errorCode === 'RATE_LIMITED'),
		explain: failure => ({
			message: 'Atlas is rate limiting this API key (HTTP 429): too many requests in a short time.',
			hint: failure.retryAfterSeconds === undefined
				? 'Wait a minute and try again.'
				: `Wait ${failure.retryAfterSeconds} second${failure.retryAfterSeconds === 1 ? '' : 's'} (Retry-After) and try again.`,
		}),
	},
	{
		name: 'forbidden',
		reason: 'forbidden',
		applies: failure => failure.kind === 'api' && failure.status === 403,
		explain: failure => {
			const who = failure.credential === 'serviceAccount' ? 'service account' : 'API key';
			return {
				message: `Atlas refused the request: this ${who} may not do that (${statusLabel(failure)}).${detailSuffix(failure)}`,
				// Where the operation is known, the one project role it needs (creating or authorizing a role: Project Owner).
				hint: failure.operation === undefined
					? `Give the ${who} a project role that allows it (Project Owner, or Project Backup Manager for export buckets) and try again.`
					: `${roleNeededFor(failure.operation)} Give the ${who} that role on the project (Project > Access Manager > Applications) and try again.`,
			};
		},
	},
	{
		name: 'server error',
		reason: 'serverError',
		applies: failure => failure.kind === 'api' && failure.status !== undefined && failure.status >= 500,
		explain: failure => ({
			message: failure.status === 500
				? `Atlas had an internal error (${statusLabel(failure)}).`
				: `Atlas or a gateway in front of it is unavailable (${statusLabel(failure)}).`,
			hint: 'Try again in a minute; if it persists, check https://status.mongodb.com.',
		}),
	},
	{
		name: 'not found',
		reason: 'notFound',
		applies: failure => failure.kind === 'api' && failure.status === 404,
		explain: failure => ({
			message: `Atlas found nothing at ${failure.path} (${statusLabel(failure)}).${detailSuffix(failure)}`,
			hint: 'Check the ids and the base URL.',
		}),
	},
	{
		name: 'any api error',
		reason: 'other',
		applies: () => true,
		explain: failure => ({
			message: `Atlas refused the request (${statusLabel(failure)}).${detailSuffix(failure)}`,
			hint: 'Correct the request as the message says, then try again.',
		}),
	},
];

/** Seconds, as --timeout takes them: 30 s, 0.5 s, 0.25 s. */
export function formatSeconds(ms: number | undefined): string {
	if (ms === undefined) return 'the time limit';
	return `${Number((ms / 1000).toFixed(3))} s`;
}

/** How to find out whether a request whose answer was lost was carried out. */
function checkCommand(failure: AtlasFailure): string {
	const group = /\/groups\/([^/?]+)\/(backup\/exportBuckets|cloudProviderAccess)/.exec(failure.path);
	if (group?.[2] === 'backup/exportBuckets') return `See whether it was: \`atlas-export-bucket list --project-id ${group[1]}\`.`;
	if (group) return `See whether it was: \`atlas-export-bucket roles --project-id ${group[1]}\`.`;
	return 'List the resource to see whether it was.';
}

function ruleFor(failure: AtlasFailure): Rule {
	return rules.find(candidate => candidate.applies(failure))!;
}

/** The message and hint for a failure (the mapping table, applied). */
export function explainFailure(failure: AtlasFailure): Explanation {
	return ruleFor(failure).explain(failure);
}

/** Name of the table row that explains a failure (tests use it to prove every row is reachable). */
export function ruleNameFor(failure: AtlasFailure): string {
	return ruleFor(failure).name;
}

export class AtlasError extends Error {
	readonly kind: AtlasErrorKind;
	readonly status?: number;
	readonly errorCode?: string;
	readonly detail?: string;
	readonly parameters?: unknown[];
	readonly method: string;
	readonly path: string;
	readonly url?: string;
	readonly retryAfterSeconds?: number;
	readonly networkCode?: string;
	readonly nonJsonBody?: NonJsonBody;
	readonly enveloped?: boolean;
	readonly unexpectedShape?: string;
	readonly context?: FailureContext;
	/** Why it failed: what callers branch on. */
	readonly reason: AtlasErrorReason;
	readonly credential?: 'apiKey' | 'serviceAccount';
	readonly endpoint?: 'token' | 'revoke';
	readonly oauthError?: string;
	readonly redirectTo?: string;
	readonly limit?: LimitReached;
	/** Sent, no answer: the request may or may not have been carried out (never resend it blindly). */
	readonly outcomeUnknown?: boolean;
	readonly operation?: OperationName;
	/** What to do about it. */
	readonly hint: string;
	readonly #failure: AtlasFailure;

	constructor(unsafeFailure: AtlasFailure, options?: {cause?: unknown}) {
		const failure = terminalSafeFailure(unsafeFailure);
		const rule = ruleFor(failure);
		const {message, hint} = rule.explain(failure);
		super(message, options?.cause === undefined ? undefined : {cause: options.cause});
		this.name = 'AtlasError';
		this.#failure = failure;
		this.reason = rule.reason;
		this.kind = failure.kind;
		this.method = failure.method;
		this.path = failure.path;
		this.hint = hint;
		if (failure.status !== undefined) this.status = failure.status;
		if (failure.errorCode !== undefined) this.errorCode = failure.errorCode;
		if (failure.detail !== undefined) this.detail = failure.detail;
		if (failure.parameters !== undefined) this.parameters = failure.parameters;
		if (failure.url !== undefined) this.url = failure.url;
		if (failure.retryAfterSeconds !== undefined) this.retryAfterSeconds = failure.retryAfterSeconds;
		if (failure.networkCode !== undefined) this.networkCode = failure.networkCode;
		if (failure.nonJsonBody !== undefined) this.nonJsonBody = failure.nonJsonBody;
		if (failure.enveloped) this.enveloped = true;
		if (failure.unexpectedShape !== undefined) this.unexpectedShape = failure.unexpectedShape;
		if (failure.credential !== undefined) this.credential = failure.credential;
		if (failure.operation !== undefined) this.operation = failure.operation;
		if (failure.endpoint !== undefined) this.endpoint = failure.endpoint;
		if (failure.oauthError !== undefined) this.oauthError = failure.oauthError;
		if (failure.context !== undefined) this.context = failure.context;
		if (failure.redirectTo !== undefined) this.redirectTo = failure.redirectTo;
		if (failure.limit !== undefined) this.limit = failure.limit;
		if (failure.outcomeUnknown) this.outcomeUnknown = true;
	}

	/** The same failure explained again with what the caller knows (bucket, role ARN, external id): a hint with real values. */
	withContext(context: FailureContext): AtlasError {
		const defined = Object.fromEntries(Object.entries(context).filter(([, value]) => value !== undefined && value !== '')) as FailureContext;
		return new AtlasError({...this.#failure, context: {...this.#failure.context, ...defined}}, this.cause === undefined ? undefined : {cause: this.cause});
	}
}

/** What a server said, made terminal-safe before it goes into a message or a field anyone prints. */
function terminalSafeFailure(failure: AtlasFailure): AtlasFailure {
	const safe: AtlasFailure = {...failure};
	if (safe.detail !== undefined) safe.detail = terminalSafeLine(safe.detail);
	if (safe.errorCode !== undefined) safe.errorCode = terminalSafeLine(safe.errorCode);
	if (safe.parameters) safe.parameters = safe.parameters.map(parameter => (typeof parameter === 'string' ? terminalSafeLine(parameter) : parameter));
	if (safe.redirectTo !== undefined) safe.redirectTo = terminalSafeLine(safe.redirectTo);
	if (safe.oauthError !== undefined) safe.oauthError = terminalSafeLine(safe.oauthError);
	if (safe.nonJsonBody) {
		safe.nonJsonBody = {...safe.nonJsonBody, excerpt: terminalSafeLine(safe.nonJsonBody.excerpt)};
		if (safe.nonJsonBody.contentType !== undefined) safe.nonJsonBody.contentType = terminalSafeLine(safe.nonJsonBody.contentType);
	}
	return safe;
}

export function isAtlasError(error: unknown): error is AtlasError {
	return error instanceof AtlasError;
}

/** 401 or 403 from Atlas: the commands exit with the auth exit code. */
export function isAuthFailure(error: unknown): boolean {
	return error instanceof AtlasError && error.kind === 'api' && (error.status === 401 || error.status === 403);
}

/** The Node/undici error code somewhere in a fetch failure's cause chain. */
export function networkCodeOf(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 6 && current !== undefined && current !== null; depth++) {
		const code = (current as {code?: unknown}).code;
		if (typeof code === 'string' && code !== '' && code !== 'UND_ERR_SOCKET') return code;
		if (code === 'UND_ERR_SOCKET') {
			const inner = networkCodeOf((current as {cause?: unknown}).cause);
			return inner ?? 'UND_ERR_SOCKET';
		}
		current = (current as {cause?: unknown}).cause;
	}
	return undefined;
}

/** Describe a non-JSON body for the message: the HTML <title>, or the first characters of text. */
export function describeNonJsonBody(text: string, contentType: string | undefined): NonJsonBody {
	const looksLikeHtml = /html/i.test(contentType ?? '') || /^\s*<(?:!doctype|html|head|body)/i.test(text);
	const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
	const excerpt = (title ?? (looksLikeHtml ? '' : text)).replace(/\s+/g, ' ').trim().slice(0, 80);
	const body: NonJsonBody = {excerpt, looksLikeHtml};
	if (contentType) body.contentType = contentType;
	return body;
}

/** The typed reason of an AtlasError, undefined for anything else (a ValidationError, an abort, a bug). */
export function atlasErrorReason(error: unknown): AtlasErrorReason | undefined {
	return error instanceof AtlasError ? error.reason : undefined;
}
