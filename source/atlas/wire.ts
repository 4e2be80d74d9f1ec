// Wire JSON -> domain types. Both generations answer the same shapes; ids may come as `_id` or `id`
// (the real API sends `_id` for export buckets, the v1.0 page documents `id`). Every string mapped
// is made terminal-safe here (names, ARNs, ids are shown as they are); `--json` prints the raw answer.
import {terminalSafeLine} from '../text/terminal-safe.js';
import type {ApiKeyInfo, AwsIamRole, CloudProviderAccess, ExportBucket, FeatureUsage, Project} from './types.js';

/** Thrown by the mappers; the HTTP layer turns it into an AtlasError with the request's context. */
export class ShapeError extends Error {
	constructor(what: string) {
		super(what);
		this.name = 'ShapeError';
	}
}

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` as an object, or a ShapeError naming `what`. */
export function object(value: unknown, what: string): Json {
	if (!isObject(value)) throw new ShapeError(`expected ${what} to be an object`);
	return value;
}

/** The first non-empty string among `keys` (terminal-safe), or a ShapeError naming `what`. */
export function requiredString(source: Json, keys: string[], what: string): string {
	for (const key of keys) {
		const value = source[key];
		if (typeof value === 'string' && value !== '') return terminalSafeLine(value);
	}
	throw new ShapeError(`${what} has no ${keys.join(' or ')}`);
}

/** The string at `key` (terminal-safe), if it is one. */
export function optionalString(source: Json, key: string): string | undefined {
	const value = source[key];
	return typeof value === 'string' ? terminalSafeLine(value) : undefined;
}

/** The finite number at `key`, if it is one. */
export function optionalCount(source: Json, key: string): number | undefined {
	const value = source[key];
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Sets an optional property only when there is a value (exactOptionalPropertyTypes). */
export function assign<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
	if (value !== undefined) target[key] = value;
}

export function toExportBucket(value: unknown): ExportBucket {
	const source = object(value, 'an export bucket');
	const bucket: ExportBucket = {
		id: requiredString(source, ['_id', 'id'], 'the export bucket'),
		bucketName: requiredString(source, ['bucketName'], 'the export bucket'),
		cloudProvider: optionalString(source, 'cloudProvider') ?? 'AWS',
	};
	assign(bucket, 'iamRoleId', optionalString(source, 'iamRoleId') ?? optionalString(source, 'roleId'));
	assign(bucket, 'region', optionalString(source, 'region'));
	if (typeof source.requirePrivateNetworking === 'boolean') bucket.requirePrivateNetworking = source.requirePrivateNetworking;
	return bucket;
}

export function toProject(value: unknown): Project {
	const source = object(value, 'a project');
	const project: Project = {
		id: requiredString(source, ['id', '_id'], 'the project'),
		name: requiredString(source, ['name'], 'the project'),
	};
	assign(project, 'orgId', optionalString(source, 'orgId'));
	assign(project, 'created', optionalString(source, 'created'));
	if (typeof source.clusterCount === 'number') project.clusterCount = source.clusterCount;
	return project;
}

function toFeatureUsage(value: unknown): FeatureUsage {
	const source = object(value, 'a feature usage');
	const usage: FeatureUsage = {featureType: optionalString(source, 'featureType') ?? 'UNKNOWN'};
	if (isObject(source.featureId)) usage.featureId = {...source.featureId};
	return usage;
}

export function toAwsRole(value: unknown): AwsIamRole {
	const source = object(value, 'an AWS IAM role');
	const role: AwsIamRole = {
		providerName: 'AWS',
		roleId: requiredString(source, ['roleId', '_id', 'id'], 'the AWS IAM role'),
		featureUsages: Array.isArray(source.featureUsages) ? source.featureUsages.map(toFeatureUsage) : [],
	};
	assign(role, 'atlasAWSAccountArn', optionalString(source, 'atlasAWSAccountArn'));
	assign(role, 'atlasAssumedRoleExternalId', optionalString(source, 'atlasAssumedRoleExternalId'));
	assign(role, 'createdDate', optionalString(source, 'createdDate'));
	assign(role, 'iamAssumedRoleArn', optionalString(source, 'iamAssumedRoleArn'));
	assign(role, 'authorizedDate', optionalString(source, 'authorizedDate'));
	return role;
}

export function toCloudProviderAccess(value: unknown): CloudProviderAccess {
	const source = object(value, 'the cloud provider access list');
	const roles = source.awsIamRoles ?? [];
	if (!Array.isArray(roles)) throw new ShapeError('awsIamRoles is not a list');
	return {awsIamRoles: roles.map(toAwsRole)};
}

export function toApiKeyInfo(value: unknown): ApiKeyInfo {
	const source = object(value, 'the key check answer');
	// A service account's token gets the same answer without `apiKey`: the token endpoint already checked the account.
	if (source.apiKey === undefined) return {roles: [], accessList: []};
	const key = object(source.apiKey, 'apiKey');
	const roles = Array.isArray(key.roles) ? key.roles.filter(isObject) : [];
	const accessList = Array.isArray(key.accessList) ? key.accessList.filter(isObject) : [];
	return {
		publicKey: requiredString(key, ['publicKey'], 'apiKey'),
		roles: roles.map(role => {
			const entry: ApiKeyInfo['roles'][number] = {roleName: optionalString(role, 'roleName') ?? 'UNKNOWN'};
			assign(entry, 'groupId', optionalString(role, 'groupId'));
			assign(entry, 'orgId', optionalString(role, 'orgId'));
			return entry;
		}),
		accessList: accessList.map(item => {
			const entry: ApiKeyInfo['accessList'][number] = {};
			assign(entry, 'ipAddress', optionalString(item, 'ipAddress'));
			assign(entry, 'cidrBlock', optionalString(item, 'cidrBlock'));
			return entry;
		}),
	};
}

/** One page of a list answer. */
export function toPage(value: unknown): {results: unknown[]; totalCount?: number} {
	const source = object(value, 'a list answer');
	if (!Array.isArray(source.results)) throw new ShapeError('the list answer has no results');
	return typeof source.totalCount === 'number' ? {results: source.results, totalCount: source.totalCount} : {results: source.results};
}
