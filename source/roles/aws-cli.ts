// Runs the two `aws iam` commands of a role set-up for the user who asked us to (never in the demo):
// the `aws` executable with an argv array (no shell), JSON output and no pager forced through the
// environment so the user's profile cannot change what we parse, the new role's ARN read from
// create-role's output, and AWS's own error text when a command fails. A run that failed after
// create-role succeeded is resumed from the failed command: IAM would refuse a second create-role.
import {execFile} from 'node:child_process';
import {constants} from 'node:fs';
import {access} from 'node:fs/promises';
import path from 'node:path';
import {checkIamRoleArn} from '../atlas/validation.js';
import {awsCommandLine} from './aws-commands.js';
import {terminalSafe, terminalSafeLine} from '../text/terminal-safe.js';

export const AWS_COMMAND_TIMEOUT_MS = 120_000;

/** A failure the wizard acts on, read from AWS's text here so the UI never matches it: create-role found the name taken. */
export type AwsFailureReason = 'role-exists';

/** A failed `aws` command: which one, and what AWS said (control characters removed). */
export class AwsCliError extends Error {
	/** The command as the user would type it. */
	readonly command: string;
	/** AWS's own words (stderr, else stdout), or why the command could not run. */
	readonly awsMessage: string;
	readonly exitCode?: number;
	readonly reason?: AwsFailureReason;
	/** The role create-role made before this command failed: pass it as `createdRoleArn` to resume. */
	roleArn?: string;

	constructor(command: string, awsMessage: string, exitCode?: number, reason?: AwsFailureReason) {
		super(`\`${command}\` failed${exitCode === undefined ? '' : ` (exit ${exitCode})`}: ${awsMessage}`);
		this.name = 'AwsCliError';
		this.command = command;
		this.awsMessage = awsMessage;
		if (exitCode !== undefined) this.exitCode = exitCode;
		if (reason !== undefined) this.reason = reason;
	}
}

/** The `aws` executable on PATH, or undefined (then the user runs the commands or pastes the ARN). */
export async function findAwsCli(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
	const names = process.platform === 'win32' ? ['aws.exe', 'aws.cmd'] : ['aws'];
	for (const dir of (env.PATH ?? '').split(path.delimiter)) {
		if (dir === '') continue;
		for (const name of names) {
			const candidate = path.join(dir, name);
			try {
				await access(candidate, constants.X_OK);
				return candidate;
			} catch {
				// Not here.
			}
		}
	}
	return undefined;
}

export type AwsRunOptions = {
	/** Default: found on PATH. */
	awsPath?: string;
	env?: NodeJS.ProcessEnv;
	cwd?: string;
	signal?: AbortSignal;
	timeoutMs?: number;
	/** Told before each command runs, with its copyable line. */
	onCommand?: (line: string) => void;
	/** create-role already succeeded (an earlier run's AwsCliError.roleArn): run only the commands after it. */
	createdRoleArn?: string;
};

type Output = {stdout: string; stderr: string};

function runAws(awsPath: string, argv: readonly string[], options: AwsRunOptions): Promise<Output> {
	const line = awsCommandLine(argv);
	return new Promise((resolve, reject) => {
		execFile(awsPath, [...argv], {
			env: {...(options.env ?? process.env), AWS_PAGER: '', AWS_DEFAULT_OUTPUT: 'json'},
			...(options.cwd === undefined ? {} : {cwd: options.cwd}),
			...(options.signal === undefined ? {} : {signal: options.signal}),
			timeout: options.timeoutMs ?? AWS_COMMAND_TIMEOUT_MS,
			maxBuffer: 4 * 1024 * 1024,
			windowsHide: true,
		}, (error, stdout, stderr) => {
			if (!error) {
				resolve({stdout, stderr});
				return;
			}
			const failure = error as NodeJS.ErrnoException & {code?: string | number; killed?: boolean};
			if (failure.name === 'AbortError') {
				reject(options.signal?.reason ?? error);
				return;
			}
			if (failure.code === 'ENOENT' || failure.code === 'EACCES') {
				reject(new AwsCliError(line, `the aws CLI could not be started (${failure.code}).`));
				return;
			}
			if (failure.killed) {
				reject(new AwsCliError(line, `no answer within ${Math.round((options.timeoutMs ?? AWS_COMMAND_TIMEOUT_MS) / 1000)} s; it was stopped.`));
				return;
			}
			const said = terminalSafe((stderr || stdout).trim()) || 'no message.';
			reject(new AwsCliError(line, said, typeof failure.code === 'number' ? failure.code : undefined, reasonOf(argv, said)));
		});
	});
}

/** AWS CLI error text reads `An error occurred (CODE) when calling the OPERATION operation: …`. */
function reasonOf(argv: readonly string[], said: string): AwsFailureReason | undefined {
	return argv[1] === 'create-role' && /\(EntityAlreadyExists\) when calling the CreateRole operation/.test(said) ? 'role-exists' : undefined;
}

/** The role's ARN from create-role's documented output (`{"Role": {"Arn": …}}`). */
export function roleArnFromCreateRole(stdout: string): string | undefined {
	let parsed: unknown;
	try {
		parsed = JSON.parse(stdout);
	} catch {
		return undefined;
	}
	const arn = (parsed as {Role?: {Arn?: unknown}} | null)?.Role?.Arn;
	if (typeof arn !== 'string') return undefined;
	const checked = checkIamRoleArn(arn);
	return checked.ok ? checked.value : undefined;
}

/**
 * Runs create-role, then put-role-policy (when the plan has it), stopping at the first failure.
 * Resolves with the new role's ARN; rejects with AwsCliError (AWS's text; after a created role, with
 * its roleArn) or the abort reason. With `createdRoleArn`, create-role is not run again.
 */
export async function runAwsRoleSetup(commands: readonly (readonly string[])[], options: AwsRunOptions = {}): Promise<{roleArn: string}> {
	const [createRole, ...rest] = commands;
	if (!createRole || createRole[1] !== 'create-role') throw new TypeError('The first command must be `aws iam create-role`.');
	const awsPath = options.awsPath ?? await findAwsCli(options.env);
	if (awsPath === undefined) throw new AwsCliError(awsCommandLine(createRole), 'the aws CLI is not on PATH.');
	let roleArn = options.createdRoleArn;
	if (roleArn === undefined) {
		options.onCommand?.(awsCommandLine(createRole));
		const created = await runAws(awsPath, createRole, options);
		roleArn = roleArnFromCreateRole(created.stdout);
		if (roleArn === undefined) {
			throw new AwsCliError(awsCommandLine(createRole), `it printed no role ARN (expected create-role's JSON with Role.Arn): ${terminalSafeLine(created.stdout.trim().slice(0, 200)) || 'nothing'}`);
		}
	}
	for (const argv of rest) {
		options.onCommand?.(awsCommandLine(argv));
		try {
			await runAws(awsPath, argv, options);
		} catch (error) {
			if (error instanceof AwsCliError) error.roleArn = roleArn;
			throw error;
		}
	}
	return {roleArn};
}
