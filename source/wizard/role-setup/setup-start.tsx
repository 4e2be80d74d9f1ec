// The first screens of the role set-up: the bucket (so the permission policy can name it), the
// go-ahead before anything in the project changes, and the one POST that creates the Atlas side.
import React from 'react';
import {Box, Text} from 'ink';
import {checkBucketName} from '../../atlas/validation.js';
import type {AwsIamRole} from '../../atlas/types.js';
import {ErrorNotice} from '../components/error-notice.js';
import {Loading} from '../components/loading.js';
import {SelectList} from '../components/select-list.js';
import {ValidatedInput} from '../components/validated-input.js';
import {useAtlasSession} from '../services-context.js';
import {useAsyncLoad} from '../use-async-load.js';
import {Prose} from '../components/prose.js';

export function SetupBucket({initial, onAnswer, onBack}: {initial?: string; onAnswer(bucket: string): void; onBack(): void}) {
	const {services} = useAtlasSession();
	return (
		<Box flexDirection="column">
			<Prose bold>Which S3 bucket will Atlas export to?</Prose>
			<Prose dimColor>The role's permission policy names it (you confirm it again on the bucket step).</Prose>
			{services.demo?.setupRole ? (
				<Prose>
					<Text color="magenta">Demo:</Text> the simulator's set-up role can write to {services.demo.setupRole.buckets.join(', ')}
				</Prose>
			) : null}
			<Box marginTop={1}>
				<ValidatedInput label="Bucket:" initialValue={initial ?? ''} check={checkBucketName} {...(services.demo?.setupRole ? {completions: services.demo.setupRole.buckets} : {})} onSubmit={onAnswer} onBack={onBack} />
			</Box>
			<Prose dimColor>Enter to continue · Esc to go back</Prose>
		</Box>
	);
}

export type SetupApproveProps = {
	projectLabel: string;
	/** The set-up's bucket: the permission policy will name it. */
	bucket: string;
	/** A role the project has, created and never authorized: offered first, so no new role is made on every run. */
	pickUp?: AwsIamRole;
	onApprove(): void;
	onPickUp(role: AwsIamRole): void;
	onBack(): void;
};

export function SetupApprove({projectLabel, bucket, pickUp, onApprove, onPickUp, onBack}: SetupApproveProps) {
	type Choice = 'pick-up' | 'create' | 'back';
	const items: Array<{key: Choice; label: string; value: Choice}> = [
		...(pickUp ? [{key: 'pick-up' as const, label: `Authorize ${pickUp.roleId} instead (no new role)`, value: 'pick-up' as const}] : []),
		{key: 'create', label: pickUp ? 'Create another role in Atlas' : 'Create the role in Atlas', value: 'create'},
		{key: 'back', label: 'Go back', value: 'back'},
	];
	return (
		<Box flexDirection="column">
			<Prose bold>Add an AWS IAM role to {projectLabel}?</Prose>
			<Prose>
				Bucket: <Text bold>{bucket}</Text> (the role's permission policy names it)
			</Prose>
			<Prose>Atlas creates its side of the role (one request) and answers with its AWS account ARN and an external id for this role. Nothing changes in AWS yet.</Prose>
			{pickUp ? (
				<Prose color="yellow">
					This project already has a role created and never authorized: {pickUp.roleId}{pickUp.createdDate ? ` (created ${pickUp.createdDate.slice(0, 10)})` : ''}. Authorizing it needs no new role.
				</Prose>
			) : null}
			<Box marginTop={1}>
				<SelectList<Choice>
					items={items}
					onSelect={choice => {
						if (choice === 'pick-up') onPickUp(pickUp!);
						else if (choice === 'create') onApprove();
						else onBack();
					}}
					onBack={onBack}
				/>
			</Box>
			<Prose dimColor>Enter to choose · Esc to go back</Prose>
		</Box>
	);
}

/**
 * Sends the one POST. A refusal Atlas answered (nothing created) can be tried again; an unknown
 * outcome (network) never is: the role list shows a role that was created after all, to resume.
 */
export function SetupCreate({projectId, onCreated, onCheckRoles, onBack}: {projectId: string; onCreated(role: AwsIamRole): void; onCheckRoles(): void; onBack(): void}) {
	const {services, connection} = useAtlasSession();
	const [created, retry] = useAsyncLoad(async signal => services.createRole(connection, projectId, signal), [], {
		onLoaded(role) {
			onCreated(role);
			return true;
		},
	});
	if (created.status !== 'failed') return <Loading label="Creating the role in Atlas…" />;
	const {error} = created;
	const answered = error.status !== undefined;
	return (
		<Box flexDirection="column">
			<Text color="red" bold>
				The role was not created.
			</Text>
			<ErrorNotice message={error.message} {...(error.hint ? {hint: error.hint} : {})} />
			{answered ? null : <Prose dimColor>The request's outcome is unknown, so it is not sent again: the project's roles show a role created after all.</Prose>}
			<Box marginTop={1}>
				<SelectList<'retry' | 'roles' | 'back'>
					items={[
						...(answered ? [{key: 'retry', label: 'Try again', value: 'retry' as const}] : []),
						{key: 'roles', label: 'Check the project\'s roles', value: 'roles'},
						{key: 'back', label: 'Go back', value: 'back'},
					]}
					onSelect={choice => {
						if (choice === 'retry') retry();
						else if (choice === 'roles') onCheckRoles();
						else onBack();
					}}
					onBack={onBack}
				/>
			</Box>
		</Box>
	);
}
