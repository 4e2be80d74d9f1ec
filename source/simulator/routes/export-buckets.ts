// Snapshot export buckets: list, create (with Atlas's permission check), get, delete. Shapes as
// recorded from real Atlas: create and list items carry `_id, bucketName, cloudProvider, iamRoleId,
// requirePrivateNetworking` only (no `region`, no `links`, whatever the spec's examples show); GET
// one adds `region`. Registering the same bucket and role again is accepted, as Atlas does.
import {SimulatorHttpError} from '../errors.js';
import {pageOf, parsePaging} from '../paging.js';
import {checkExportPermission} from '../permission-check.js';
import type {SeedExportBucket} from '../seed.js';
import {EXPORT_BUCKET_2023_DEPRECATION, V2023, V2024} from '../versions.js';
import {requireGroup} from './common.js';
import {parseCreateRequest} from './export-bucket-request.js';
import type {Route, RouteContext} from './types.js';

const deprecated = {[V2023]: EXPORT_BUCKET_2023_DEPRECATION};

function bucketView(bucket: SeedExportBucket): Record<string, unknown> {
	return {
		_id: bucket._id,
		bucketName: bucket.bucketName,
		cloudProvider: 'AWS',
		iamRoleId: bucket.iamRoleId,
		requirePrivateNetworking: bucket.requirePrivateNetworking,
	};
}

function requireBucket(context: RouteContext, groupId: string, exportBucketId: string): SeedExportBucket {
	const bucket = context.state.bucket(groupId, exportBucketId);
	if (!bucket) {
		throw new SimulatorHttpError(404, 'EXPORT_BUCKET_NOT_FOUND', `No export bucket with ID ${exportBucketId} exists in project ${groupId}.`, {
			parameters: [exportBucketId],
		});
	}
	return bucket;
}

export const exportBucketRoutes: Route[] = [
	{
		method: 'GET',
		pattern: /^\/groups\/([^/]+)\/backup\/exportBuckets\/?$/,
		versions: [V2024, V2023],
		deprecated,
		handle(context, [groupId = '']) {
			requireGroup(context, groupId);
			const paging = parsePaging(context.query);
			const buckets = context.state.bucketsOf(groupId).map(bucketView);
			return {status: 200, isList: true, body: pageOf(buckets, paging, `${context.origin}${context.path}`)};
		},
	},
	{
		method: 'POST',
		pattern: /^\/groups\/([^/]+)\/backup\/exportBuckets\/?$/,
		versions: [V2024, V2023],
		deprecated,
		takesBody: true,
		access: 'backup',
		handle(context, [groupId = '']) {
			requireGroup(context, groupId);
			const request = parseCreateRequest(context.body, context.version);
			const {s3Bucket} = checkExportPermission(context.state, {
				groupId,
				iamRoleId: request.iamRoleId,
				bucketName: request.bucketName,
				now: context.now,
				iamPropagation: context.iamPropagation,
			});
			const bucket = context.state.addExportBucket(
				{groupId, bucketName: request.bucketName, iamRoleId: request.iamRoleId, region: s3Bucket.region, requirePrivateNetworking: request.requirePrivateNetworking},
				context.now,
			);
			return {status: 200, body: bucketView(bucket)};
		},
	},
	{
		method: 'GET',
		pattern: /^\/groups\/([^/]+)\/backup\/exportBuckets\/([^/]+)\/?$/,
		versions: [V2024, V2023],
		deprecated,
		handle(context, [groupId = '', exportBucketId = '']) {
			requireGroup(context, groupId);
			const bucket = requireBucket(context, groupId, exportBucketId);
			return {status: 200, body: {...bucketView(bucket), region: bucket.region}};
		},
	},
	{
		method: 'DELETE',
		pattern: /^\/groups\/([^/]+)\/backup\/exportBuckets\/([^/]+)\/?$/,
		versions: [V2023],
		access: 'backup',
		handle(context, [groupId = '', exportBucketId = '']) {
			requireGroup(context, groupId);
			const bucket = requireBucket(context, groupId, exportBucketId);
			const users = context.state.autoExportsTo(bucket);
			if (users.length > 0) {
				throw new SimulatorHttpError(
					400,
					'EXPORT_BUCKET_DELETE_FAILED_BUCKET_IN_USE',
					`Export bucket ${exportBucketId} is still used by auto export (cluster ${users.map(cluster => cluster.name).join(', ')}); disable auto export on every cluster exporting to it first.`,
					{parameters: [exportBucketId]},
				);
			}
			context.state.removeExportBucket(bucket);
			return {status: 204};
		},
	},
];
