// v2 content negotiation: `Accept: application/vnd.atlas.YYYY-MM-DD+json` picks the resource version.
import {SimulatorHttpError} from './errors.js';

export const V2023 = '2023-01-01';
export const V2024 = '2024-05-30';
/** Clusters and the backup schedule. */
export const V20240805 = '2024-08-05';

/** What a v1.0 request is served as (v1.0 maps to the first v2 version). */
export const V1_EQUIVALENT_VERSION = V2023;

export type DeprecationInfo = {deprecation: string; sunset: string};

/** Export-bucket create/list/get at 2023-01-01: superseded by 2024-05-30, sunset 2027-07-01. */
export const EXPORT_BUCKET_2023_DEPRECATION: DeprecationInfo = {
	deprecation: new Date(Date.UTC(2024, 4, 30)).toUTCString(),
	sunset: new Date(Date.UTC(2027, 6, 1)).toUTCString(),
};

const VERSION_IN_ACCEPT = /application\/vnd\.atlas\.(\d{4}-\d{2}-\d{2})\+json/gi;

function isRealDate(version: string): boolean {
	const date = new Date(`${version}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(version);
}

/**
 * Picks the version this request is served at. No version -> 406; a version older than every
 * version the operation still has -> 410 VERSION_GONE (it was removed); any other unknown -> 406.
 */
export function negotiateVersion(accept: string | undefined, supported: readonly string[]): string {
	const requested = [...(accept ?? '').matchAll(VERSION_IN_ACCEPT)].map(match => match[1] ?? '');
	const supportedList = supported.join(', ');
	if (requested.length === 0) {
		throw new SimulatorHttpError(
			406,
			'INVALID_VERSION_DATE',
			`This resource requires an Accept header of the form application/vnd.atlas.YYYY-MM-DD+json; supported versions: ${supportedList}.`,
		);
	}
	const chosen = requested.find(version => supported.includes(version));
	if (chosen) return chosen;
	const oldest = [...supported].sort()[0] ?? V2023;
	const first = requested[0] ?? '';
	if (requested.every(version => isRealDate(version) && version < oldest)) {
		throw new SimulatorHttpError(410, 'VERSION_GONE', `API version ${first} has been removed for this resource; supported versions: ${supportedList}.`);
	}
	throw new SimulatorHttpError(406, 'INVALID_VERSION_DATE', `Unknown API version ${first} for this resource; supported versions: ${supportedList}.`);
}
