// Everything the user needs to create the AWS side of one Atlas role, computed once and shared by
// the `roles create`/`roles policy` commands and the wizard: both documents, the files they go to,
// and the two `aws iam` commands (argv to run, line to copy).
import type {AwsIamRole} from '../atlas/types.js';
import {awsCommandLine, createRoleArgv, defaultIamRoleName, exportPolicyName, putRolePolicyArgv, type AwsRoleSetup} from './aws-commands.js';
import {exportPermissionPolicy, kmsNote, partitionOf, trustOf, trustPolicy, type AtlasTrust, type PolicyDocument} from './policies.js';
import {inDirectory, policyFileNames, type PolicyFile} from './policy-files.js';

export type RoleSetupPlan = {
	roleId: string;
	trust: AtlasTrust;
	trustPolicy: PolicyDocument;
	/** With a bucket only. */
	bucketName?: string;
	permissionPolicy?: PolicyDocument;
	kmsNote?: string;
	/** The trust policy's file first, then the permission policy's. */
	files: PolicyFile[];
	setup: AwsRoleSetup;
	/** argv after `aws`: create-role, then put-role-policy (with a bucket). */
	commands: string[][];
	/** The same commands as one shell line each, to show and copy. */
	lines: string[];
};

/** Thrown when Atlas's role lacks what a trust policy needs (its account ARN or external id). */
export class IncompleteRoleError extends Error {
	constructor(roleId: string) {
		super(`Atlas did not send the AWS account ARN and external id of role ${roleId}, so no trust policy can be written for it.`);
		this.name = 'IncompleteRoleError';
	}
}

export function planRoleSetup(role: Pick<AwsIamRole, 'roleId' | 'atlasAWSAccountArn' | 'atlasAssumedRoleExternalId'>, options: {bucketName?: string; dir?: string; iamRoleName?: string} = {}): RoleSetupPlan {
	const trust = trustOf(role);
	if (!trust) throw new IncompleteRoleError(role.roleId);
	const {bucketName} = options;
	const names = policyFileNames({roleId: role.roleId, ...(bucketName === undefined ? {} : {bucketName})});
	const iamRoleName = options.iamRoleName ?? defaultIamRoleName({roleId: role.roleId, ...(bucketName === undefined ? {} : {bucketName})});
	const document = trustPolicy(trust);
	const files: PolicyFile[] = [{path: inDirectory(options.dir, names.trust), document}];
	const setup: AwsRoleSetup = {iamRoleName, trustPolicyPath: files[0]!.path};
	const commands = [createRoleArgv(setup)];
	const plan: RoleSetupPlan = {roleId: role.roleId, trust, trustPolicy: document, files, setup, commands, lines: []};
	if (bucketName !== undefined && names.permission !== undefined) {
		const permissionPolicy = exportPermissionPolicy(bucketName, partitionOf(trust.atlasAWSAccountArn));
		const permission = {policyName: exportPolicyName(bucketName), policyPath: inDirectory(options.dir, names.permission)};
		files.push({path: permission.policyPath, document: permissionPolicy});
		setup.permission = permission;
		commands.push(putRolePolicyArgv({...setup, permission}));
		Object.assign(plan, {bucketName, permissionPolicy, kmsNote: kmsNote(bucketName)});
	}
	plan.lines = commands.map(awsCommandLine);
	return plan;
}
