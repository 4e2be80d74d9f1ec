import React, {useState} from 'react';
import {Box, Text} from 'ink';
import {isServiceAccount, type RequestPreview} from '../../atlas/types.js';
import {Copyable} from '../components/copyable.js';
import {FieldRow, valueWidth} from '../components/field-row.js';
import {middleTruncate} from '../components/middle-truncate.js';
import {SelectList} from '../components/select-list.js';
import {SHORT_TERMINAL_ROWS, useColumns, useRows} from '../components/use-columns.js';
import {useAtlasSession} from '../services-context.js';
import {credentialsLabel} from '../step-list.js';
import type {EditableStep, ProjectAnswer, RoleAnswer} from '../state.js';
import {useAsyncLoad} from '../use-async-load.js';
import {Prose} from '../components/prose.js';

export type ConfirmStepProps = {
	project: ProjectAnswer;
	role: RoleAnswer;
	bucket: string;
	onCreate(): void;
	onEdit(step: EditableStep): void;
	onCancel(): void;
	onBack(): void;
};

type Choice = 'create' | 'edit' | 'request' | 'cancel';

const editChoices: Array<{key: Exclude<EditableStep, 'credentials'>; label: string}> = [
	{key: 'bucket', label: 'Bucket'},
	{key: 'role', label: 'IAM role'},
	{key: 'project', label: 'Project'},
];

/** One summary line that never wraps: on a short terminal every line counts. */
function CompactRow({label, value, width}: {label: string; value: string; width: number}) {
	return (
		<Text wrap="truncate-middle">
			<Text dimColor>{label}: </Text>
			{middleTruncate(value, Math.max(8, width - label.length - 2))}
		</Text>
	);
}

/**
 * Step 5: what will be registered, and the exact request that will be sent (method, URL, JSON body;
 * no credentials). Create, edit a step, or cancel. On a short terminal (80x24, 40x20) the question
 * and its choices come first, the summary is one line per field and the request is behind "Show
 * request", so the header and the choices stay on screen.
 */
export function ConfirmStep({project, role, bucket, onCreate, onEdit, onCancel, onBack}: ConfirmStepProps) {
	const {services, connection} = useAtlasSession();
	const columns = useColumns();
	const rows = useRows();
	const compact = rows !== undefined && rows < SHORT_TERMINAL_ROWS;
	const [editing, setEditing] = useState(false);
	const [showRequest, setShowRequest] = useState(false);
	const [preview] = useAsyncLoad<RequestPreview>(async () => services.previewCreate(connection, project.id, {bucketName: bucket, iamRoleId: role.roleId}), [services, connection, project.id, role.roleId, bucket]);
	const target = services.target(connection);
	const width = Math.max(20, valueWidth(columns));

	const projectValue = project.name ? `${project.name} (${project.id})` : project.id;
	const summary = compact ? (
		<Box flexDirection="column" marginTop={1}>
			<CompactRow label="Bucket" value={bucket} width={columns} />
			<CompactRow label="Project" value={projectValue} width={columns} />
			<CompactRow label="IAM role ARN" value={role.iamAssumedRoleArn ?? '(not listed)'} width={columns} />
			<CompactRow label="Atlas role id" value={role.roleId} width={columns} />
			<CompactRow label="Provider" value={`AWS · API ${target.apiVersion}`} width={columns} />
			<CompactRow label="Base URL" value={target.baseUrl} width={columns} />
		</Box>
	) : (
		<Box flexDirection="column" marginTop={1}>
			<FieldRow label="Project" value={projectValue} />
			<FieldRow label="IAM role ARN" value={middleTruncate(role.iamAssumedRoleArn ?? '(not listed)', width)} />
			<FieldRow label="Atlas role id" value={role.roleId} />
			<FieldRow label="Bucket" value={bucket} />
			<FieldRow label="Provider" value="AWS" />
			<FieldRow label="API version" value={target.apiVersion} />
			<FieldRow label="Base URL" value={target.baseUrl} />
		</Box>
	);
	const request = (
		<Box flexDirection="column" marginTop={1}>
			<Prose dimColor>Request that will be sent (credentials via {isServiceAccount(connection) ? 'a Bearer token' : 'HTTP Digest'}, not shown):</Prose>
			{preview.status === 'loaded' ? (
				<>
					<Copyable id="request" title="Request" lines={[`${preview.value.method} ${preview.value.url}`]} />
					{preview.value.headers.Accept ? <Text dimColor>Accept: {preview.value.headers.Accept}</Text> : null}
					<Text>{JSON.stringify(preview.value.body, null, 2)}</Text>
				</>
			) : (
				<Prose dimColor>{preview.status === 'failed' ? preview.error.message : 'Preparing the request…'}</Prose>
			)}
		</Box>
	);
	const choices = (
		<Box marginTop={1} flexDirection="column">
			{editing ? (
				<>
					<Prose>Which answer do you want to change?</Prose>
					<SelectList
						items={[...editChoices, {key: 'credentials' as const, label: credentialsLabel(connection)}].map(choice => ({key: choice.key, label: choice.label, value: choice.key}))}
						onSelect={step => onEdit(step)}
						onBack={() => setEditing(false)}
					/>
				</>
			) : (
				<SelectList<Choice>
					items={[
						{key: 'create', label: 'Create', value: 'create'},
						{key: 'edit', label: 'Edit a step', value: 'edit'},
						...(compact ? [{key: 'request', label: showRequest ? 'Hide request' : 'Show request', value: 'request' as const}] : []),
						{key: 'cancel', label: 'Cancel', value: 'cancel'},
					]}
					initialKey={showRequest ? 'request' : undefined}
					onSelect={choice => {
						if (choice === 'create') onCreate();
						else if (choice === 'edit') setEditing(true);
						else if (choice === 'request') setShowRequest(shown => !shown);
						else onCancel();
					}}
					onBack={onBack}
				/>
			)}
			<Text dimColor>Enter to choose · Esc to go back</Text>
		</Box>
	);

	if (compact) {
		// What matters first: the question and its choices; then the summary, or the request asked for.
		return (
			<Box flexDirection="column">
				<Prose bold>Register this export bucket?</Prose>
				{choices}
				{showRequest ? request : summary}
			</Box>
		);
	}

	return (
		<Box flexDirection="column">
			<Prose bold>Register this export bucket?</Prose>
			{summary}
			{request}
			{choices}
		</Box>
	);
}
