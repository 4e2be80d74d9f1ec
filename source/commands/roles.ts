// `roles`: the project's AWS IAM roles (cloud provider access), authorized or not, and which are
// already used for exports. The ROLE ID column is what `create --iam-role-id` takes.
import type {AwsIamRole} from '../atlas/types.js';
import {connect, requireProjectId} from './connect.js';
import {ExitCode} from './exit-codes.js';
import {writeLine, type CommandIo} from './io.js';
import type {ProjectOptions} from './options.js';
import {note, printJson} from './output.js';
import {reportError} from './report.js';
import {terminalSafeLine} from '../text/terminal-safe.js';
import {formatTable, outputWidth} from './table.js';

export function isAuthorized(role: AwsIamRole): boolean {
	return role.iamAssumedRoleArn !== undefined && role.iamAssumedRoleArn !== '';
}

function exportUsage(role: AwsIamRole): string {
	const exports = role.featureUsages.filter(usage => usage.featureType === 'EXPORT_SNAPSHOT');
	return exports.length === 0 ? 'no' : `yes (${exports.length})`;
}

export function formatRoles(roles: AwsIamRole[], maxWidth?: number): string {
	return formatTable<AwsIamRole>([
		{header: 'STATUS', value: role => isAuthorized(role) ? 'authorized' : 'unauthorized'},
		{header: 'ROLE ID', value: role => role.roleId},
		{header: 'IAM ROLE ARN', value: role => role.iamAssumedRoleArn},
		{header: 'USED FOR EXPORT', value: exportUsage},
	], roles, maxWidth);
}

export async function runRoles(options: ProjectOptions, io: CommandIo): Promise<number> {
	try {
		const {client, settings} = await connect(options, io);
		const projectId = requireProjectId(settings);
		const {value: access, raw} = await client.withRaw.listCloudProviderAccess(projectId, {signal: io.signal});
		if (options.json) {
			printJson(io, raw);
			return ExitCode.ok;
		}

		const roles = access.awsIamRoles;
		if (roles.length === 0) {
			writeLine(io.stdout, `No AWS IAM roles in project ${projectId}.`);
			note(io, `An export bucket needs one: \`atlas-export-bucket roles create --project-id ${projectId} --bucket <name> --out .\` creates it and writes its policies, then \`roles authorize\`.`);
			return ExitCode.ok;
		}

		writeLine(io.stdout, formatRoles(roles, outputWidth(io.stdout)));
		for (const role of roles.filter(candidate => !isAuthorized(candidate))) {
			// What the AWS role's trust policy must name, to finish this role's set-up.
			const roleId = terminalSafeLine(role.roleId);
			writeLine(io.stdout);
			writeLine(io.stdout, `Role ${roleId} (unauthorized): its AWS role must trust`);
			writeLine(io.stdout, `Atlas AWS account: ${terminalSafeLine(role.atlasAWSAccountArn ?? '(not sent by Atlas)')}`);
			writeLine(io.stdout, `External id:       ${terminalSafeLine(role.atlasAssumedRoleExternalId ?? '(not sent by Atlas)')}`);
			writeLine(io.stdout, `atlas-export-bucket roles policy --project-id ${projectId} --role-id ${roleId} --bucket <name> --out .`);
		}
		if (roles.some(role => !isAuthorized(role))) {
			note(io, 'Unauthorized roles cannot be used for exports until they are authorized with the ARN of an AWS IAM role whose trust policy names the Atlas AWS account and external id.');
		}

		return ExitCode.ok;
	} catch (error) {
		return reportError(error, io);
	}
}
