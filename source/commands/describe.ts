// `describe`: one export bucket.
import type {ExportBucket} from '../atlas/types.js';
import {connect, requireProjectId} from './connect.js';
import {ExitCode} from './exit-codes.js';
import {writeLine, type CommandIo} from './io.js';
import type {BucketOptions} from './options.js';
import {printJson} from './output.js';
import {reportError} from './report.js';
import {formatRecord} from './table.js';
import {UsageError} from './usage-error.js';

/** The export bucket id from --bucket-id: required, and shaped like every Atlas id. */
export function requireBucketId(options: BucketOptions): string {
	if (options.bucketId === undefined || options.bucketId.trim() === '') {
		throw new UsageError('Missing --bucket-id.', '`atlas-export-bucket list --project-id <id>` shows the export bucket ids.');
	}

	const value = options.bucketId.trim();
	if (!/^[a-f\d]{24}$/.test(value)) {
		throw new UsageError(
			`The export bucket id '${value}' is not an Atlas id (24 lower-case hexadecimal characters).`,
			'`atlas-export-bucket list --project-id <id>` shows the export bucket ids.',
		);
	}

	return value;
}

export function formatBucket(bucket: ExportBucket): string {
	return formatRecord<ExportBucket>([
		{header: 'ID', value: item => item.id},
		{header: 'BUCKET NAME', value: item => item.bucketName},
		{header: 'CLOUD PROVIDER', value: item => item.cloudProvider},
		{header: 'IAM ROLE ID', value: item => item.iamRoleId},
		{header: 'REGION', value: item => item.region},
		{header: 'PRIVATE NETWORKING', value: item => item.requirePrivateNetworking === undefined ? undefined : item.requirePrivateNetworking ? 'required' : 'no'},
	], bucket);
}

export async function runDescribe(options: BucketOptions, io: CommandIo): Promise<number> {
	try {
		const bucketId = requireBucketId(options);
		const {client, settings} = await connect(options, io);
		const projectId = requireProjectId(settings);
		const {value: bucket, raw} = await client.withRaw.getExportBucket(projectId, bucketId, {signal: io.signal});
		if (options.json) printJson(io, raw);
		else writeLine(io.stdout, formatBucket(bucket));
		return ExitCode.ok;
	} catch (error) {
		return reportError(error, io);
	}
}
