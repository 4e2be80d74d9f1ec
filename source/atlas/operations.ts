// The operations this tool uses: HTTP method and the v2 resource version each is requested at.
// v1.0 uses the same paths under /api/atlas/v1.0 with `Accept: application/json`.
import type {ApiVersion} from './types.js';

export const V2023 = '2023-01-01';
export const V2024 = '2024-05-30';
/** Clusters and the backup schedule. */
export const V20240805 = '2024-08-05';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export type OperationName =
	| 'checkKey'
	| 'listProjects'
	| 'getProject'
	| 'listExportBuckets'
	| 'getExportBucket'
	| 'createExportBucket'
	| 'deleteExportBucket'
	| 'listCloudProviderAccess'
	| 'createAwsRole'
	| 'authorizeAwsRole'
	| 'listClusters'
	| 'listSnapshots'
	| 'createExportJob'
	| 'listExportJobs'
	| 'getExportJob'
	| 'getBackupSchedule'
	| 'updateBackupSchedule';

export type Operation = {
	method: HttpMethod;
	v2Version: string;
	/** v2 declares no `pretty` parameter for this operation (every operation takes `envelope`). */
	noPrettyInV2?: true;
};

export const OPERATIONS: Readonly<Record<OperationName, Operation>> = {
	checkKey: {method: 'GET', v2Version: V2023},
	listProjects: {method: 'GET', v2Version: V2023},
	getProject: {method: 'GET', v2Version: V2023},
	listExportBuckets: {method: 'GET', v2Version: V2024},
	getExportBucket: {method: 'GET', v2Version: V2024, noPrettyInV2: true},
	createExportBucket: {method: 'POST', v2Version: V2024},
	// DELETE exists only at 2023-01-01.
	deleteExportBucket: {method: 'DELETE', v2Version: V2023, noPrettyInV2: true},
	listCloudProviderAccess: {method: 'GET', v2Version: V2023},
	createAwsRole: {method: 'POST', v2Version: V2023},
	authorizeAwsRole: {method: 'PATCH', v2Version: V2023},
	listClusters: {method: 'GET', v2Version: V20240805},
	listSnapshots: {method: 'GET', v2Version: V2023},
	createExportJob: {method: 'POST', v2Version: V2023, noPrettyInV2: true},
	listExportJobs: {method: 'GET', v2Version: V2023},
	getExportJob: {method: 'GET', v2Version: V2023, noPrettyInV2: true},
	getBackupSchedule: {method: 'GET', v2Version: V20240805},
	updateBackupSchedule: {method: 'PATCH', v2Version: V20240805},
};

export function apiPrefix(apiVersion: ApiVersion): string {
	return `/api/atlas/${apiVersion}`;
}

/** v1.0 takes `pretty` everywhere (the seed page); v2 on the operations that declare it. */
export function takesPretty(apiVersion: ApiVersion, operation: OperationName): boolean {
	return apiVersion === 'v1.0' || !OPERATIONS[operation].noPrettyInV2;
}

export function acceptHeader(apiVersion: ApiVersion, operation: OperationName): string {
	return apiVersion === 'v1.0' ? 'application/json' : `application/vnd.atlas.${OPERATIONS[operation].v2Version}+json`;
}

export const LIST_PAGE_SIZE = 500;
