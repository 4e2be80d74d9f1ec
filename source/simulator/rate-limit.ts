// Token buckets as Atlas throttles its API: one per endpoint set and scope (project or user), with
// the recorded capacities and refill rates; a test may override them. Time comes from the caller.
import type {EndpointSet, EndpointSetName} from './endpoint-sets.js';
import {SimulatorHttpError} from './errors.js';

export type RateLimit = {capacity: number; refillPerMinute: number};

export type RateDecision = {allowed: boolean; limit: number; remaining: number; retryAfterSeconds: number; waitSeconds: number};

/** Recorded from real Atlas (2026): capacity, and refill per 60 s. */
export const RECORDED_RATE_LIMITS: Readonly<Record<EndpointSetName, RateLimit>> = {
	cloudBackups: {capacity: 1200, refillPerMinute: 500},
	cloudProviderAccess: {capacity: 2000, refillPerMinute: 1000},
	listProjects: {capacity: 1200, refillPerMinute: 500},
	root: {capacity: 300, refillPerMinute: 100},
};

export class TokenBucket {
	private tokens: number;
	private last: number;

	constructor(
		readonly limit: RateLimit,
		now: number,
	) {
		this.tokens = limit.capacity;
		this.last = now;
	}

	take(now: number): RateDecision {
		const perMs = this.limit.refillPerMinute / 60_000;
		this.tokens = Math.min(this.limit.capacity, this.tokens + Math.max(0, now - this.last) * perMs);
		this.last = now;
		if (this.tokens >= 1) {
			this.tokens -= 1;
			return {allowed: true, limit: this.limit.capacity, remaining: Math.floor(this.tokens), retryAfterSeconds: 0, waitSeconds: 0};
		}
		const waitMs = perMs > 0 ? (1 - this.tokens) / perMs : 60_000;
		return {
			allowed: false,
			limit: this.limit.capacity,
			remaining: 0,
			// Retry-After: whole seconds until a token is there; the detail counts whole seconds elapsed (Atlas says 0).
			retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
			waitSeconds: Math.floor(waitMs / 1000),
		};
	}
}

export class RateLimiter {
	private readonly buckets = new Map<string, TokenBucket>();
	private overrides: Partial<Record<EndpointSetName, RateLimit>> = {};

	/** Replaces the recorded limit of one set, or of every set; null restores the recorded limits. */
	override(limit: RateLimit | null, set?: EndpointSetName): void {
		if (limit === null) this.overrides = set === undefined ? {} : (({[set]: _dropped, ...rest}) => rest)(this.overrides);
		else if (set === undefined) for (const name of Object.keys(RECORDED_RATE_LIMITS) as EndpointSetName[]) this.overrides[name] = limit;
		else this.overrides[set] = limit;
		for (const key of [...this.buckets.keys()]) if (set === undefined || key.startsWith(`${set}:`)) this.buckets.delete(key);
	}

	/** Spends a token; throws 429 RATE_LIMITED_TOKEN_BUCKET as Atlas words it; returns the Ratelimit-* headers. */
	admit(set: EndpointSet, requestPath: string, now: number): Record<string, string> {
		const limit = this.overrides[set.name] ?? RECORDED_RATE_LIMITS[set.name];
		const key = `${set.name}:${set.scopeKey}`;
		let bucket = this.buckets.get(key);
		if (!bucket) {
			bucket = new TokenBucket(limit, now);
			this.buckets.set(key, bucket);
		}
		const decision = bucket.take(now);
		const headers = {'ratelimit-limit': String(decision.limit), 'ratelimit-remaining': String(decision.remaining)};
		if (decision.allowed) return headers;
		throw new SimulatorHttpError(
			429,
			'RATE_LIMITED_TOKEN_BUCKET',
			`Rate limit exceeded for ${requestPath}. Please retry after ${decision.waitSeconds} seconds. Request capacity: ${limit.capacity}. Refill rate: ${limit.refillPerMinute} per 60 seconds.`,
			{headers: {...headers, 'retry-after': String(decision.retryAfterSeconds)}, parameters: [requestPath, decision.waitSeconds, limit.capacity, limit.refillPerMinute, 60]},
		);
	}
}
