// v2 content negotiation: `Accept: application/vnd.atlas.YYYY-MM-DD+json` picks the resource version.
// As recorded: a missing or unknown version answers 406 INVALID_VERSION_DATE with a fixed body; 410
// VERSION_GONE is only for a version the operation had whose sunset date has passed.
import {SimulatorHttpError} from './errors.js';

export const V2023 = '2023-01-01';
export const V2024 = '2024-05-30';
/** Clusters and the backup schedule. */
export const V20240805 = '2024-08-05';

/** What a v1.0 request is served as (v1.0 maps to the first v2 version). */
export const V1_EQUIVALENT_VERSION = V2023;

/** Dates as YYYY-MM-DD (UTC midnight): when a version was superseded and when it stops answering. */
export type DeprecationInfo = {deprecation: string; sunset: string};

/** Export-bucket create/list/get at 2023-01-01: superseded by 2024-05-30, sunset 2027-07-01. */
export const EXPORT_BUCKET_2023_DEPRECATION: DeprecationInfo = {deprecation: V2024, sunset: '2027-07-01'};

const VERSION_IN_ACCEPT = /application\/vnd\.atlas\.(\d{4}-\d{2}-\d{2})\+json/gi;

function utcMidnight(date: string): number {
	return Date.parse(`${date}T00:00:00Z`);
}

/** The Deprecation and Sunset headers (HTTP dates, e.g. `Thu, 01 Jul 2027 00:00:00 GMT`). */
export function deprecationHeaders(info: DeprecationInfo): Record<string, string> {
	return {deprecation: new Date(utcMidnight(info.deprecation)).toUTCString(), sunset: new Date(utcMidnight(info.sunset)).toUTCString()};
}

export function invalidVersionDate(): SimulatorHttpError {
	return new SimulatorHttpError(406, 'INVALID_VERSION_DATE', 'Invalid accept header or version date.');
}

/**
 * Picks the version this request is served at: the first requested version the operation serves.
 * One whose sunset has passed (at `now`) -> 410 VERSION_GONE; none or only unknown ones -> 406.
 */
export function negotiateVersion(
	accept: string | undefined,
	supported: readonly string[],
	deprecated: Readonly<Record<string, DeprecationInfo>> = {},
	now = Date.now(),
): string {
	const requested = [...(accept ?? '').matchAll(VERSION_IN_ACCEPT)].map(match => match[1] ?? '');
	const chosen = requested.find(version => supported.includes(version));
	if (chosen === undefined) throw invalidVersionDate();
	const sunset = deprecated[chosen]?.sunset;
	if (sunset !== undefined && now >= utcMidnight(sunset)) {
		throw new SimulatorHttpError(410, 'VERSION_GONE', `API version ${chosen} of this resource was removed on ${sunset}.`, {parameters: [chosen]});
	}
	return chosen;
}
