// A small hand-written Digest client for the simulator tests (independent of the product's client).
import {createHash, randomBytes} from 'node:crypto';

export const md5 = (text: string) => createHash('md5').update(text).digest('hex');

export type Challenge = {realm: string; nonce: string; qop: string; algorithm: string; stale: string; domain: string};

export function parseChallenge(header: string | null): Challenge {
	if (!header?.startsWith('Digest ')) throw new Error(`not a Digest challenge: ${header}`);
	const params: Record<string, string> = {};
	for (const match of header.slice(7).matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) params[match[1] ?? ''] = match[2] ?? match[3] ?? '';
	return params as Challenge;
}

export function authorization(options: {
	publicKey: string;
	privateKey: string;
	method: string;
	uri: string;
	nonce: string;
	nc: number | string;
	realm?: string;
	cnonce?: string;
}): string {
	const realm = options.realm ?? 'MMS Public API';
	const nc = typeof options.nc === 'number' ? options.nc.toString(16).padStart(8, '0') : options.nc;
	const cnonce = options.cnonce ?? randomBytes(8).toString('hex');
	const ha1 = md5(`${options.publicKey}:${realm}:${options.privateKey}`);
	const ha2 = md5(`${options.method}:${options.uri}`);
	const response = md5(`${ha1}:${options.nonce}:${nc}:${cnonce}:auth:${ha2}`);
	return `Digest username="${options.publicKey}", realm="${realm}", nonce="${options.nonce}", uri="${options.uri}", algorithm=MD5, qop=auth, nc=${nc}, cnonce="${cnonce}", response="${response}"`;
}

export type SendOptions = {method?: string; headers?: Record<string, string>; body?: string; accept?: string | null};

/** Reuses one nonce and counts nc upward, re-challenging on 401 (once more when stale=true). */
export class DigestClient {
	private nonce: string | undefined;
	private nc = 0;

	constructor(
		readonly baseUrl: string,
		readonly keys: {publicKey: string; privateKey: string},
	) {}

	async send(path: string, options: SendOptions = {}): Promise<Response> {
		const method = options.method ?? 'GET';
		const headers: Record<string, string> = {...options.headers};
		if (options.accept !== null) headers.accept = options.accept ?? 'application/vnd.atlas.2023-01-01+json';
		for (let attempt = 0; attempt < 3; attempt++) {
			if (!this.nonce) {
				const challenge = await fetch(this.baseUrl + path, {method, headers, body: options.body});
				if (challenge.status !== 401) return challenge;
				await challenge.arrayBuffer();
				this.nonce = parseChallenge(challenge.headers.get('www-authenticate')).nonce;
				this.nc = 0;
			}
			this.nc += 1;
			const response = await fetch(this.baseUrl + path, {
				method,
				headers: {...headers, authorization: authorization({...this.keys, method, uri: path, nonce: this.nonce, nc: this.nc})},
				body: options.body,
			});
			// A 401 without a challenge (USER_UNAUTHORIZED: the key is right, the role missing) is the answer.
			if (response.status !== 401 || !response.headers.get('www-authenticate')) return response;
			const challenge = parseChallenge(response.headers.get('www-authenticate'));
			if (challenge.stale !== 'true') return response;
			await response.arrayBuffer();
			this.nonce = challenge.nonce;
			this.nc = 0;
		}
		throw new Error('Digest retries exhausted');
	}

	async json(path: string, options: SendOptions = {}): Promise<{status: number; body: any; response: Response}> {
		const response = await this.send(path, options);
		const text = await response.text();
		return {status: response.status, body: text === '' ? undefined : JSON.parse(text), response};
	}
}
