// The endpoint sets Atlas rate-limits (and may demand an API access list for) as one, each with its
// scope. Classified from the path, so routes added later under these prefixes (snapshot exports,
// backup schedules) belong to their set without saying so.

export type EndpointSetName = 'cloudBackups' | 'cloudProviderAccess' | 'listProjects' | 'root';

export type EndpointSet = {
	name: EndpointSetName;
	scope: 'project' | 'user';
	/** The project id (project scope) or the caller's public key (user scope). */
	scopeKey: string;
};

const PROJECT_SETS: Array<{name: EndpointSetName; pattern: RegExp}> = [
	{name: 'cloudBackups', pattern: /^\/groups\/([^/]+)\/(?:clusters\/[^/]+\/)?backup(?:\/|$)/},
	{name: 'cloudProviderAccess', pattern: /^\/groups\/([^/]+)\/cloudProviderAccess(?:\/|$)/},
];

/** `path` is the part after `/api/atlas/{v2|v1.0}`; undefined when no recorded set covers it. */
export function endpointSetOf(method: string, path: string, caller: string): EndpointSet | undefined {
	for (const {name, pattern} of PROJECT_SETS) {
		const match = pattern.exec(path);
		if (match) return {name, scope: 'project', scopeKey: match[1] ?? ''};
	}
	if (method !== 'GET') return undefined;
	if (/^\/groups\/?$/.test(path)) return {name: 'listProjects', scope: 'user', scopeKey: caller};
	if (path === '' || path === '/') return {name: 'root', scope: 'user', scopeKey: caller};
	return undefined;
}

/** The path after the generation prefix, or undefined outside `/api/atlas/{v2|v1.0}`. */
export function apiPathOf(pathname: string): string | undefined {
	const match = /^\/api\/atlas\/(?:v2|v1\.0)(\/.*)?$/.exec(pathname);
	return match ? match[1] ?? '' : undefined;
}
