// `delete`: remove an export bucket from a project. The S3 bucket and its objects are not touched.
import {assertCanConfirm, confirm} from './confirm.js';
import {connect, requireProjectId} from './connect.js';
import {requireBucketId} from './describe.js';
import {ExitCode} from './exit-codes.js';
import {writeLine, type CommandIo} from './io.js';
import type {BucketOptions} from './options.js';
import {note} from './output.js';
import {reportError} from './report.js';

export async function runDelete(options: BucketOptions, io: CommandIo): Promise<number> {
	try {
		const bucketId = requireBucketId(options);
		assertCanConfirm(options, io, 'delete');
		const {client, settings} = await connect(options, io);
		const projectId = requireProjectId(settings);
		if (!options.yes) {
			const bucket = await client.getExportBucket(projectId, bucketId, {signal: io.signal});
			const question = `Delete export bucket ${bucket.id} ('${bucket.bucketName}') from project ${projectId}? The S3 bucket itself is not touched.`;
			if (!await confirm(question, io)) {
				note(io, 'Cancelled: nothing was deleted.');
				return ExitCode.cancelled;
			}
		}

		await client.deleteExportBucket(projectId, bucketId, {signal: io.signal});
		// The API answers 204 with no body: with --json stdout stays empty.
		if (!options.json) writeLine(io.stdout, `Export destination '${bucketId}' deleted.`);
		return ExitCode.ok;
	} catch (error) {
		return reportError(error, io);
	}
}
