import {randomBytes, randomUUID} from 'node:crypto';

export const OBJECT_ID = /^[a-f\d]{24}$/;

/** A 24-hex id shaped like a MongoDB ObjectId: 4 bytes of seconds, then random bytes. */
export function newObjectId(now = Date.now()): string {
	const seconds = Math.floor(now / 1000).toString(16).padStart(8, '0');
	return seconds + randomBytes(8).toString('hex');
}

export function newExternalId(): string {
	return randomUUID();
}
