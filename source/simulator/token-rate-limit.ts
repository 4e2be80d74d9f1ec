// The token endpoint's limit: 50 requests per minute for one IP address and client id, as a sliding
// window (Atlas: "Resource /api/oauth/token is limited to 50 requests every 1 minutes.").

export const TOKEN_REQUESTS_PER_MINUTE = 50;
const WINDOW_MS = 60_000;

export class TokenRateLimit {
	private readonly seen = new Map<string, number[]>();

	constructor(readonly limit = TOKEN_REQUESTS_PER_MINUTE) {}

	/** Counts one request; false when this caller already made `limit` in the last minute. */
	take(ip: string, clientId: string, now: number): boolean {
		const key = `${ip} ${clientId}`;
		const recent = (this.seen.get(key) ?? []).filter(at => now - at < WINDOW_MS);
		if (recent.length >= this.limit) {
			this.seen.set(key, recent);
			return false;
		}
		recent.push(now);
		this.seen.set(key, recent);
		return true;
	}
}
