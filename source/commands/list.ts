// `list`: a project's export buckets, as the Atlas CLI shows them.
import type {ExportBucket} from '../atlas/types.js';
import {connect, requireProjectId} from './connect.js';
import {ExitCode} from './exit-codes.js';
import type {CommandIo} from './io.js';
import type {ProjectOptions} from './options.js';
import {printListing} from './output.js';
import {reportError} from './report.js';
import {formatTable} from './table.js';

// The cloud provider is in `describe` and --json: with it the usual row (two ids and a bucket name)
// would not fit 80 columns.
export function formatBuckets(buckets: ExportBucket[], maxWidth?: number): string {
	return formatTable<ExportBucket>([
		{header: 'ID', value: bucket => bucket.id},
		{header: 'BUCKET NAME', value: bucket => bucket.bucketName},
		{header: 'IAM ROLE ID', value: bucket => bucket.iamRoleId},
	], buckets, maxWidth);
}

export async function runList(options: ProjectOptions, io: CommandIo): Promise<number> {
	try {
		const {client, settings} = await connect(options, io);
		const projectId = requireProjectId(settings);
		const answer = await client.withRaw.listExportBuckets(projectId, {signal: io.signal});
		printListing(io, options.json, answer, `No export buckets in project ${projectId}.`, formatBuckets);
		return ExitCode.ok;
	} catch (error) {
		return reportError(error, io);
	}
}
