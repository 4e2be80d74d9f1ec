// `projects`: the projects (groups) the API key can see, all pages.
import type {Project} from '../atlas/types.js';
import {connect} from './connect.js';
import {ExitCode} from './exit-codes.js';
import type {CommandIo} from './io.js';
import type {GlobalOptions} from './options.js';
import {printListing} from './output.js';
import {reportError} from './report.js';
import {formatTable} from './table.js';

export function formatProjects(projects: Project[], maxWidth?: number): string {
	return formatTable<Project>([
		{header: 'ID', value: project => project.id},
		{header: 'NAME', value: project => project.name},
		{header: 'ORG ID', value: project => project.orgId},
		{header: 'CLUSTERS', value: project => project.clusterCount === undefined ? undefined : String(project.clusterCount)},
	], projects, maxWidth);
}

export async function runProjects(options: GlobalOptions, io: CommandIo): Promise<number> {
	try {
		const {client} = await connect(options, io);
		const answer = await client.withRaw.listProjects({signal: io.signal});
		printListing(io, options.json, answer, 'This API key sees no projects.', formatProjects);
		return ExitCode.ok;
	} catch (error) {
		return reportError(error, io);
	}
}
