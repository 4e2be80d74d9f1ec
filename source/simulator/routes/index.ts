// Route table and matching for `/api/atlas/{v2|v1.0}/...`.
import {backupExportRoutes} from './backup-exports.js';
import {backupScheduleRoutes} from './backup-schedule.js';
import {backupSnapshotRoutes} from './backup-snapshots.js';
import {cloudProviderAccessRoutes} from './cloud-provider-access.js';
import {clusterRoutes} from './clusters.js';
import {exportBucketRoutes} from './export-buckets.js';
import {groupRoutes} from './groups.js';
import {rootRoutes} from './root.js';
import type {Generation, Route} from './types.js';

const routes: Route[] = [
	...rootRoutes,
	...groupRoutes,
	...exportBucketRoutes,
	...cloudProviderAccessRoutes,
	...clusterRoutes,
	...backupSnapshotRoutes,
	...backupExportRoutes,
	...backupScheduleRoutes,
];

const PREFIX = /^\/api\/atlas\/(v2|v1\.0)(\/.*)?$/;

export type RouteMatch =
	| {kind: 'found'; generation: Generation; route: Route; params: string[]; rest: string}
	| {kind: 'methodNotAllowed'; generation: Generation; allowed: string[]}
	| {kind: 'notFound'};

export function matchRoute(method: string, pathname: string): RouteMatch {
	const prefix = PREFIX.exec(pathname);
	if (!prefix) return {kind: 'notFound'};
	const generation = prefix[1] as Generation;
	const rest = prefix[2] ?? '';
	const allowed: string[] = [];
	for (const route of routes) {
		const match = route.pattern.exec(rest);
		if (!match) continue;
		if (route.method === method) return {kind: 'found', generation, route, params: match.slice(1).map(part => safeDecode(part ?? '')), rest};
		allowed.push(route.method);
	}
	return allowed.length > 0 ? {kind: 'methodNotAllowed', generation, allowed} : {kind: 'notFound'};
}

function safeDecode(part: string): string {
	try {
		return decodeURIComponent(part);
	} catch {
		return part;
	}
}
