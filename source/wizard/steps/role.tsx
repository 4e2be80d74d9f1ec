import React, {useState} from 'react';
import {Box, Text} from 'ink';
import {checkRoleId} from '../../atlas/validation.js';
import type {AwsIamRole} from '../../atlas/types.js';
import {ErrorNotice} from '../components/error-notice.js';
import {Loading} from '../components/loading.js';
import {middleTruncate} from '../components/middle-truncate.js';
import {SelectList, type SelectItem} from '../components/select-list.js';
import {useColumns} from '../components/use-columns.js';
import {ValidatedInput} from '../components/validated-input.js';
import {useAtlasSession} from '../services-context.js';
import type {RoleAnswer} from '../state.js';
import {useAsyncLoad} from '../use-async-load.js';

export type RoleStepProps = {
	projectId: string;
	current?: RoleAnswer;
	onAnswer(role: RoleAnswer): void;
	onBack(): void;
};

type Choice = {kind: 'role'; role: AwsIamRole} | {kind: 'type'} | {kind: 'help'} | {kind: 'refresh'};

export function isAuthorized(role: AwsIamRole): boolean {
	return Boolean(role.iamAssumedRoleArn);
}

/** The answer for a listed role: its id, ARN and what its trust policy names. */
export function roleAnswer(role: AwsIamRole): RoleAnswer {
	return {
		roleId: role.roleId,
		...(role.iamAssumedRoleArn ? {iamAssumedRoleArn: role.iamAssumedRoleArn} : {}),
		...(role.atlasAWSAccountArn ? {atlasAWSAccountArn: role.atlasAWSAccountArn} : {}),
		...(role.atlasAssumedRoleExternalId ? {externalId: role.atlasAssumedRoleExternalId} : {}),
	};
}

export function usedForExports(role: AwsIamRole): boolean {
	return role.featureUsages.some(usage => usage.featureType === 'EXPORT_SNAPSHOT');
}

/** Why a role id cannot be used, judged against the project's roles (when they could be listed). */
function refuseRoleId(id: string, roles: AwsIamRole[] | undefined): string | undefined {
	if (!roles) return undefined;
	const role = roles.find(candidate => candidate.roleId === id);
	if (!role) return 'This project has no Atlas role with that id (Atlas would answer CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND).';
	if (!isAuthorized(role)) return 'That role is not authorized yet: authorize it with your IAM role ARN first (see below).';
	return undefined;
}

function RoleIdNote() {
	return <Text dimColor>Atlas role id: Atlas's own 24-hex id for the IAM role it assumes (Cloud Provider Access), not an AWS id or ARN.</Text>;
}

function Numbered({n, children}: {n: number; children: React.ReactNode}) {
	return (
		<Box>
			<Box width={3} flexShrink={0}>
				<Text>{n}.</Text>
			</Box>
			<Box flexDirection="column" flexGrow={1} flexShrink={1}>
				{children}
			</Box>
		</Box>
	);
}

/** How to give Atlas an IAM role; with a role, its own trust-policy values are filled in. */
function SetUpInstructions({role, withAtlasSide = false}: {role?: AwsIamRole; withAtlasSide?: boolean}) {
	const principal = role?.atlasAWSAccountArn ?? '<atlasAWSAccountArn>';
	const externalId = role?.atlasAssumedRoleExternalId ?? '<atlasAssumedRoleExternalId>';
	const first = withAtlasSide ? 2 : 1;
	return (
		<Box flexDirection="column">
			{withAtlasSide ? (
				<Numbered n={1}>
					<Text>Create the role's Atlas side: Project → Integrations → AWS IAM Role Access, or `atlas cloudProviders accessRoles aws create`. It gives Atlas's AWS account ARN and an external id.</Text>
				</Numbered>
			) : null}
			<Numbered n={first}>
				<Text>In AWS, create an IAM role that Atlas may assume, with this trust policy:</Text>
				<Text dimColor>Principal AWS = {principal}</Text>
				<Text dimColor>Action sts:AssumeRole</Text>
				<Text dimColor>Condition StringEquals sts:ExternalId = {externalId}</Text>
			</Numbered>
			<Numbered n={first + 1}>
				<Text>Allow it s3:GetBucketLocation on arn:aws:s3:::BUCKET and s3:PutObject on arn:aws:s3:::BUCKET/*</Text>
			</Numbered>
			<Numbered n={first + 2}>
				<Text>Authorize it in Atlas with that role's ARN (Project → Integrations → AWS IAM Role Access), or:</Text>
				<Text dimColor>atlas cloudProviders accessRoles aws authorize {role?.roleId ?? '<roleId>'} --iamAssumedRoleArn arn:aws:iam::ACCOUNT:role/NAME</Text>
			</Numbered>
		</Box>
	);
}

/**
 * Step 3: the Atlas role Atlas assumes to write into the bucket. Authorized roles are chosen from a
 * list (Atlas role id + IAM role ARN, marked when already used for exports); unauthorized roles are
 * shown with what to do; with none, what the role is and how to set one up. A role id can be typed.
 */
export function RoleStep({projectId, current, onAnswer, onBack}: RoleStepProps) {
	const {services, connection} = useAtlasSession();
	const columns = useColumns();
	const [typing, setTyping] = useState(false);
	const [showHelp, setShowHelp] = useState(false);
	const [loaded, load] = useAsyncLoad<AwsIamRole[]>(async signal => services.listRoles(connection, projectId, signal), [services, connection, projectId]);

	if (loaded.status === 'loading') {
		return <Loading label="Fetching the project's AWS IAM roles…" onBack={onBack} />;
	}

	const roles = loaded.status === 'loaded' ? loaded.value : undefined;
	const authorized = roles?.filter(role => isAuthorized(role)) ?? [];
	const unauthorized = roles?.filter(role => !isAuthorized(role)) ?? [];
	const width = Math.max(20, columns - 6);

	if (typing || loaded.status === 'failed') {
		return (
			<Box flexDirection="column">
				<Text bold>Atlas role id</Text>
				<RoleIdNote />
				{loaded.status === 'failed' ? <ErrorNotice message={loaded.error.message} {...(loaded.error.hint ? {hint: loaded.error.hint} : {})} /> : null}
				<Box marginTop={1}>
					<ValidatedInput
						label="Role id:"
						initialValue={current?.roleId ?? ''}
						check={checkRoleId}
						refuse={id => refuseRoleId(id, roles)}
						onSubmit={roleId => {
							const role = roles?.find(candidate => candidate.roleId === roleId);
							onAnswer(role ? roleAnswer(role) : {roleId});
						}}
						onBack={() => {
							if (loaded.status === 'failed') onBack();
							else setTyping(false);
						}}
					/>
				</Box>
				<Text dimColor>Enter to continue · Esc to go back</Text>
			</Box>
		);
	}

	const items: Array<SelectItem<Choice>> = authorized.map(role => ({
		key: role.roleId,
		label: role.roleId,
		details: [middleTruncate(role.iamAssumedRoleArn ?? '', width), ...(usedForExports(role) ? ['★ already used for exports'] : [])],
		searchText: role.iamAssumedRoleArn ?? '',
		value: {kind: 'role', role},
	}));
	const noRoles = roles !== undefined && roles.length === 0;
	const fixed: Array<SelectItem<Choice>> = [
		{key: 'type', label: 'Type an Atlas role id', value: {kind: 'type'}},
		...(noRoles ? [] : [{key: 'help', label: showHelp ? 'Hide how to set up a role' : 'How to set up or authorize a role', value: {kind: 'help'} as Choice}]),
		{key: 'refresh', label: 'Check again', value: {kind: 'refresh'}},
	];

	return (
		<Box flexDirection="column">
			<Text bold>Which AWS IAM role should Atlas use to write to the bucket?</Text>
			<RoleIdNote />
			{noRoles ? (
				<Box flexDirection="column" marginTop={1}>
					<Text color="yellow">This project has no AWS IAM role for Atlas yet.</Text>
					<Text>Atlas writes snapshots into your bucket by assuming an IAM role in your AWS account. To set one up:</Text>
					<SetUpInstructions withAtlasSide />
				</Box>
			) : null}
			<Box marginTop={1} flexDirection="column">
				{authorized.length > 0 ? <Text>Authorized roles:</Text> : null}
				<SelectList
					items={items}
					fixedItems={fixed}
					initialKey={current?.roleId}
					limit={6}
					onSelect={choice => {
						if (choice.kind === 'role') onAnswer(roleAnswer(choice.role));
						else if (choice.kind === 'type') setTyping(true);
						else if (choice.kind === 'help') setShowHelp(shown => !shown);
						else load();
					}}
					onBack={onBack}
				/>
			</Box>
			{unauthorized.length > 0 ? (
				<Box flexDirection="column" marginTop={1}>
					<Text color="yellow">Not authorized yet, so not selectable:</Text>
					{unauthorized.map(role => (
						<Text key={role.roleId}>
							{'  ✗ '}
							{role.roleId}
						</Text>
					))}
					<Text dimColor>Authorize it with your IAM role's ARN first (“How to set up or authorize a role”).</Text>
				</Box>
			) : null}
			{showHelp && !noRoles ? (
				<Box marginTop={1}>
					<SetUpInstructions {...(unauthorized[0] ? {role: unauthorized[0]} : authorized[0] ? {role: {...authorized[0], roleId: '<roleId>'}} : {})} />
				</Box>
			) : null}
			<Text dimColor>↑/↓ to move · Enter to choose · Esc to go back</Text>
		</Box>
		);
}
