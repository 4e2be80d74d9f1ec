// createAtlasClient: the typed operations over both API generations. Inputs are validated before
// anything is sent; failures reject with AtlasError (or ValidationError for bad input).
import {setTimeout as sleep} from 'node:timers/promises';
import {createAuthenticator} from './authenticator.js';
import {createBackupOperations} from './backup-operations.js';
import {AtlasError, atlasErrorReason, type FailureContext} from './errors.js';
import {AtlasHttp, shape, type ApiAnswer, type ApiCall} from './http.js';
import {LIST_PAGE_SIZE, type OperationName} from './operations.js';
import {
	API_VERSIONS,
	DEFAULT_API_VERSION,
	DEFAULT_BASE_URL,
	DEFAULT_TIMEOUT_MS,
	type ApiVersion,
	type AtlasCredentials,
	type AwsIamRole,
	type AtlasClientWithRaw,
	type AtlasRawOperations,
	type CallOptions,
	type CreateExportBucketInput,
	type CreateOptions,
	type HttpExchange,
	type WithRaw,
	isServiceAccount,
} from './types.js';
import type {TokenCache} from './token-source.js';
import {
	checkBaseUrl,
	checkBucketName,
	checkExportBucketId,
	checkIamRoleArn,
	checkProjectId,
	checkPublicKey,
	checkRoleId,
	ensureValid,
	ValidationError,
} from './validation.js';
import {toApiKeyInfo, toAwsRole, toCloudProviderAccess, toExportBucket, toPage, toProject} from './wire.js';

export type AtlasClientOptions = {
	/** Default DEFAULT_BASE_URL (Atlas for Government: GOVERNMENT_BASE_URL). */
	baseUrl?: string;
	/** An API key pair (HTTP Digest) or a service account (OAuth client credentials, Bearer tokens). */
	keys: AtlasCredentials;
	/** Service accounts: where the access token is kept between runs (the keychain); without it each client gets its own. */
	tokenCache?: TokenCache;
	/** Service accounts: the clock a token's expiry is judged by. Default Date.now (tests move it). */
	now?: () => number;
	/** Default DEFAULT_API_VERSION (v2). */
	apiVersion?: ApiVersion;
	/** Per HTTP request; default 30 s. */
	timeoutMs?: number;
	pretty?: boolean;
	envelope?: boolean;
	/**
	 * Retries of GETs on 429 (Retry-After honoured), 5xx and dropped connections. Defaults: 2 retries,
	 * 500 ms doubling up to 10 s, the pauses of one call adding up to at most the timeout (budgetMs).
	 */
	retry?: {limit?: number; baseDelayMs?: number; maxDelayMs?: number; budgetMs?: number};
	/** A list stops with an error past this many pages (default MAX_LIST_PAGES) or this long (default 2 x timeout). */
	listLimits?: {maxPages?: number; budgetMs?: number};
	/** Pauses between CANNOT_ASSUME_ROLE attempts while waiting for IAM. Defaults: 2 s doubling up to 10 s. */
	iamRetry?: {baseDelayMs?: number; maxDelayMs?: number};
	/** Items per page when listing (1-500, default 500). */
	pageSize?: number;
	/** Every HTTP exchange (including Digest challenges), Authorization redacted. */
	onExchange?: (exchange: HttpExchange) => void;
};

/** 20 pages of 500: 10,000 items, far more than any project has export buckets, roles or projects. */
export const MAX_LIST_PAGES = 20;
// setTimeout's limit (ky refuses more).
const MAX_TIMEOUT_MS = 2_147_483_647;

function segment(value: string): string {
	return encodeURIComponent(value);
}

function projectPath(projectId: string): string {
	return `/groups/${segment(ensureValid('projectId', checkProjectId(projectId)))}`;
}

function bucketPath(projectId: string, exportBucketId: string): string {
	return `${projectPath(projectId)}/backup/exportBuckets/${segment(ensureValid('exportBucketId', checkExportBucketId(exportBucketId)))}`;
}

/** The mapped value and the (unwrapped) JSON it was mapped from. */
function mapped<T>(answer: ApiAnswer, mapper: (data: unknown) => T): WithRaw<T> {
	return {value: shape(answer, mapper), raw: answer.data};
}

export function createAtlasClient(options: AtlasClientOptions): AtlasClientWithRaw {
	const apiVersion = options.apiVersion ?? DEFAULT_API_VERSION;
	if (!API_VERSIONS.includes(apiVersion)) {
		throw new ValidationError('apiVersion', `Unknown API version ${JSON.stringify(apiVersion)}: use ${API_VERSIONS.join(' or ')}.`);
	}
	const credentials = options.keys;
	if (credentials && isServiceAccount(credentials)) {
		if (!credentials.clientId || !credentials.clientSecret) throw new ValidationError('keys', 'Both the client id and the client secret of the service account are needed.');
	} else if (!credentials?.publicKey || !credentials.privateKey) {
		throw new ValidationError('keys', 'Both the public and the private API key are needed.');
	} else {
		// The public key goes into the Digest header's username: a quote or control character would inject into it.
		ensureValid('publicKey', checkPublicKey(credentials.publicKey));
	}
	const pageSize = options.pageSize ?? LIST_PAGE_SIZE;
	if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 500) throw new ValidationError('pageSize', 'pageSize must be an integer from 1 to 500.');
	const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	if (!Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > MAX_TIMEOUT_MS) {
		throw new ValidationError('timeout', `The timeout (--timeout) must be more than 0 and at most ${Math.floor(MAX_TIMEOUT_MS / 1000)} seconds.`);
	}
	const baseUrl = ensureValid('baseUrl', checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL));
	const maxPages = options.listLimits?.maxPages ?? MAX_LIST_PAGES;
	const listBudgetMs = options.listLimits?.budgetMs ?? 2 * timeoutMs;
	const http = new AtlasHttp(
		{
			baseUrl,
			apiVersion,
			timeoutMs,
			pretty: options.pretty ?? false,
			envelope: options.envelope ?? false,
			retry: {
				limit: options.retry?.limit ?? 2,
				baseDelayMs: options.retry?.baseDelayMs ?? 500,
				maxDelayMs: options.retry?.maxDelayMs ?? 10_000,
				budgetMs: options.retry?.budgetMs ?? timeoutMs,
			},
		},
		createAuthenticator(credentials, {
			baseUrl,
			timeoutMs,
			...(options.onExchange ? {onExchange: options.onExchange} : {}),
			...(options.tokenCache ? {tokenCache: options.tokenCache} : {}),
			...(options.now ? {now: options.now} : {}),
		}),
	);
	const iamBaseDelayMs = options.iamRetry?.baseDelayMs ?? 2000;
	const iamMaxDelayMs = options.iamRetry?.maxDelayMs ?? 10_000;

	const call = (operation: OperationName, path: string, extra: {body?: unknown; signal?: AbortSignal | undefined; query?: Record<string, string>} = {}): ApiCall => {
		const apiCall: ApiCall = {operation, path};
		if (extra.body !== undefined) apiCall.body = extra.body;
		if (extra.signal) apiCall.signal = extra.signal;
		if (extra.query) apiCall.query = extra.query;
		return apiCall;
	};

	/** Every page; `raw` is the pages' `results` concatenated, each item as Atlas sent it. */
	async function listAll<T>(operation: OperationName, path: string, mapper: (value: unknown) => T, signal: AbortSignal | undefined): Promise<WithRaw<T[]>> {
		const items: T[] = [];
		const raw: unknown[] = [];
		const started = Date.now();
		for (let pageNum = 1; ; pageNum++) {
			const answer = await http.request(call(operation, path, {signal, query: {itemsPerPage: String(pageSize), pageNum: String(pageNum)}}));
			const page = shape(answer, toPage);
			// One at a time: spreading a huge page into push() would overflow the stack.
			for (const item of shape({...answer, data: page.results}, results => (results as unknown[]).map(mapper))) items.push(item);
			for (const item of page.results) raw.push(item);
			const done = page.results.length < pageSize || (page.totalCount !== undefined && items.length >= page.totalCount);
			if (done) break;
			const {method, path: fullPath, url} = answer;
			if (pageNum >= maxPages) throw new AtlasError({kind: 'limit', method, path: fullPath, url, limit: {what: 'pages', pages: maxPages}});
			if (Date.now() - started > listBudgetMs) throw new AtlasError({kind: 'limit', method, path: fullPath, url, limit: {what: 'listTime', ms: listBudgetMs}});
		}
		return {value: items, raw};
	}

	function createBody(input: CreateExportBucketInput): Record<string, unknown> {
		const bucketName = ensureValid('bucketName', checkBucketName(input.bucketName));
		const iamRoleId = ensureValid('iamRoleId', checkRoleId(input.iamRoleId));
		const body: Record<string, unknown> = {bucketName, cloudProvider: 'AWS', iamRoleId};
		if (apiVersion === 'v1.0') {
			// The v1.0 page's body has exactly three fields; false is what Atlas assumes without the field.
			if (input.requirePrivateNetworking === true) {
				throw new ValidationError('requirePrivateNetworking', 'The v1.0 API does not take requirePrivateNetworking; use the v2 API (--api-version v2).');
			}
		} else if (input.requirePrivateNetworking !== undefined) {
			body.requirePrivateNetworking = input.requirePrivateNetworking;
		}
		return body;
	}

	/** Runs a create or authorize; with a wait budget, CANNOT_ASSUME_ROLE (IAM not propagated yet) is retried with backoff until the budget is spent. */
	async function whilePropagating<T>(attempt: () => Promise<T>, waitOptions: CreateOptions): Promise<T> {
		const budgetMs = waitOptions.waitForIamMs ?? 0;
		const started = Date.now();
		for (let attemptNumber = 1; ; attemptNumber++) {
			try {
				return await attempt();
			} catch (error) {
				const elapsedMs = Date.now() - started;
				if (atlasErrorReason(error) !== 'cannotAssumeRole' || budgetMs <= 0 || elapsedMs >= budgetMs) throw error;
				const nextDelayMs = Math.min(budgetMs - elapsedMs, iamMaxDelayMs, iamBaseDelayMs * 2 ** (attemptNumber - 1));
				waitOptions.onIamWait?.({attempt: attemptNumber, elapsedMs, budgetMs, nextDelayMs});
				try {
					await sleep(nextDelayMs, undefined, waitOptions.signal ? {signal: waitOptions.signal} : undefined);
				} catch (sleepError) {
					// Cancelled while waiting: reject with the caller's reason, as an aborted request does.
					throw waitOptions.signal?.reason ?? sleepError;
				}
			}
		}
	}

	/**
	 * A final CANNOT_ASSUME_ROLE explained with real values: the bucket and ARN the caller sent, and
	 * the role's trust principal and external id (one GET of the project's roles; if that fails too,
	 * the hint keeps what is known). Any other error passes through untouched.
	 */
	async function withRoleContext(error: unknown, projectId: string, roleId: string, known: FailureContext, signal: AbortSignal | undefined): Promise<unknown> {
		if (!(error instanceof AtlasError) || error.reason !== 'cannotAssumeRole' || signal?.aborted) return error;
		let role: AwsIamRole | undefined;
		try {
			const access = shape(await http.request(call('listCloudProviderAccess', `${projectPath(projectId)}/cloudProviderAccess`, {signal})), toCloudProviderAccess);
			role = access.awsIamRoles.find(candidate => candidate.roleId === roleId);
		} catch {
			// The lookup only improves the hint.
		}
		return error.withContext({
			...(role === undefined ? {} : {iamRoleArn: role.iamAssumedRoleArn, atlasAWSAccountArn: role.atlasAWSAccountArn, externalId: role.atlasAssumedRoleExternalId}),
			...known,
		});
	}

	const backup = createBackupOperations({request: apiCall => http.request(apiCall), preview: apiCall => http.preview(apiCall), listAll});

	const withRaw: AtlasRawOperations = {
		...backup.withRaw,
		async checkKey(callOptions?: CallOptions) {
			return mapped(await http.request(call('checkKey', '', {signal: callOptions?.signal})), toApiKeyInfo);
		},

		async listProjects(callOptions?: CallOptions) {
			return listAll('listProjects', '/groups', toProject, callOptions?.signal);
		},

		async getProject(projectId, callOptions) {
			return mapped(await http.request(call('getProject', projectPath(projectId), {signal: callOptions?.signal})), toProject);
		},

		async listExportBuckets(projectId, callOptions) {
			return listAll('listExportBuckets', `${projectPath(projectId)}/backup/exportBuckets`, toExportBucket, callOptions?.signal);
		},

		async getExportBucket(projectId, exportBucketId, callOptions) {
			return mapped(await http.request(call('getExportBucket', bucketPath(projectId, exportBucketId), {signal: callOptions?.signal})), toExportBucket);
		},

		async createExportBucket(projectId, input, createOptions: CreateOptions = {}) {
			const body = createBody(input);
			const apiCall = call('createExportBucket', `${projectPath(projectId)}/backup/exportBuckets`, {body, signal: createOptions.signal});
			try {
				return await whilePropagating(async () => mapped(await http.request(apiCall), toExportBucket), createOptions);
			} catch (error) {
				throw await withRoleContext(error, projectId, body.iamRoleId as string, {bucketName: body.bucketName as string}, createOptions.signal);
			}
		},

		async listCloudProviderAccess(projectId, callOptions) {
			return mapped(await http.request(call('listCloudProviderAccess', `${projectPath(projectId)}/cloudProviderAccess`, {signal: callOptions?.signal})), toCloudProviderAccess);
		},

		async createAwsRole(projectId, callOptions) {
			const apiCall = call('createAwsRole', `${projectPath(projectId)}/cloudProviderAccess`, {body: {providerName: 'AWS'}, signal: callOptions?.signal});
			return mapped(await http.request(apiCall), toAwsRole);
		},

		async authorizeAwsRole(projectId, roleId, iamAssumedRoleArn, authorizeOptions: CreateOptions = {}) {
			const validRoleId = ensureValid('roleId', checkRoleId(roleId));
			const path = `${projectPath(projectId)}/cloudProviderAccess/${segment(validRoleId)}`;
			const arn = ensureValid('iamAssumedRoleArn', checkIamRoleArn(iamAssumedRoleArn));
			const apiCall = call('authorizeAwsRole', path, {body: {providerName: 'AWS', iamAssumedRoleArn: arn}, signal: authorizeOptions.signal});
			try {
				return await whilePropagating(async () => mapped(await http.request(apiCall), toAwsRole), authorizeOptions);
			} catch (error) {
				throw await withRoleContext(error, projectId, validRoleId, {iamRoleArn: arn}, authorizeOptions.signal);
			}
		},
	};

	const client: AtlasClientWithRaw = {
		...backup.client,
		baseUrl,
		apiVersion,
		withRaw,
		checkKey: async callOptions => (await withRaw.checkKey(callOptions)).value,
		listProjects: async callOptions => (await withRaw.listProjects(callOptions)).value,
		getProject: async (projectId, callOptions) => (await withRaw.getProject(projectId, callOptions)).value,
		listExportBuckets: async (projectId, callOptions) => (await withRaw.listExportBuckets(projectId, callOptions)).value,
		getExportBucket: async (projectId, exportBucketId, callOptions) => (await withRaw.getExportBucket(projectId, exportBucketId, callOptions)).value,
		createExportBucket: async (projectId, input, createOptions) => (await withRaw.createExportBucket(projectId, input, createOptions)).value,
		listCloudProviderAccess: async (projectId, callOptions) => (await withRaw.listCloudProviderAccess(projectId, callOptions)).value,
		createAwsRole: async (projectId, callOptions) => (await withRaw.createAwsRole(projectId, callOptions)).value,
		authorizeAwsRole: async (projectId, roleId, iamAssumedRoleArn, callOptions) => (await withRaw.authorizeAwsRole(projectId, roleId, iamAssumedRoleArn, callOptions)).value,

		async deleteExportBucket(projectId, exportBucketId, callOptions) {
			// 204 without a body: nothing to map.
			await http.request(call('deleteExportBucket', bucketPath(projectId, exportBucketId), {signal: callOptions?.signal}));
		},

		previewCreateExportBucket(projectId, input) {
			return http.preview(call('createExportBucket', `${projectPath(projectId)}/backup/exportBuckets`, {body: createBody(input)}));
		},
	};
	return client;
}
