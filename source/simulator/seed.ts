// The fixed demo data: one organization, its projects, their Atlas cloud-provider-access roles and
// export buckets, and the modelled AWS side (which S3 buckets exist and which IAM role ARNs may write
// to each). Documented in the README; tests and the wizard rely on these exact values.
import type {ApiKeyPair, ServiceAccount} from '../atlas/types.js';
import {demoClusters, demoSnapshots, type SeedCluster, type SeedSnapshot} from './seed-backup.js';

export type SeedProject = {id: string; name: string; orgId: string; created: string; clusterCount: number};

export type SeedRole = {
	groupId: string;
	roleId: string;
	atlasAWSAccountArn: string;
	atlasAssumedRoleExternalId: string;
	createdDate: string;
	/** Present once authorized. */
	iamAssumedRoleArn?: string;
	authorizedDate?: string;
};

export type SeedExportBucket = {
	_id: string;
	groupId: string;
	bucketName: string;
	iamRoleId: string;
	region: string;
	requirePrivateNetworking: boolean;
};

export type SeedS3Bucket = {name: string; region: string; writableBy: string[]};

/**
 * An IAM role in the modelled AWS account(s) and its trust policy: Atlas can assume it when the
 * principal is the Atlas role's `atlasAWSAccountArn` and the external id matches (`externalId`
 * absent: any external id, as the demo's set-up role).
 */
export type SeedAwsRole = {arn: string; trust: {principal: string; externalId?: string}};

/** An Atlas programmatic API key: `roles` decide what it may do (see authorization.ts). */
export type SeedApiKey = ApiKeyPair & {id: string; description: string; roles: Array<{roleName: string; orgId?: string; groupId?: string}>};

export type SimulatorSeed = {
	/** The demo key (organization owner). */
	apiKey: SeedApiKey;
	/** More keys the simulator accepts, e.g. with one project role each. */
	otherApiKeys?: SeedApiKey[];
	/** Sees the same projects as the API key. */
	serviceAccount: ServiceAccount & {name: string};
	projects: SeedProject[];
	roles: SeedRole[];
	exportBuckets: SeedExportBucket[];
	/** The AWS account(s) as Atlas's permission check sees them. */
	s3Buckets: SeedS3Bucket[];
	/** Clusters with their backup schedule's export settings; a bucket an auto-export uses cannot be deleted. */
	clusters?: SeedCluster[];
	snapshots?: SeedSnapshot[];
	/** The IAM roles Atlas may try to assume when a role is authorized (none: every authorize answers CANNOT_ASSUME_ROLE). */
	awsRoles?: SeedAwsRole[];
};

export const DEMO_ORG_ID = '6650a1f2c3d4e5f6a7b8c900';

export const DEMO_KEYS: Readonly<ApiKeyPair> = Object.freeze({
	publicKey: 'demokeyq',
	privateKey: '7c1d9e2a-4b3f-4e8a-9d6c-2f5b8a1e0c47',
});

/** The demo service account: the same organization role (and so the same projects) as the demo key. */
export const DEMO_SERVICE_ACCOUNT: Readonly<ServiceAccount> = Object.freeze({
	clientId: 'mdb_sa_id_6650a1f2c3d4e5f6a7b8c9fe',
	clientSecret: 'mdb_sa_sk_4e8a9d6c2f5b8a1e0c477c1d9e2a4b3f5d6e7f80',
});

/**
 * Keys with one role on Demo Production each, so tests and users can see a valid key refused for
 * lack of a role (401 USER_UNAUTHORIZED): reading needs Project Read Only, export buckets Project
 * Backup Manager (or Owner), creating and authorizing IAM roles Project Owner.
 */
export const DEMO_ROLE_KEYS = Object.freeze({
	readOnly: Object.freeze({publicKey: 'readonly', privateKey: '0b6f3c2e-91d4-4a57-8e2b-6d4c1a9f7e35', roleName: 'GROUP_READ_ONLY'}),
	backupManager: Object.freeze({publicKey: 'backupmg', privateKey: 'f4a8d2c6-3e1b-4f9a-a7d5-8c2e6b0f1d49', roleName: 'GROUP_BACKUP_MANAGER'}),
	projectOwner: Object.freeze({publicKey: 'projownr', privateKey: '5d9e1b7a-c3f2-48e6-b0a4-2f7c9d1e6a83', roleName: 'GROUP_OWNER'}),
});

export const DEMO_PROJECTS = Object.freeze({
	production: Object.freeze({id: '6650a1f2c3d4e5f6a7b8c9d0', name: 'Demo Production'}),
	sandbox: Object.freeze({id: '6650a1f2c3d4e5f6a7b8c9d1', name: 'Demo Sandbox'}),
	analytics: Object.freeze({id: '6650a1f2c3d4e5f6a7b8c9d2', name: 'Demo Analytics'}),
});

/** Atlas cloud-provider-access role ids (`iamRoleId` in a create request). */
export const DEMO_ROLE_IDS = Object.freeze({
	/** Demo Production, authorized as arn:aws:iam::123456789012:role/atlas-snapshot-export; used by the registered bucket. */
	productionExport: '6650b2e3d4f5a6b7c8d9e0f1',
	/** Demo Production, authorized as arn:aws:iam::123456789012:role/atlas-backup-archive. */
	productionArchive: '6650b2e3d4f5a6b7c8d9e0f2',
	/** Demo Production, created but never authorized. */
	productionUnauthorized: '6650b2e3d4f5a6b7c8d9e0f3',
	/** Demo Analytics, authorized as arn:aws:iam::210987654321:role/atlas-analytics-export. */
	analyticsExport: '6650b2e3d4f5a6b7c8d9e0f4',
});

export const DEMO_AWS_ROLE_ARNS = Object.freeze({
	snapshotExport: 'arn:aws:iam::123456789012:role/atlas-snapshot-export',
	backupArchive: 'arn:aws:iam::123456789012:role/atlas-backup-archive',
	analyticsExport: 'arn:aws:iam::210987654321:role/atlas-analytics-export',
	/** An AWS role no Atlas role is authorized as yet, trusting Atlas for any external id: authorize a new Atlas role with it to try the full flow. */
	wizardNew: 'arn:aws:iam::123456789012:role/atlas-export-wizard',
});

export const DEMO_ATLAS_AWS_ACCOUNT_ARN = 'arn:aws:iam::536727724300:root';

/** S3 buckets some demo role may write, with the region the create response reports. */
export const DEMO_WRITABLE_BUCKETS = Object.freeze([
	Object.freeze({name: 'acme-atlas-snapshots', region: 'us-east-1', writableBy: Object.freeze([DEMO_AWS_ROLE_ARNS.snapshotExport, DEMO_AWS_ROLE_ARNS.wizardNew])}),
	Object.freeze({name: 'acme-atlas-snapshots-eu', region: 'eu-west-1', writableBy: Object.freeze([DEMO_AWS_ROLE_ARNS.snapshotExport, DEMO_AWS_ROLE_ARNS.backupArchive, DEMO_AWS_ROLE_ARNS.wizardNew])}),
	Object.freeze({name: 'acme-backup-archive', region: 'us-west-2', writableBy: Object.freeze([DEMO_AWS_ROLE_ARNS.backupArchive])}),
	Object.freeze({name: 'acme-analytics-exports', region: 'ap-southeast-2', writableBy: Object.freeze([DEMO_AWS_ROLE_ARNS.analyticsExport])}),
]);

/** Exists in AWS, but no role's permission policy allows writing to it: create answers CANNOT_ASSUME_ROLE. */
export const DEMO_READONLY_BUCKET = Object.freeze({name: 'acme-locked-audit-logs', region: 'us-east-1'});

/** The export bucket already registered in Demo Production (bucket acme-atlas-snapshots). */
export const DEMO_EXPORT_BUCKET_ID = '6650c3f4a5b6c7d8e9f0a1b2';
/** Registered in Demo Analytics and still used by auto-export (cluster analytics-main), so it cannot be deleted. */
export const DEMO_IN_USE_EXPORT_BUCKET_ID = '6650c3f4a5b6c7d8e9f0a1b3';

/** A fresh deep copy of the demo data, safe to mutate. */
export function demoSeed(): SimulatorSeed {
	return structuredClone({
		apiKey: {
			...DEMO_KEYS,
			id: '6650a1f2c3d4e5f6a7b8c9ff',
			description: 'Embedded simulator demo key',
			roles: [{roleName: 'ORG_OWNER', orgId: DEMO_ORG_ID}],
		},
		serviceAccount: {...DEMO_SERVICE_ACCOUNT, name: 'Embedded simulator demo service account'},
		otherApiKeys: Object.values(DEMO_ROLE_KEYS).map((key, index) => ({
			publicKey: key.publicKey,
			privateKey: key.privateKey,
			id: `6650a1f2c3d4e5f6a7b8c9f${index}`,
			description: `Simulator key with ${key.roleName} on Demo Production`,
			roles: [{roleName: key.roleName, groupId: DEMO_PROJECTS.production.id}],
		})),
		projects: [
			{...DEMO_PROJECTS.production, orgId: DEMO_ORG_ID, created: '2024-05-24T09:12:50Z', clusterCount: 3},
			{...DEMO_PROJECTS.sandbox, orgId: DEMO_ORG_ID, created: '2024-05-24T09:14:03Z', clusterCount: 0},
			{...DEMO_PROJECTS.analytics, orgId: DEMO_ORG_ID, created: '2024-06-02T15:40:11Z', clusterCount: 2},
		],
		roles: [
			{
				groupId: DEMO_PROJECTS.production.id,
				roleId: DEMO_ROLE_IDS.productionExport,
				atlasAWSAccountArn: DEMO_ATLAS_AWS_ACCOUNT_ARN,
				atlasAssumedRoleExternalId: '3f2a8c1e-5b7d-4e9a-8c6f-1d2e3a4b5c6d',
				createdDate: '2024-05-24T10:02:17Z',
				iamAssumedRoleArn: DEMO_AWS_ROLE_ARNS.snapshotExport,
				authorizedDate: '2024-05-24T10:09:45Z',
			},
			{
				groupId: DEMO_PROJECTS.production.id,
				roleId: DEMO_ROLE_IDS.productionArchive,
				atlasAWSAccountArn: DEMO_ATLAS_AWS_ACCOUNT_ARN,
				atlasAssumedRoleExternalId: '9b8c7d6e-1f2a-4b3c-9d4e-5f6a7b8c9d0e',
				createdDate: '2024-07-11T08:30:00Z',
				iamAssumedRoleArn: DEMO_AWS_ROLE_ARNS.backupArchive,
				authorizedDate: '2024-07-11T08:41:26Z',
			},
			{
				groupId: DEMO_PROJECTS.production.id,
				roleId: DEMO_ROLE_IDS.productionUnauthorized,
				atlasAWSAccountArn: DEMO_ATLAS_AWS_ACCOUNT_ARN,
				atlasAssumedRoleExternalId: 'c4d5e6f7-a8b9-4c0d-8e1f-2a3b4c5d6e7f',
				createdDate: '2025-01-20T14:05:33Z',
			},
			{
				groupId: DEMO_PROJECTS.analytics.id,
				roleId: DEMO_ROLE_IDS.analyticsExport,
				atlasAWSAccountArn: DEMO_ATLAS_AWS_ACCOUNT_ARN,
				atlasAssumedRoleExternalId: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9',
				createdDate: '2024-06-02T16:00:00Z',
				iamAssumedRoleArn: DEMO_AWS_ROLE_ARNS.analyticsExport,
				authorizedDate: '2024-06-02T16:07:12Z',
			},
		],
		exportBuckets: [
			{
				_id: DEMO_EXPORT_BUCKET_ID,
				groupId: DEMO_PROJECTS.production.id,
				bucketName: 'acme-atlas-snapshots',
				iamRoleId: DEMO_ROLE_IDS.productionExport,
				region: 'us-east-1',
				requirePrivateNetworking: false,
			},
			{
				_id: DEMO_IN_USE_EXPORT_BUCKET_ID,
				groupId: DEMO_PROJECTS.analytics.id,
				bucketName: 'acme-analytics-exports',
				iamRoleId: DEMO_ROLE_IDS.analyticsExport,
				region: 'ap-southeast-2',
				requirePrivateNetworking: false,
			},
		],
		s3Buckets: [
			...DEMO_WRITABLE_BUCKETS.map(bucket => ({name: bucket.name, region: bucket.region, writableBy: [...bucket.writableBy]})),
			{...DEMO_READONLY_BUCKET, writableBy: []},
		],
		clusters: demoClusters(),
		snapshots: demoSnapshots(),
		// Each authorized demo role trusts Atlas with its own external id; the set-up role trusts any.
		awsRoles: [
			{arn: DEMO_AWS_ROLE_ARNS.snapshotExport, trust: {principal: DEMO_ATLAS_AWS_ACCOUNT_ARN, externalId: '3f2a8c1e-5b7d-4e9a-8c6f-1d2e3a4b5c6d'}},
			{arn: DEMO_AWS_ROLE_ARNS.backupArchive, trust: {principal: DEMO_ATLAS_AWS_ACCOUNT_ARN, externalId: '9b8c7d6e-1f2a-4b3c-9d4e-5f6a7b8c9d0e'}},
			{arn: DEMO_AWS_ROLE_ARNS.analyticsExport, trust: {principal: DEMO_ATLAS_AWS_ACCOUNT_ARN, externalId: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9'}},
			{arn: DEMO_AWS_ROLE_ARNS.wizardNew, trust: {principal: DEMO_ATLAS_AWS_ACCOUNT_ARN}},
		],
	} satisfies SimulatorSeed);
}
