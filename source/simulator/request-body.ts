// Reads a request body as text, bounded in size.
import type {IncomingMessage} from 'node:http';
import {SimulatorHttpError} from './errors.js';

export const MAX_BODY_BYTES = 1024 * 1024;

/** The body text, or undefined when none was sent. Rejects on an oversized body or a dropped connection. */
export function readBody(request: IncomingMessage): Promise<string | undefined> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				reject(new SimulatorHttpError(413, 'PAYLOAD_TOO_LARGE', `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`));
				return;
			}
			chunks.push(chunk);
		});
		request.on('end', () => resolve(chunks.length === 0 ? undefined : Buffer.concat(chunks).toString('utf8')));
		request.on('error', reject);
		request.on('close', () => {
			if (!request.complete) reject(new Error('connection closed before the body ended'));
		});
	});
}
