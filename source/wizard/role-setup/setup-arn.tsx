// After the policy files: the two `aws iam` commands (whole lines, to copy), and the IAM role's ARN.
// With the aws CLI on PATH (never in --demo) the wizard offers to run them itself: it shows them,
// asks, runs them and reads the ARN from create-role's answer; AWS's own error text is shown when one
// fails. Otherwise the user runs them and pastes the ARN, which is checked as it is typed.
import path from 'node:path';
import React, {useState} from 'react';
import {Box, Text} from 'ink';
import {checkIamRoleArn} from '../../atlas/validation.js';
import {terminalSafe} from '../../text/terminal-safe.js';
import {AwsCliError, type AwsFailureReason} from '../../roles/aws-cli.js';
import {awsCommandLine, updateTrustPolicyArgv} from '../../roles/aws-commands.js';
import type {RoleSetupPlan} from '../../roles/setup-plan.js';
import {Copyable} from '../components/copyable.js';
import {Loading} from '../components/loading.js';
import {SelectList} from '../components/select-list.js';
import {ValidatedInput} from '../components/validated-input.js';
import {useAtlasSession} from '../services-context.js';
import {useAsyncLoad} from '../use-async-load.js';
import {Prose} from '../components/prose.js';


/** `roleArn`: create-role succeeded before the failure, so a new run starts after it. */
type Run = {name: 'offer'} | {name: 'paste'; roleArn?: string} | {name: 'running'} | {name: 'failed'; command: string; text: string; reason?: AwsFailureReason; roleArn?: string};

export type SetupArnProps = {
	plan: RoleSetupPlan;
	onArn(iamRoleArn: string): void;
	onBack(): void;
};

export function SetupArn({plan, onArn, onBack}: SetupArnProps) {
	const {services, signal} = useAtlasSession();
	const [aws] = useAsyncLoad<string | undefined>(async () => services.findAwsCli(), []);
	const [run, setRun] = useState<Run>({name: 'offer'});
	const demoArn = services.demo?.setupRole?.iamRoleArn;

	// main's runner (roles/aws-cli.ts): argv without a shell, JSON output forced, AWS's text made terminal-safe.
	const runCommands = async (awsPath: string, createdRoleArn?: string) => {
		setRun({name: 'running'});
		try {
			const {roleArn} = await services.runAwsRoleSetup(awsPath, plan.commands, {signal, ...(createdRoleArn === undefined ? {} : {createdRoleArn})});
			if (!signal.aborted) onArn(roleArn);
		} catch (error) {
			if (signal.aborted) return;
			const roleArn = error instanceof AwsCliError ? error.roleArn ?? createdRoleArn : createdRoleArn;
			setRun({
				name: 'failed',
				...(error instanceof AwsCliError
					? {command: error.command, text: error.awsMessage, ...(error.reason ? {reason: error.reason} : {})}
					: {command: 'aws', text: terminalSafe(error instanceof Error ? error.message : String(error))}),
				...(roleArn === undefined ? {} : {roleArn}),
			});
		}
	};

	const offerRun = aws.status === 'loaded' && aws.value !== undefined && run.name === 'offer';
	let body: React.ReactNode;
	if (aws.status === 'loading') {
		body = <Loading label="Looking for the aws CLI…" />;
	} else if (offerRun) {
		body = (
			<Box flexDirection="column">
				<Prose>The aws CLI is at {aws.value!}. Run these {plan.commands.length} commands now, with your AWS credentials?</Prose>
				<SelectList<'run' | 'paste'>
					items={[
						{key: 'run', label: 'Run them now', value: 'run'},
						{key: 'paste', label: 'I run them myself, then paste the role ARN', value: 'paste'},
					]}
					onSelect={choice => {
						if (choice === 'run') void runCommands(aws.value!);
						else setRun({name: 'paste'});
					}}
					onBack={onBack}
				/>
			</Box>
		);
	} else if (run.name === 'running') {
		body = <Loading label="Running the aws commands…" />;
	} else if (run.name === 'failed') {
		// create-role found the name taken (a role left by an earlier set-up for this bucket): it can be
		// used once it trusts this Atlas role, so the fix is one command and a paste, not another run.
		const exists = run.reason === 'role-exists';
		const again = {key: 'again', label: run.roleArn ? 'Run the rest again' : 'Run them again', value: 'again' as const};
		const paste = {key: 'paste', label: exists ? 'Paste that role\'s ARN (after updating its trust policy)' : 'Paste the role ARN instead', value: 'paste' as const};
		body = (
			<Box flexDirection="column">
				<Prose color="red">✖ {run.command.split(' ').slice(0, 3).join(' ')} failed. AWS said:</Prose>
				<Prose>{run.text}</Prose>
				{exists ? (
					<Box flexDirection="column">
						<Prose>→ To use that role: update its trust policy with {path.basename(plan.setup.trustPolicyPath)} (this Atlas role's principal and external id) by running this command, then paste the role's ARN:</Prose>
						<Copyable id="update-trust" title="Update the existing role's trust policy" lines={[awsCommandLine(updateTrustPolicyArgv(plan.setup))]} indent={2} />
					</Box>
				) : null}
				{run.roleArn ? (
					<Box flexDirection="column">
						<Prose>✔ create-role had made the role (a new run starts after it):</Prose>
						<Copyable id="created-role" title="IAM role created" lines={[run.roleArn]} indent={2} />
					</Box>
				) : null}
				<SelectList<'again' | 'paste'>
					items={exists ? [paste, again] : [again, paste]}
					onSelect={choice => {
						if (choice === 'again' && aws.status === 'loaded' && aws.value) void runCommands(aws.value, run.roleArn);
						else setRun({name: 'paste', ...(run.roleArn ? {roleArn: run.roleArn} : {})});
					}}
					onBack={() => setRun({name: 'offer'})}
				/>
			</Box>
		);
	} else {
		const known = run.name === 'paste' ? run.roleArn : undefined;
		const completions = [known, demoArn].filter((arn): arn is string => arn !== undefined);
		body = (
			<Box flexDirection="column">
				<Prose>Then paste the new IAM role's ARN (create-role prints it as Role.Arn):</Prose>
				{demoArn ? (
					<Prose>
						<Text color="magenta">Demo:</Text> the simulator's AWS has {demoArn}, which trusts Atlas with any external id: Tab fills it in.
					</Prose>
				) : null}
				{known ? <Prose dimColor>Tab fills in the role create-role made.</Prose> : null}
				<ValidatedInput label="IAM role ARN:" check={checkIamRoleArn} {...(completions.length > 0 ? {completions} : {})} onSubmit={onArn} onBack={onBack} />
			</Box>
		);
	}

	// AWS's text can be long: on a failure the files and commands (printed whole above) make room for it.
	const failed = run.name === 'failed';
	const choosing = failed || offerRun;
	return (
		<Box flexDirection="column">
			<Prose bold>Create the role in AWS</Prose>
			{failed ? (
				<Prose dimColor>The policy files and the aws commands are printed in full above.</Prose>
			) : (
				<Box flexDirection="column">
					<Prose>Policy files written:</Prose>
					<Copyable id="policy-files" title="Policy files written" lines={plan.files.map(file => file.path)} />
					<Prose>With the AWS CLI (or the same in the IAM console):</Prose>
					<Copyable id="aws-commands" title="AWS CLI commands" lines={plan.lines} />
				</Box>
			)}
			<Box marginTop={1}>{body}</Box>
			<Prose dimColor>{choosing ? 'Enter to choose' : 'Enter to continue'} · Esc to go back</Prose>
		</Box>
	);
}
