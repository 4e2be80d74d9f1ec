// Which Atlas the wizard talks to, as the key step tells it: a base URL that is not the default is
// shown, and one on this machine (the simulator) is never stored in the default profile.
import {DEFAULT_BASE_URL} from '../atlas/types.js';

/** http://127.0.0.1:…, http://localhost:…, http://[::1]:…: an Atlas on this machine (the simulator). */
export function isLoopbackUrl(url: string): boolean {
	let hostname: string;
	try {
		hostname = new URL(url).hostname.toLowerCase();
	} catch {
		return false;
	}

	return hostname === 'localhost' || hostname.endsWith('.localhost') || /^127(?:\.\d{1,3}){3}$/.test(hostname) || hostname === '[::1]';
}

/** The base URL worth a line on the key step, or undefined for the default Atlas. */
export function shownBaseUrl(url: string): string | undefined {
	return url.replace(/\/+$/, '') === DEFAULT_BASE_URL ? undefined : url;
}
