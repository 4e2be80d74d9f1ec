// The simulator's in-memory Atlas: projects, cloud-provider-access roles, export buckets, and the
// modelled AWS side. Views render the wire shapes; featureUsages are derived from the export buckets.
import type {ExportJobRecord, ExportOutcome} from './export-jobs.js';
import type {SeedCluster, SeedSnapshot} from './seed-backup.js';
import type {SeedApiKey, SeedAwsRole, SeedExportBucket, SeedProject, SeedRole, SeedS3Bucket, SimulatorSeed} from './seed.js';
import {randomIds, type IdSource} from './ids.js';
import {DEMO_ATLAS_AWS_ACCOUNT_ARN} from './seed.js';

export type RoleRecord = SeedRole & {
	/** Epoch ms of the last authorize through the API: create waits out the IAM propagation delay from here. */
	authorizedAtMs?: number;
	/** Atlas's first attempt to assume an ARN for the role (at authorize): authorize waits out the propagation delay from here. */
	assumeAttempt?: {arn: string; sinceMs: number};
};

export class SimulatorState {
	readonly apiKey: SeedApiKey;
	/** Every key the simulator accepts, the demo key first. */
	readonly apiKeys: SeedApiKey[];
	readonly serviceAccount: SimulatorSeed['serviceAccount'];
	readonly projects: SeedProject[];
	readonly roles: RoleRecord[];
	readonly exportBuckets: SeedExportBucket[];
	readonly s3Buckets: SeedS3Bucket[];
	readonly clusters: SeedCluster[];
	readonly snapshots: SeedSnapshot[];
	readonly exportJobs: ExportJobRecord[] = [];
	/** How long an export job runs from Queued to Successful, on the simulator's clock. */
	readonly exportDurationMs: number;
	/** While set, new export jobs end this way (a test control). */
	exportOutcome: ExportOutcome | null = null;
	readonly awsRoles: SeedAwsRole[];

	/** Where new role, export bucket and export job ids come from. */
	readonly ids: IdSource;

	constructor(seed: SimulatorSeed, exportDurationMs = DEFAULT_EXPORT_DURATION_MS, ids: IdSource = randomIds) {
		this.ids = ids;
		const copy = structuredClone(seed);
		this.apiKey = copy.apiKey;
		this.serviceAccount = copy.serviceAccount;
		this.apiKeys = [copy.apiKey, ...(copy.otherApiKeys ?? [])];
		this.projects = copy.projects;
		this.roles = copy.roles;
		this.exportBuckets = copy.exportBuckets;
		this.s3Buckets = copy.s3Buckets;
		this.clusters = copy.clusters ?? [];
		this.snapshots = copy.snapshots ?? [];
		this.awsRoles = copy.awsRoles ?? [];
		this.exportDurationMs = exportDurationMs;
	}

	cluster(groupId: string, name: string): SeedCluster | undefined {
		return this.clusters.find(cluster => cluster.groupId === groupId && cluster.name === name);
	}

	clustersOf(groupId: string): SeedCluster[] {
		return this.clusters.filter(cluster => cluster.groupId === groupId);
	}

	snapshotsOf(groupId: string, clusterName: string): SeedSnapshot[] {
		return this.snapshots.filter(snapshot => snapshot.groupId === groupId && snapshot.clusterName === clusterName).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
	}

	exportJobsOf(groupId: string, clusterName: string): ExportJobRecord[] {
		return this.exportJobs.filter(job => job.groupId === groupId && job.clusterName === clusterName);
	}

	/** Clusters whose automatic export writes to this bucket. */
	autoExportsTo(bucket: SeedExportBucket): SeedCluster[] {
		return this.clusters.filter(cluster => cluster.groupId === bucket.groupId && cluster.autoExportEnabled && cluster.export?.exportBucketId === bucket._id);
	}

	keyFor(publicKey: string): SeedApiKey | undefined {
		return this.apiKeys.find(key => key.publicKey === publicKey);
	}

	project(groupId: string): SeedProject | undefined {
		return this.projects.find(project => project.id === groupId);
	}

	rolesOf(groupId: string): RoleRecord[] {
		return this.roles.filter(role => role.groupId === groupId);
	}

	role(groupId: string, roleId: string): RoleRecord | undefined {
		return this.roles.find(role => role.groupId === groupId && role.roleId === roleId);
	}

	bucketsOf(groupId: string): SeedExportBucket[] {
		return this.exportBuckets.filter(bucket => bucket.groupId === groupId);
	}

	bucket(groupId: string, exportBucketId: string): SeedExportBucket | undefined {
		return this.exportBuckets.find(bucket => bucket.groupId === groupId && bucket._id === exportBucketId);
	}

	s3Bucket(name: string): SeedS3Bucket | undefined {
		return this.s3Buckets.find(bucket => bucket.name === name);
	}

	awsRole(arn: string): SeedAwsRole | undefined {
		return this.awsRoles.find(role => role.arn === arn);
	}

	/** Adds (or replaces) an IAM role on the AWS side, and lets it write the named S3 buckets (made in us-east-1 if new). */
	putAwsRole(role: SeedAwsRole, writableBuckets: readonly string[] = []): void {
		const index = this.awsRoles.findIndex(existing => existing.arn === role.arn);
		if (index === -1) this.awsRoles.push(structuredClone(role));
		else this.awsRoles[index] = structuredClone(role);
		for (const name of writableBuckets) {
			const bucket = this.s3Bucket(name) ?? this.s3Buckets[this.s3Buckets.push({name, region: 'us-east-1', writableBy: []}) - 1]!;
			if (!bucket.writableBy.includes(role.arn)) bucket.writableBy.push(role.arn);
		}
	}

	/** Whether Atlas may assume `arn` for this role: the AWS role exists and trusts Atlas's account with the role's external id. */
	trusts(role: RoleRecord, arn: string): boolean {
		const trust = this.awsRole(arn)?.trust;
		if (!trust || trust.principal !== role.atlasAWSAccountArn) return false;
		return trust.externalId === undefined || trust.externalId === role.atlasAssumedRoleExternalId;
	}

	createRole(groupId: string, now = Date.now()): RoleRecord {
		const role: RoleRecord = {
			groupId,
			roleId: this.ids.objectId(now),
			atlasAWSAccountArn: DEMO_ATLAS_AWS_ACCOUNT_ARN,
			atlasAssumedRoleExternalId: this.ids.externalId(),
			createdDate: isoSeconds(now),
		};
		this.roles.push(role);
		return role;
	}

	authorizeRole(role: RoleRecord, iamAssumedRoleArn: string, now = Date.now()): void {
		role.iamAssumedRoleArn = iamAssumedRoleArn;
		role.authorizedDate = isoSeconds(now);
		role.authorizedAtMs = now;
	}

	addExportBucket(bucket: Omit<SeedExportBucket, '_id'>, now = Date.now()): SeedExportBucket {
		const record: SeedExportBucket = {_id: this.ids.objectId(now), ...bucket};
		this.exportBuckets.push(record);
		return record;
	}

	removeExportBucket(record: SeedExportBucket): void {
		const index = this.exportBuckets.indexOf(record);
		if (index !== -1) this.exportBuckets.splice(index, 1);
	}

	roleView(role: RoleRecord): Record<string, unknown> {
		const featureUsages = this.exportBuckets
			.filter(bucket => bucket.groupId === role.groupId && bucket.iamRoleId === role.roleId)
			.map(bucket => ({featureType: 'EXPORT_SNAPSHOT', featureId: {exportBucketId: bucket._id, groupId: bucket.groupId}}));
		return {
			providerName: 'AWS',
			roleId: role.roleId,
			atlasAWSAccountArn: role.atlasAWSAccountArn,
			atlasAssumedRoleExternalId: role.atlasAssumedRoleExternalId,
			createdDate: role.createdDate,
			// As recorded: an unauthorized role carries both fields as explicit nulls.
			iamAssumedRoleArn: role.iamAssumedRoleArn ?? null,
			authorizedDate: role.authorizedDate ?? null,
			featureUsages,
		};
	}
}

/** How long a demo export job runs on the wall clock. */
export const DEFAULT_EXPORT_DURATION_MS = 6000;

function isoSeconds(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
