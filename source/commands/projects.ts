// `projects`: the projects (groups) the API key can see, all pages.
import type {Project} from '../atlas/types.js';
import {connect} from './connect.js';
import {ExitCode} from './exit-codes.js';
import {writeLine, type CommandIo} from './io.js';
import type {GlobalOptions} from './options.js';
import {printJson} from './output.js';
import {reportError} from './report.js';
import {formatTable, outputWidth} from './table.js';

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
		const {value: projects, raw} = await client.withRaw.listProjects({signal: io.signal});
		if (options.json) printJson(io, raw);
		else if (projects.length === 0) writeLine(io.stdout, 'This API key sees no projects.');
		else writeLine(io.stdout, formatProjects(projects, outputWidth(io.stdout)));
		return ExitCode.ok;
	} catch (error) {
		return reportError(error, io);
	}
}
