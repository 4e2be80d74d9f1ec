// After authentication and before routing: the key's access list, then the rate limit.
import {normalizeIp, type AccessList} from './access-list.js';
import {SimulatorHttpError} from './errors.js';
import type {TokenBucket} from './rate-limit.js';

/** Throws the Atlas error for a refused request; returns the RateLimit-* headers to send otherwise. */
export function admit(remoteAddress: string | undefined, accessList: AccessList, limiter: TokenBucket | null, now: number): Record<string, string> {
	const ip = normalizeIp(remoteAddress);
	if (!accessList.allows(ip)) {
		throw new SimulatorHttpError(403, 'IP_ADDRESS_NOT_ON_ACCESS_LIST', `IP address ${ip} is not allowed to access this resource.`);
	}
	if (!limiter) return {};
	const decision = limiter.take(now);
	const headers = {'ratelimit-limit': String(decision.limit), 'ratelimit-remaining': String(decision.remaining)};
	if (!decision.allowed) {
		throw new SimulatorHttpError(429, 'RATE_LIMITED_TOKEN_BUCKET', 'You have exceeded the rate limit: retry later.', {
			headers: {...headers, 'retry-after': String(decision.retryAfterSeconds)},
		});
	}
	return headers;
}
