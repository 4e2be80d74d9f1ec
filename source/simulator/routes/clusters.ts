// Clusters: GET /groups/{groupId}/clusters (paged, 2024-08-05 shape) and the lookups the backup
// routes share (a cluster by name; one that can take backup operations).
import {SimulatorHttpError} from '../errors.js';
import {pageOf, parsePaging} from '../paging.js';
import type {SeedCluster} from '../seed-backup.js';
import {V20240805} from '../versions.js';
import {requireGroup} from './common.js';
import type {Route, RouteContext} from './types.js';

/** A sibling id derived from the cluster's (replication spec, zone): stable across answers. */
function derivedId(id: string, suffix: string): string {
	return `${id.slice(0, 22)}${suffix}`;
}

function regionConfig(cluster: SeedCluster): Record<string, unknown> {
	if (cluster.providerName === 'TENANT' || cluster.providerName === 'FLEX') {
		return {backingProviderName: 'AWS', electableSpecs: {instanceSize: cluster.instanceSize}, priority: 7, providerName: cluster.providerName, regionName: cluster.regionName};
	}
	return {
		electableSpecs: {diskSizeGB: 40, instanceSize: cluster.instanceSize, nodeCount: 3},
		priority: 7,
		providerName: cluster.providerName,
		regionName: cluster.regionName,
	};
}

function clusterView(context: RouteContext, cluster: SeedCluster): Record<string, unknown> {
	return {
		backupEnabled: cluster.backupEnabled,
		clusterType: 'REPLICASET',
		createDate: cluster.createDate,
		groupId: cluster.groupId,
		id: cluster.id,
		links: [{href: `${context.origin}/api/atlas/${context.generation}/groups/${cluster.groupId}/clusters/${cluster.name}`, rel: 'self'}],
		mongoDBMajorVersion: cluster.mongoDBVersion.split('.').slice(0, 2).join('.'),
		mongoDBVersion: cluster.mongoDBVersion,
		name: cluster.name,
		paused: false,
		pitEnabled: false,
		replicationSpecs: [{id: derivedId(cluster.id, 'a1'), regionConfigs: [regionConfig(cluster)], zoneId: derivedId(cluster.id, 'b1'), zoneName: 'Zone 1'}],
		stateName: 'IDLE',
	};
}

export function requireCluster(context: RouteContext, groupId: string, clusterName: string): SeedCluster {
	requireGroup(context, groupId);
	const cluster = context.state.cluster(groupId, clusterName);
	if (!cluster) throw new SimulatorHttpError(404, 'CLUSTER_NOT_FOUND', `No cluster named ${clusterName} exists in group ${groupId}.`);
	return cluster;
}

/** Backup operations need a dedicated cluster with Cloud Backup on. */
export function requireCloudBackup(context: RouteContext, groupId: string, clusterName: string): SeedCluster {
	const cluster = requireCluster(context, groupId, clusterName);
	if (cluster.providerName !== 'AWS') {
		throw new SimulatorHttpError(400, 'CLUSTER_NOT_SUPPORTED_FOR_EXPORT', `Cluster ${clusterName} is a ${cluster.instanceSize} cluster; snapshot export needs a dedicated cluster (M10 or larger).`);
	}
	if (!cluster.backupEnabled) throw new SimulatorHttpError(400, 'CLOUD_BACKUP_NOT_ENABLED', `Cloud Backup is not enabled for cluster ${clusterName}.`);
	return cluster;
}

export const clusterRoutes: Route[] = [
	{
		method: 'GET',
		pattern: /^\/groups\/([^/]+)\/clusters\/?$/,
		versions: [V20240805],
		handle(context, [groupId = '']) {
			requireGroup(context, groupId);
			const paging = parsePaging(context.query);
			const clusters = context.state.clustersOf(groupId).map(cluster => clusterView(context, cluster));
			return {status: 200, isList: true, body: pageOf(clusters, paging, `${context.origin}${context.path}`)};
		},
	},
];
