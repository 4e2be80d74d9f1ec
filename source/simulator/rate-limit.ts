// A token bucket, as Atlas throttles its API (export buckets: capacity 1200, refill 500 per minute).

export type RateLimit = {capacity: number; refillPerMinute: number};

export type RateDecision = {allowed: boolean; limit: number; remaining: number; retryAfterSeconds: number};

export class TokenBucket {
	private tokens: number;
	private last: number;

	constructor(
		readonly limit: RateLimit,
		now = Date.now(),
	) {
		this.tokens = limit.capacity;
		this.last = now;
	}

	take(now = Date.now()): RateDecision {
		const perMs = this.limit.refillPerMinute / 60_000;
		this.tokens = Math.min(this.limit.capacity, this.tokens + (now - this.last) * perMs);
		this.last = now;
		if (this.tokens >= 1) {
			this.tokens -= 1;
			return {allowed: true, limit: this.limit.capacity, remaining: Math.floor(this.tokens), retryAfterSeconds: 0};
		}
		const retryAfterSeconds = perMs > 0 ? Math.max(1, Math.ceil((1 - this.tokens) / perMs / 1000)) : 60;
		return {allowed: false, limit: this.limit.capacity, remaining: 0, retryAfterSeconds};
	}
}
