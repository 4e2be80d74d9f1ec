// The two policy documents of the role being set up, filled with its own values (Atlas's account
// ARN, this role's external id, the bucket), and where to write them: the current directory or one
// the user names. An existing file is never replaced without asking.
import path from 'node:path';
import React, {useState} from 'react';
import {Box, Text} from 'ink';
import type {CheckResult} from '../../atlas/validation.js';
import {policyJson} from '../../roles/policies.js';
import type {RoleSetupPlan} from '../../roles/setup-plan.js';
import {Copyable} from '../components/copyable.js';
import {ErrorNotice} from '../components/error-notice.js';
import {SelectList} from '../components/select-list.js';
import {ValidatedInput} from '../components/validated-input.js';
import {useAtlasSession} from '../services-context.js';
import {toErrorView} from '../services.js';
import {Prose} from '../components/prose.js';

function checkDirectory(input: string): CheckResult {
	const value = input.trim();
	return value === '' ? {ok: false, message: 'Type a directory (it must exist).'} : {ok: true, value};
}

type Phase = {name: 'choose'} | {name: 'type-dir'} | {name: 'writing'} | {name: 'conflicts'; dir: string; paths: string[]} | {name: 'failed'; message: string};

export type SetupPoliciesProps = {
	/** The plan for a directory (the documents do not depend on it, the paths do). */
	planFor(dir: string): RoleSetupPlan;
	onWritten(dir: string, paths: string[]): void;
	onBack(): void;
};

export function SetupPolicies({planFor, onWritten, onBack}: SetupPoliciesProps) {
	const {services} = useAtlasSession();
	const [phase, setPhase] = useState<Phase>({name: 'choose'});
	const shown = planFor(services.cwd);

	const write = (dir: string, overwrite: boolean) => {
		const resolved = path.resolve(services.cwd, dir);
		const plan = planFor(resolved);
		setPhase({name: 'writing'});
		services.writePolicyFiles(plan.files, {overwrite}).then(
			outcome => {
				if ('written' in outcome) onWritten(resolved, outcome.written);
				else setPhase({name: 'conflicts', dir: resolved, paths: outcome.conflicts});
			},
			(error: unknown) => setPhase({name: 'failed', message: toErrorView(error).message}),
		);
	};

	let question: React.ReactNode;
	if (phase.name === 'type-dir') {
		question = <ValidatedInput label="Directory:" check={checkDirectory} onSubmit={dir => write(dir, false)} onBack={() => setPhase({name: 'choose'})} />;
	} else if (phase.name === 'conflicts') {
		question = (
			<Box flexDirection="column">
				<Prose color="yellow">Already there, not replaced:</Prose>
				<Copyable id="conflicts" title="Existing files" lines={phase.paths} indent={2} />
				<SelectList<'overwrite' | 'elsewhere'>
					items={[
						{key: 'overwrite', label: 'Overwrite them', value: 'overwrite'},
						{key: 'elsewhere', label: 'Write them to another directory', value: 'elsewhere'},
					]}
					onSelect={choice => (choice === 'overwrite' ? write(phase.dir, true) : setPhase({name: 'type-dir'}))}
					onBack={() => setPhase({name: 'choose'})}
				/>
			</Box>
		);
	} else if (phase.name === 'writing') {
		question = <Text dimColor>Writing the files…</Text>;
	} else {
		question = (
			<Box flexDirection="column">
				{phase.name === 'failed' ? <ErrorNotice message={`The files could not be written: ${phase.message}`} /> : null}
				<Prose>Write both documents to files for the aws commands?</Prose>
				<SelectList<'here' | 'elsewhere'>
					items={[
						{key: 'here', label: `Write them to the current directory (${services.cwd})`, value: 'here'},
						{key: 'elsewhere', label: 'Write them to another directory', value: 'elsewhere'},
					]}
					onSelect={choice => (choice === 'here' ? write(services.cwd, false) : setPhase({name: 'type-dir'}))}
					onBack={onBack}
				/>
			</Box>
		);
	}

	return (
		<Box flexDirection="column">
			<Prose bold>The AWS side of the role: two policy documents</Prose>
			<Prose>
				Trust policy <Text dimColor>({path.basename(shown.files[0]!.path)})</Text>: {shown.trust.atlasAWSAccountArn} may assume the role (sts:AssumeRole) only with sts:ExternalId {shown.trust.externalId}.
			</Prose>
			{shown.bucketName ? (
				<Prose>
					Permission policy <Text dimColor>({path.basename(shown.files[1]!.path)})</Text>: s3:GetBucketLocation on arn:aws:s3:::{shown.bucketName}, s3:PutObject on arn:aws:s3:::{shown.bucketName}/*.
				</Prose>
			) : null}
			<Copyable id="trust-policy" title={`Trust policy (${path.basename(shown.files[0]!.path)})`} lines={policyJson(shown.trustPolicy).trimEnd().split('\n')} inPlace={false} />
			{shown.permissionPolicy ? <Copyable id="permission-policy" title={`Permission policy (${path.basename(shown.files[1]!.path)})`} lines={policyJson(shown.permissionPolicy).trimEnd().split('\n')} inPlace={false} /> : null}
			<Prose dimColor>Both documents are printed in full above, as JSON.</Prose>
			{shown.kmsNote ? <Prose dimColor>{shown.kmsNote}</Prose> : null}
			<Box marginTop={1}>{question}</Box>
			<Prose dimColor>Enter to choose · Esc to go back</Prose>
		</Box>
	);
}
