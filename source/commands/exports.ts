// `exports` (a cluster's export jobs) and `exports describe` (one job).
import type {ExportJob} from '../atlas/backup-types.js';
import {formatCollections} from '../backup/job-text.js';
import {requireClusterName, requireExportId, type ClusterOptions, type ExportsDescribeOptions} from './backup-options.js';
import {connect, requireProjectId} from './connect.js';
import {ExitCode} from './exit-codes.js';
import {formatJob} from './export.js';
import {writeLine, type CommandIo} from './io.js';
import {printJson, printListing} from './output.js';
import {reportError} from './report.js';
import {formatTable} from './table.js';

export function formatJobs(jobs: ExportJob[], maxWidth?: number): string {
	return formatTable<ExportJob>([
		{header: 'ID', value: job => job.id},
		{header: 'STATE', value: job => job.state},
		{header: 'COLLECTIONS', value: job => formatCollections(job)},
		{header: 'CREATED', value: job => job.createdAt},
	], jobs, maxWidth);
}

export async function runExports(options: ClusterOptions, io: CommandIo): Promise<number> {
	try {
		const clusterName = requireClusterName(options);
		const {client, settings} = await connect(options, io);
		const projectId = requireProjectId(settings);
		const answer = await client.withRaw.listExportJobs(projectId, clusterName, {signal: io.signal});
		printListing(io, options.json, answer, `No export jobs for cluster ${clusterName}.`, formatJobs);
		return ExitCode.ok;
	} catch (error) {
		return reportError(error, io);
	}
}

export async function runExportsDescribe(options: ExportsDescribeOptions, io: CommandIo): Promise<number> {
	try {
		const clusterName = requireClusterName(options);
		const exportId = requireExportId(options);
		const {client, settings} = await connect(options, io);
		const projectId = requireProjectId(settings);
		const {value: job, raw} = await client.withRaw.getExportJob(projectId, clusterName, exportId, {signal: io.signal});
		if (options.json) printJson(io, raw);
		else writeLine(io.stdout, formatJob(job, Date.now()));
		return ExitCode.ok;
	} catch (error) {
		return reportError(error, io);
	}
}
