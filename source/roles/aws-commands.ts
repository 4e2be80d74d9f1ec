// The two `aws iam` commands that create the AWS side of an Atlas role from the policy files (and the
// one that re-points an existing role's trust, shown when the name is taken): as
// argv arrays (what the aws-cli runner executes, never through a shell) and as one copyable POSIX
// shell line each, every word quoted only where the shell needs it.

export type AwsRoleSetup = {
	/** The IAM role to create. */
	iamRoleName: string;
	trustPolicyPath: string;
	/** The inline permission policy (absent when no bucket is known yet). */
	permission?: {policyName: string; policyPath: string};
};

const IAM_NAME_MAX = 64;

function trimName(name: string, max: number): string {
	return name.slice(0, max).replace(/[-.]+$/, '');
}

/** A role name people recognise: `atlas-export-<bucket>`, else `atlas-export-<Atlas role id>`; IAM's 64-character limit kept. */
export function defaultIamRoleName(input: {roleId: string; bucketName?: string}): string {
	return trimName(`atlas-export-${input.bucketName ?? input.roleId}`, IAM_NAME_MAX);
}

/** The inline policy's name for a bucket (IAM allows 128 characters; a bucket name has at most 63). */
export function exportPolicyName(bucketName: string): string {
	return `atlas-export-${bucketName}`;
}

export function createRoleArgv(setup: AwsRoleSetup): string[] {
	return ['iam', 'create-role', '--role-name', setup.iamRoleName, '--assume-role-policy-document', `file://${setup.trustPolicyPath}`];
}

export function putRolePolicyArgv(setup: AwsRoleSetup & {permission: NonNullable<AwsRoleSetup['permission']>}): string[] {
	return ['iam', 'put-role-policy', '--role-name', setup.iamRoleName, '--policy-name', setup.permission.policyName, '--policy-document', `file://${setup.permission.policyPath}`];
}

/** Points an existing role's trust at this Atlas role (when create-role found the name taken). */
export function updateTrustPolicyArgv(setup: AwsRoleSetup): string[] {
	return ['iam', 'update-assume-role-policy', '--role-name', setup.iamRoleName, '--policy-document', `file://${setup.trustPolicyPath}`];
}

/** One word for a POSIX shell: as it is when only safe characters, else in single quotes. */
export function shellQuote(word: string): string {
	if (word !== '' && /^[\w@%+=:,./-]+$/.test(word)) return word;
	return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** `aws …` as one line to copy into a shell. */
export function awsCommandLine(argv: readonly string[]): string {
	return ['aws', ...argv].map(shellQuote).join(' ');
}
