// The simulator's public types (re-exported from index.ts).
import type {ApiKeyPair, ServiceAccount} from '../atlas/types.js';
import type {AccessListRequirement} from './admission.js';
import type {EndpointSetName} from './endpoint-sets.js';
import type {ClientSecretState} from './oauth.js';
import type {ExportOutcome} from './export-jobs.js';
import type {Fault} from './faults.js';
import type {IamHoldOptions} from './iam-propagation.js';
import type {RateLimit} from './rate-limit.js';
import type {SeedAwsRole, SimulatorSeed} from './seed.js';

export type SimulatorOptions = {
	/** Default '127.0.0.1'. */
	host?: string;
	/** Default 0 (a random free port). */
	port?: number;
	/** How long a Digest nonce lives (default 300_000); afterwards 401 with stale=true. */
	nonceTtlMs?: number;
	/** IAM propagation (default 0): from Atlas's first attempt to assume an ARN for a role, authorize answers CANNOT_ASSUME_ROLE for this long; after an authorize, create does. `controls.completeIamPropagation()` ends it at once. */
	iamPropagationDelayMs?: number;
	/** Default: the demo data (`demoSeed()`). */
	seed?: SimulatorSeed;
	/** How long an export job runs from Queued to Successful on the simulator's clock (default 6000 ms; tests set a long one and advanceClock). */
	exportDurationMs?: number;
	/** New ids from a counter (the same run makes the same ids: the demo, the README's screencast) instead of clock and randomness. */
	countedIds?: boolean;
};

export type SimulatorLogEntry = {
	method: string;
	path: string;
	query: Record<string, string>;
	/** Lower-case names, as received. */
	headers: Record<string, string>;
	/** Raw body text, if any was sent. */
	body?: string;
	/** 0 when the connection was reset by a fault or closed before an answer. */
	status: number;
	errorCode?: string;
	/** The Digest response or the Bearer token verified. */
	authenticated: boolean;
	/** Who was authenticated: the API key (Digest) or the service account (Bearer). */
	principal?: 'apiKey' | 'serviceAccount';
	/** Server-side time from request start to response end. */
	handlingMs: number;
};

export type SimulatorControls = {
	/** null = no list; otherwise other callers get 403 IP_ADDRESS_NOT_ON_ACCESS_LIST. Entries: IPs or CIDR blocks. */
	setAccessList(ips: string[] | null): void;
	/**
	 * Atlas's token buckets, one per endpoint set and scope, hold the recorded limits (Cloud Backups
	 * and GET /groups 1200/500 per 60 s, Cloud Provider Access 2000/1000, the key check 300/100).
	 * This replaces the limit of one set (or of every set); null restores the recorded ones. Empty ->
	 * 429 RATE_LIMITED_TOKEN_BUCKET with the recorded detail and parameters, and Retry-After.
	 */
	setRateLimit(limit: RateLimit | null, endpointSet?: EndpointSetName): void;
	/**
	 * While the key has no access list, the organization (every request: 403 ORG_REQUIRES_ACCESS_LIST)
	 * or one endpoint set (403 RESOURCE_REQUIRES_ACCESS_LIST) refuses it, naming the caller's IP.
	 */
	requireAccessList(requirement: AccessListRequirement | null): void;
	/** Stops the simulator's clock (nonces, rate-limit refills, IAM propagation, version sunsets, route timestamps) at this instant; null: real time. */
	setClock(at: number | Date | null): void;
	/** Links (paging hrefs) name this origin, as Atlas names whatever host it calls itself; null: the address the client used. */
	setPublicOrigin(origin: string | null): void;
	injectFault(fault: Fault): void;
	clearFaults(): void;
	/** Every nonce issued so far becomes stale now. */
	expireNonces(): void;
	/** Wall-clock propagation: after an authorize, create answers CANNOT_ASSUME_ROLE for this long. For people (demo); tests use hold/release. */
	setIamPropagationDelay(ms: number): void;
	/**
	 * Deterministic propagation for tests: every role authorized from now on answers CANNOT_ASSUME_ROLE
	 * until releaseIamPropagation(), or until it has refused `releaseAfterRefusals` permission checks.
	 */
	holdIamPropagation(options?: IamHoldOptions): void;
	/** Every held role has propagated from now on (the next create succeeds); the gate opens. */
	releaseIamPropagation(): void;
	/** Moves the simulator's clock forward (nonce lifetime, rate-limit refill, IAM propagation delay, version sunsets, access-token expiry, the token endpoint's minute, export jobs) without waiting. */
	advanceClock(ms: number): void;
	/** Every access token issued so far expires now (as if its hour had passed). */
	expireTokens(): void;
	/** expires_in of tokens minted from now on (default 3600). */
	setTokenLifetime(seconds: number): void;
	/** The service account's secret: 'expired' or 'revoked' makes the token endpoint answer 401 invalid_client. */
	setClientSecretState(state: ClientSecretState): void;
	/** Export jobs created from now on end this way halfway through (null: they succeed again). */
	setExportOutcome(outcome: ExportOutcome | null): void;
	/** Adds (or replaces) an IAM role on the AWS side with its trust (`externalId` absent: any), writable buckets optional. */
	registerAwsRole(role: SeedAwsRole, options?: {writableBuckets?: string[]}): void;
	clearLog(): void;
};

export type Simulator = {
	baseUrl: string;
	keys: ApiKeyPair;
	/** The demo service account (client id and secret). */
	serviceAccount: ServiceAccount;
	log: SimulatorLogEntry[];
	controls: SimulatorControls;
	close(): Promise<void>;
};
