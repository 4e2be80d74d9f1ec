import {createHash, randomBytes, randomUUID} from 'node:crypto';

export const OBJECT_ID = /^[a-f\d]{24}$/;

/** A 24-hex id shaped like a MongoDB ObjectId: 4 bytes of seconds, then random bytes. */
export function newObjectId(now = Date.now()): string {
	const seconds = Math.floor(now / 1000).toString(16).padStart(8, '0');
	return seconds + randomBytes(8).toString('hex');
}

export function newExternalId(): string {
	return randomUUID();
}

/** Where the simulator's new ids come from. */
export type IdSource = {objectId(now: number): string; externalId(): string};

export const randomIds: IdSource = {objectId: newObjectId, externalId: newExternalId};

/**
 * Ids from a counter instead of the clock and randomness: the same run makes the same ids, so the
 * demo's screens (and the README's screencast recorded from them) do not change from run to run.
 */
export function countedIds(seed: string): IdSource {
	let count = 0;
	const next = () => createHash('sha256').update(`${seed}:${++count}`).digest('hex');
	return {
		objectId: () => next().slice(0, 24),
		externalId() {
			const hex = next();
			// Shaped as a version 4 UUID, as Atlas's external ids are.
			return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
		},
	};
}
