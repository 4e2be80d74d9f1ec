// Backup snapshots of a cluster: GET /groups/{groupId}/clusters/{clusterName}/backup/snapshots (paged, newest first).
import {pageOf, parsePaging} from '../paging.js';
import type {SeedSnapshot} from '../seed-backup.js';
import {V2023} from '../versions.js';
import {requireCluster} from './clusters.js';
import type {Route, RouteContext} from './types.js';

function expiresAt(snapshot: SeedSnapshot): string {
	const days = {hourly: 2, daily: 7, weekly: 28, monthly: 365, yearly: 3650}[snapshot.frequencyType];
	return new Date(Date.parse(snapshot.createdAt) + days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function snapshotView(context: RouteContext, snapshot: SeedSnapshot, mongodVersion: string): Record<string, unknown> {
	return {
		cloudProvider: 'AWS',
		copyRegions: [],
		createdAt: snapshot.createdAt,
		expiresAt: expiresAt(snapshot),
		frequencyType: snapshot.frequencyType,
		id: snapshot.id,
		links: [{href: `${context.origin}/api/atlas/${context.generation}/groups/${snapshot.groupId}/clusters/${snapshot.clusterName}/backup/snapshots/${snapshot.id}`, rel: 'self'}],
		mongodVersion,
		policyItems: [],
		replicaSetName: snapshot.clusterName,
		snapshotType: snapshot.snapshotType,
		status: snapshot.status,
		storageSizeBytes: snapshot.storageSizeBytes,
		type: 'replicaSet',
	};
}

export const backupSnapshotRoutes: Route[] = [
	{
		method: 'GET',
		pattern: /^\/groups\/([^/]+)\/clusters\/([^/]+)\/backup\/snapshots\/?$/,
		versions: [V2023],
		handle(context, [groupId = '', clusterName = '']) {
			const cluster = requireCluster(context, groupId, clusterName);
			const paging = parsePaging(context.query);
			const snapshots = context.state.snapshotsOf(groupId, clusterName).map(snapshot => snapshotView(context, snapshot, cluster.mongoDBVersion));
			return {status: 200, isList: true, body: pageOf(snapshots, paging, `${context.origin}${context.path}`)};
		},
	},
];
