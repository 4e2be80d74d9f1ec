import React, {useState} from 'react';
import {Box, Text} from 'ink';
import type {RequestPreview} from '../../atlas/types.js';
import {FieldRow, valueWidth} from '../components/field-row.js';
import {middleTruncate} from '../components/middle-truncate.js';
import {SelectList} from '../components/select-list.js';
import {useColumns} from '../components/use-columns.js';
import {useAtlasSession} from '../services-context.js';
import type {EditableStep, ProjectAnswer, RoleAnswer} from '../state.js';
import {useAsyncLoad} from '../use-async-load.js';

export type ConfirmStepProps = {
	project: ProjectAnswer;
	role: RoleAnswer;
	bucket: string;
	onCreate(): void;
	onEdit(step: EditableStep): void;
	onCancel(): void;
	onBack(): void;
};

type Choice = 'create' | 'edit' | 'cancel';

const editChoices: Array<{key: EditableStep; label: string}> = [
	{key: 'bucket', label: 'Bucket'},
	{key: 'role', label: 'IAM role'},
	{key: 'project', label: 'Project'},
	{key: 'credentials', label: 'API key'},
];


/**
 * Step 5: what will be registered, and the exact request that will be sent (method, URL, JSON body;
 * no credentials). Create, edit a step, or cancel.
 */
export function ConfirmStep({project, role, bucket, onCreate, onEdit, onCancel, onBack}: ConfirmStepProps) {
	const {services, connection} = useAtlasSession();
	const columns = useColumns();
	const [editing, setEditing] = useState(false);
	const [preview] = useAsyncLoad<RequestPreview>(async () => services.previewCreate(connection, project.id, {bucketName: bucket, iamRoleId: role.roleId}), [services, connection, project.id, role.roleId, bucket]);
	const target = services.target(connection);
	const width = Math.max(20, valueWidth(columns));

	return (
		<Box flexDirection="column">
			<Text bold>Register this export bucket?</Text>
			<Box flexDirection="column" marginTop={1}>
				<FieldRow label="Project" value={project.name ? `${project.name} (${project.id})` : project.id} />
				<FieldRow label="IAM role ARN" value={middleTruncate(role.iamAssumedRoleArn ?? '(not listed)', width)} />
				<FieldRow label="Atlas role id" value={role.roleId} />
				<FieldRow label="Bucket" value={bucket} />
				<FieldRow label="Provider" value="AWS" />
				<FieldRow label="API version" value={target.apiVersion} />
				<FieldRow label="Base URL" value={target.baseUrl} />
			</Box>
			<Box flexDirection="column" marginTop={1}>
				<Text dimColor>Request that will be sent (credentials via HTTP Digest, not shown):</Text>
				{preview.status === 'loaded' ? (
					<>
						<Text>
							{preview.value.method} {preview.value.url}
						</Text>
						{preview.value.headers.Accept ? <Text dimColor>Accept: {preview.value.headers.Accept}</Text> : null}
						<Text>{JSON.stringify(preview.value.body, null, 2)}</Text>
					</>
				) : (
					<Text dimColor>{preview.status === 'failed' ? preview.error.message : 'Preparing the request…'}</Text>
				)}
			</Box>
			<Box marginTop={1} flexDirection="column">
				{editing ? (
					<>
						<Text>Which answer do you want to change?</Text>
						<SelectList
							items={editChoices.map(choice => ({key: choice.key, label: choice.label, value: choice.key}))}
							onSelect={step => onEdit(step)}
							onBack={() => setEditing(false)}
						/>
					</>
				) : (
					<SelectList<Choice>
						items={[
							{key: 'create', label: 'Create', value: 'create'},
							{key: 'edit', label: 'Edit a step', value: 'edit'},
							{key: 'cancel', label: 'Cancel', value: 'cancel'},
						]}
						onSelect={choice => {
							if (choice === 'create') onCreate();
							else if (choice === 'edit') setEditing(true);
							else onCancel();
						}}
						onBack={onBack}
					/>
				)}
			</Box>
			<Text dimColor>Enter to choose · Esc to go back</Text>
		</Box>
	);
}
