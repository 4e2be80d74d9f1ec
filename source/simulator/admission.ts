// After authentication and before routing: the key's access list (and whether one is required),
// then the rate limit of the request's endpoint set.
import {normalizeIp, type AccessList} from './access-list.js';
import type {EndpointSet, EndpointSetName} from './endpoint-sets.js';
import {SimulatorHttpError} from './errors.js';
import type {RateLimiter} from './rate-limit.js';

/**
 * Who demands an API access list on the key: the organization (every request) or one endpoint set
 * (Atlas's backup endpoints are where users meet it). A key with a list is then checked against it.
 */
export type AccessListRequirement = {scope: 'organization'} | {scope: 'resource'; endpointSet: EndpointSetName};

export type AdmissionInput = {
	remoteAddress: string | undefined;
	/** Path as requested (after the host), for the 429 detail. */
	requestPath: string;
	endpointSet: EndpointSet | undefined;
	accessList: AccessList;
	requirement: AccessListRequirement | null;
	rateLimiter: RateLimiter;
	now: number;
};

/** Throws the Atlas error for a refused request; returns the Ratelimit-* headers to send otherwise. */
export function admit(input: AdmissionInput): Record<string, string> {
	const ip = normalizeIp(input.remoteAddress);
	if (input.accessList.current === null || input.accessList.current.length === 0) {
		const {requirement} = input;
		if (requirement?.scope === 'organization') {
			throw new SimulatorHttpError(403, 'ORG_REQUIRES_ACCESS_LIST', 'This organization requires access through an access list of ip ranges.', {parameters: [ip]});
		}
		if (requirement?.scope === 'resource' && requirement.endpointSet === input.endpointSet?.name) {
			throw new SimulatorHttpError(403, 'RESOURCE_REQUIRES_ACCESS_LIST', 'This resource requires access through an access list of ip ranges.', {parameters: [ip]});
		}
	}
	if (!input.accessList.allows(ip)) {
		throw new SimulatorHttpError(403, 'IP_ADDRESS_NOT_ON_ACCESS_LIST', `IP address ${ip} is not allowed to access this resource.`, {parameters: [ip]});
	}
	return input.endpointSet ? input.rateLimiter.admit(input.endpointSet, input.requestPath, input.now) : {};
}
