// The domain as this tool sees it: what the Atlas client returns and takes, independent of the
// API generation (v2 or v1.0) and of the wire shape (`_id` vs `id`, envelopes).
import type {BackupClient, BackupRawOperations} from './backup-types.js';

export type ApiVersion = 'v2' | 'v1.0';
export const API_VERSIONS: readonly ApiVersion[] = ['v2', 'v1.0'];
export const DEFAULT_API_VERSION: ApiVersion = 'v2';

export const DEFAULT_BASE_URL = 'https://cloud.mongodb.com';
export const GOVERNMENT_BASE_URL = 'https://cloud.mongodbgov.com';
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_IAM_WAIT_MS = 60_000;

export type ApiKeyPair = {
	publicKey: string;
	privateKey: string;
};

/** An Atlas service account (OAuth 2.0 client credentials): the id is `mdb_sa_id_` + 24 hex characters. */
export type ServiceAccount = {
	clientId: string;
	clientSecret: string;
};

/** What a client signs in with: an API key pair (HTTP Digest) or a service account (Bearer token). */
export type AtlasCredentials = ApiKeyPair | ServiceAccount;

export type CredentialKind = 'apiKey' | 'serviceAccount';

export function credentialKind(credentials: AtlasCredentials): CredentialKind {
	return 'clientId' in credentials ? 'serviceAccount' : 'apiKey';
}

export function isServiceAccount(credentials: AtlasCredentials): credentials is ServiceAccount {
	return 'clientId' in credentials;
}

/** The secret half of either kind (what --verbose must never show). */
export function secretOf(credentials: AtlasCredentials): string {
	return isServiceAccount(credentials) ? credentials.clientSecret : credentials.privateKey;
}

/** The public half of either kind: the public key or the client id. */
export function identityOf(credentials: AtlasCredentials): string {
	return isServiceAccount(credentials) ? credentials.clientId : credentials.publicKey;
}

export type ExportBucket = {
	id: string;
	bucketName: string;
	cloudProvider: string;
	iamRoleId?: string;
	region?: string;
	requirePrivateNetworking?: boolean;
};

export type CreateExportBucketInput = {
	bucketName: string;
	iamRoleId: string;
	requirePrivateNetworking?: boolean;
};

export type FeatureUsage = {
	featureType: string;
	featureId?: {exportBucketId?: string; groupId?: string; [key: string]: unknown};
};

export type AwsIamRole = {
	providerName: 'AWS';
	roleId: string;
	atlasAWSAccountArn?: string;
	atlasAssumedRoleExternalId?: string;
	createdDate?: string;
	/** Present only once the role is authorized. */
	iamAssumedRoleArn?: string;
	authorizedDate?: string;
	featureUsages: FeatureUsage[];
};

export type CloudProviderAccess = {
	awsIamRoles: AwsIamRole[];
};

export type Project = {
	id: string;
	name: string;
	orgId?: string;
	created?: string;
	clusterCount?: number;
};

export type ApiKeyInfo = {
	/** Absent when a service account asked (Atlas names only an API key). */
	publicKey?: string;
	roles: Array<{roleName: string; groupId?: string; orgId?: string}>;
	accessList: Array<{ipAddress?: string; cidrBlock?: string}>;
};

/** What a request will look like on the wire, for previews ("the exact request that will be sent"). */
export type RequestPreview = {
	method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
	url: string;
	headers: Record<string, string>;
	body?: unknown;
};

/** One attempt of the opt-in wait for IAM propagation after CANNOT_ASSUME_ROLE. */
export type IamWaitAttempt = {
	attempt: number;
	elapsedMs: number;
	budgetMs: number;
	nextDelayMs: number;
};

/** Options of the calls where Atlas assumes the AWS role at once (create an export bucket, authorize a role). */
export type CreateOptions = {
	/** Opt-in: keep retrying CANNOT_ASSUME_ROLE for this long (IAM propagation). */
	waitForIamMs?: number;
	onIamWait?: (attempt: IamWaitAttempt) => void;
	signal?: AbortSignal;
};

export type CallOptions = {
	signal?: AbortSignal;
};

/** Every operation the tool needs, one typed function each (the backup ones in backup-types.ts). Failures reject with AtlasError. */
export type AtlasClient = BackupClient & {
	readonly baseUrl: string;
	readonly apiVersion: ApiVersion;
	checkKey(options?: CallOptions): Promise<ApiKeyInfo>;
	listProjects(options?: CallOptions): Promise<Project[]>;
	getProject(projectId: string, options?: CallOptions): Promise<Project>;
	listExportBuckets(projectId: string, options?: CallOptions): Promise<ExportBucket[]>;
	getExportBucket(projectId: string, exportBucketId: string, options?: CallOptions): Promise<ExportBucket>;
	createExportBucket(projectId: string, input: CreateExportBucketInput, options?: CreateOptions): Promise<ExportBucket>;
	deleteExportBucket(projectId: string, exportBucketId: string, options?: CallOptions): Promise<void>;
	listCloudProviderAccess(projectId: string, options?: CallOptions): Promise<CloudProviderAccess>;
	createAwsRole(projectId: string, options?: CallOptions): Promise<AwsIamRole>;
	/** Atlas assumes the role at once: CANNOT_ASSUME_ROLE while its trust policy is wrong or IAM has not propagated (`waitForIamMs` retries it). */
	authorizeAwsRole(projectId: string, roleId: string, iamAssumedRoleArn: string, options?: CreateOptions): Promise<AwsIamRole>;
	/** The create request exactly as it would be sent, without credentials. */
	previewCreateExportBucket(projectId: string, input: CreateExportBucketInput): RequestPreview;
};

/** A mapped result with the JSON Atlas sent for it: the envelope (transport) removed and, for a
 * paged list, the `results` of every page concatenated into one array; otherwise untouched
 * (`_id`, `links` and fields this tool does not model are kept). */
export type WithRaw<T> = {value: T; raw: unknown};

/** The operations that answer with a body, each also giving the wire JSON (what `--json` prints). */
export type AtlasRawOperations = BackupRawOperations & {
	[K in 'checkKey' | 'listProjects' | 'getProject' | 'listExportBuckets' | 'getExportBucket' | 'createExportBucket' | 'listCloudProviderAccess' | 'createAwsRole' | 'authorizeAwsRole']:
		(...args: Parameters<AtlasClient[K]>) => Promise<WithRaw<Awaited<ReturnType<AtlasClient[K]>>>>;
};

/** What createAtlasClient returns: the AtlasClient, plus the same operations with their wire JSON under `withRaw`. */
export type AtlasClientWithRaw = AtlasClient & {readonly withRaw: AtlasRawOperations};

/** One HTTP request/response as it went over the wire, for verbose logging. Authorization is redacted. */
export type HttpExchange = {
	method: string;
	url: string;
	requestHeaders: Record<string, string>;
	requestBody?: string;
	/** Absent when the request failed before a response (network error, timeout, abort). */
	status?: number;
	responseHeaders?: Record<string, string>;
	responseBody?: string;
	/** The network error, when there was no response. */
	error?: string;
	durationMs: number;
};
