// `roles create`, `roles policy` and `roles authorize`: the first-time set-up of an AWS IAM role for
// exports, for scripts. create makes the Atlas side and prints what AWS needs (both policy documents
// filled with this role's real values, and the two `aws iam` commands); policy prints the same for an
// existing role without changing anything; authorize hands Atlas the AWS role's ARN.
import type {AwsIamRole} from '../atlas/types.js';
import {checkBucketName, checkIamRoleArn, checkRoleId, ensureValid} from '../atlas/validation.js';
import {terminalSafeLine} from '../text/terminal-safe.js';
import {policyJson} from '../roles/policies.js';
import {existingPolicyFiles, inDirectory, policyFileNames, writePolicyFiles} from '../roles/policy-files.js';
import {planRoleSetup, type RoleSetupPlan} from '../roles/setup-plan.js';
import {confirm} from './confirm.js';
import {connect, requireProjectId} from './connect.js';
import {describeAttempt, waitForIamMs} from './create.js';
import {ExitCode} from './exit-codes.js';
import {isInteractive, writeLine, type CommandIo} from './io.js';
import type {ProjectOptions} from './options.js';
import {note, printJson} from './output.js';
import {reportError} from './report.js';
import {UsageError} from './usage-error.js';

export type RolesCreateOptions = ProjectOptions & {bucket?: string; out?: string};
export type RolesPolicyOptions = ProjectOptions & {roleId?: string; bucket?: string; out?: string};
export type RolesAuthorizeOptions = ProjectOptions & {roleId?: string; iamRoleArn?: string; iamAssumedRoleArn?: string; waitForIam?: number | true};

const name = 'atlas-export-bucket';

function required(value: string | undefined, flag: string, hint: string): string {
	if (value === undefined || value.trim() === '') throw new UsageError(`Missing ${flag}.`, hint);
	return value;
}

function optionalBucket(bucket: string | undefined): string | undefined {
	return bucket === undefined ? undefined : ensureValid('bucket', checkBucketName(bucket));
}

/** Before anything is sent: a policy file that exists is replaced only after a yes in a terminal. */
async function mayWrite(paths: Array<{path: string}>, io: CommandIo): Promise<boolean> {
	const conflicts = await existingPolicyFiles(paths);
	if (conflicts.length === 0) return true;
	if (!isInteractive(io)) {
		throw new UsageError(`${conflicts.join(' and ')} already exist${conflicts.length === 1 ? 's' : ''}; nothing was written or sent.`, 'Remove or rename it, or choose another directory with --out.');
	}
	return confirm(`Replace ${conflicts.join(' and ')}?`, io);
}

async function writeFiles(plan: RoleSetupPlan, io: CommandIo): Promise<void> {
	const outcome = await writePolicyFiles(plan.files, {overwrite: true});
	if ('written' in outcome) for (const path of outcome.written) note(io, `Wrote ${path}`);
}

function printPlan(plan: RoleSetupPlan, projectId: string, written: boolean, io: CommandIo): void {
	const out = (text = '') => writeLine(io.stdout, text);
	const safe = terminalSafeLine;
	out(`Atlas role id:      ${safe(plan.roleId)}`);
	out(`Atlas AWS account:  ${safe(plan.trust.atlasAWSAccountArn)}`);
	out(`External id:        ${safe(plan.trust.externalId)}`);
	out();
	out(`Trust policy (${plan.files[0]!.path}):`);
	out(policyJson(plan.trustPolicy).trimEnd());
	if (plan.permissionPolicy && plan.files[1]) {
		out();
		out(`Permission policy for ${plan.bucketName} (${plan.files[1].path}):`);
		out(policyJson(plan.permissionPolicy).trimEnd());
		out(`Note: ${plan.kmsNote}`);
	}
	out();
	out(written ? 'Create the AWS IAM role with the AWS CLI:' : 'Save the documents under those names, then create the AWS IAM role with the AWS CLI:');
	for (const line of plan.lines) out(line);
	out();
	out('Then authorize the Atlas role with the new AWS role\'s ARN (create-role prints it as Role.Arn):');
	out(`${name} roles authorize --project-id ${projectId} --role-id ${safe(plan.roleId)} --iam-role-arn arn:aws:iam::<account>:role/${plan.setup.iamRoleName}`);
	if (!written) {
		out();
		out(`To have the documents written: ${name} roles policy --project-id ${projectId} --role-id ${safe(plan.roleId)}${plan.bucketName ? ` --bucket ${plan.bucketName}` : ' --bucket <name>'} --out .`);
	}
}

function jsonOf(raw: unknown, plan: RoleSetupPlan): Record<string, unknown> {
	return {role: raw, trustPolicy: plan.trustPolicy, ...(plan.permissionPolicy ? {permissionPolicy: plan.permissionPolicy} : {})};
}

export async function runRolesCreate(options: RolesCreateOptions, io: CommandIo): Promise<number> {
	try {
		const bucketName = optionalBucket(options.bucket);
		const {client, settings} = await connect(options, io);
		const projectId = requireProjectId(settings);
		// The permission policy's file name is known before the role exists: ask about it first.
		if (options.out !== undefined && bucketName !== undefined) {
			const permissionPath = inDirectory(options.out, policyFileNames({roleId: '', bucketName}).permission!);
			if (!await mayWrite([{path: permissionPath}], io)) {
				note(io, 'Cancelled: nothing was sent or written.');
				return ExitCode.cancelled;
			}
		}
		const created = await client.withRaw.createAwsRole(projectId, {signal: io.signal});
		const plan = planRoleSetup(created.value, {...(bucketName === undefined ? {} : {bucketName}), ...(options.out === undefined ? {} : {dir: options.out})});
		note(io, `Created Atlas role ${terminalSafeLine(plan.roleId)} in project ${projectId} (not authorized yet).`);
		if (options.out !== undefined) await writeFiles(plan, io);
		if (options.json) printJson(io, jsonOf(created.raw, plan));
		else printPlan(plan, projectId, options.out !== undefined, io);
		return ExitCode.ok;
	} catch (error) {
		return reportError(error, io);
	}
}

export async function runRolesPolicy(options: RolesPolicyOptions, io: CommandIo): Promise<number> {
	try {
		const roleId = ensureValid('roleId', checkRoleId(required(options.roleId, '--role-id', `\`${name} roles --project-id <id>\` lists the Atlas role ids of the project.`)));
		const bucketName = ensureValid('bucket', checkBucketName(required(options.bucket, '--bucket', 'Give the bare S3 bucket name the role will export to, e.g. --bucket my-snapshots.')));
		const {client, settings} = await connect(options, io);
		const projectId = requireProjectId(settings);
		const {value: access, raw} = await client.withRaw.listCloudProviderAccess(projectId, {signal: io.signal});
		const index = access.awsIamRoles.findIndex(role => role.roleId === roleId);
		const role: AwsIamRole | undefined = access.awsIamRoles[index];
		if (!role) {
			writeLine(io.stderr, `Error: no AWS IAM role ${roleId} in project ${projectId}.`);
			writeLine(io.stderr, `\`${name} roles --project-id ${projectId}\` lists the project's roles; \`${name} roles create\` makes one.`);
			return ExitCode.failure;
		}
		const plan = planRoleSetup(role, {bucketName, ...(options.out === undefined ? {} : {dir: options.out})});
		if (options.out !== undefined) {
			if (!await mayWrite(plan.files, io)) {
				note(io, 'Cancelled: nothing was written.');
				return ExitCode.cancelled;
			}
			await writeFiles(plan, io);
		}
		if (options.json) {
			const rawRoles = (raw as {awsIamRoles?: unknown[]} | undefined)?.awsIamRoles;
			printJson(io, jsonOf(rawRoles?.[index] ?? role, plan));
		} else {
			printPlan(plan, projectId, options.out !== undefined, io);
			if (role.iamAssumedRoleArn) note(io, `Role ${roleId} is already authorized as ${terminalSafeLine(role.iamAssumedRoleArn)}.`);
		}
		return ExitCode.ok;
	} catch (error) {
		return reportError(error, io);
	}
}

export async function runRolesAuthorize(options: RolesAuthorizeOptions, io: CommandIo): Promise<number> {
	try {
		const roleId = ensureValid('roleId', checkRoleId(required(options.roleId, '--role-id', `\`${name} roles --project-id <id>\` lists the Atlas role ids of the project.`)));
		const arnInput = required(options.iamRoleArn ?? options.iamAssumedRoleArn, '--iam-role-arn', 'Give the ARN of the AWS IAM role you created, e.g. --iam-role-arn arn:aws:iam::123456789012:role/atlas-export.');
		const arn = ensureValid('iamRoleArn', checkIamRoleArn(arnInput));
		const {client, settings} = await connect(options, io);
		const projectId = requireProjectId(settings);
		const waitMs = waitForIamMs(options.waitForIam);
		const authorized = await client.withRaw.authorizeAwsRole(projectId, roleId, arn, {
			...(io.signal === undefined ? {} : {signal: io.signal}),
			...(waitMs === undefined ? {} : {waitForIamMs: waitMs, onIamWait: attempt => note(io, describeAttempt(attempt))}),
		});
		if (options.json) {
			printJson(io, authorized.raw);
		} else {
			writeLine(io.stdout, `Role ${roleId} authorized as ${terminalSafeLine(authorized.value.iamAssumedRoleArn ?? arn)}.`);
			writeLine(io.stdout, `Register a bucket with it: ${name} create --project-id ${projectId} --iam-role-id ${roleId} --bucket <name>`);
		}
		return ExitCode.ok;
	} catch (error) {
		return reportError(error, io);
	}
}
