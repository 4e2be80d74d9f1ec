import React, {Suspense, lazy, useState} from 'react';
import {Box, Text} from 'ink';
import {checkRoleId, roleNameFromArn} from '../../atlas/validation.js';
import type {AwsIamRole} from '../../atlas/types.js';
import {ErrorNotice} from '../components/error-notice.js';
import {Loading} from '../components/loading.js';
import {middleTruncate} from '../components/middle-truncate.js';
import {fits, rowsOf, useRowBudget} from '../components/row-budget.js';
import {SelectList, selectListRows, type SelectItem} from '../components/select-list.js';
import {useColumns} from '../components/use-columns.js';
import {ValidatedInput} from '../components/validated-input.js';
import {useAtlasSession} from '../services-context.js';
import type {RoleAnswer} from '../state.js';
import {useAsyncLoad} from '../use-async-load.js';
import {startSetup, type RoleSetup, type RoleSetupEvent} from '../role-setup/setup-state.js';
import {Prose} from '../components/prose.js';

// The set-up screens (policy files, the aws CLI runner, child_process) load when a set-up starts,
// never at start (first-frame budget).
const RoleSetupFlow = lazy(async () => import('../role-setup/role-setup.js').then(module_ => ({default: module_.RoleSetupFlow})));

export type RoleStepProps = {
	projectId: string;
	/** How the project reads in questions ("Demo Sandbox (6650…)"). */
	projectLabel: string;
	current?: RoleAnswer;
	/** The bucket step's answer, if given: the set-up's first guess. */
	bucket?: string;
	/** A role set-up in progress: its screens replace the list. */
	setup?: RoleSetup;
	onSetup(event: RoleSetupEvent): void;
	/** The set-up authorized its role. */
	onSetUp(role: RoleAnswer): void;
	onAnswer(role: RoleAnswer): void;
	onBack(): void;
};

type Choice = {kind: 'role'; role: AwsIamRole} | {kind: 'resume'; role: AwsIamRole} | {kind: 'setup'} | {kind: 'type'} | {kind: 'refresh'};

/** A role as people know it: the IAM role name from its ARN, Atlas's role id beside it. */
export function roleLabel(role: AwsIamRole): string {
	const name = roleNameFromArn(role.iamAssumedRoleArn);
	return name ? `${name} · ${role.roleId}` : role.roleId;
}

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
	if (!isAuthorized(role)) return 'That role is not authorized yet: choose “Authorize it” in the list (Esc).';
	return undefined;
}

const ROLE_ID_NOTE = 'Atlas role id: Atlas\'s own 24-hex id for the IAM role it assumes (Cloud Provider Access), not an AWS id or ARN.';
/** The same in one row at 80 columns, for a short terminal. */
const ROLE_ID_NOTE_SHORT = 'Atlas role id: Atlas\'s 24-hex id for the role it assumes, not an AWS ARN.';

function RoleIdNote({short = false}: {short?: boolean}) {
	return <Prose dimColor>{short ? ROLE_ID_NOTE_SHORT : ROLE_ID_NOTE}</Prose>;
}

const QUESTION = 'Which AWS IAM role should Atlas use to write to the bucket?';
const NO_ROLE = 'This project has no AWS IAM role for Atlas yet.';
const NO_ROLE_EXPLAINED = 'Atlas writes snapshots into your bucket by assuming an IAM role in your AWS account. “Set up a new role” does it from here.';
const LIST_KEYS = '↑/↓ to move · Enter to choose · Esc to go back';
const LIST_LIMIT = 7;

/**
 * How the role list fits the rows it has: every row with its details; else the details of the
 * highlighted row only and the note in one row; else fewer rows at once (the list scrolls).
 */
export function roleListLayout(items: ReadonlyArray<SelectItem<unknown>>, {columns, budget, noRoles, listed}: {columns: number; budget: number | undefined; noRoles: boolean; listed: boolean}): {compact: boolean; limit: number} {
	const around = (compact: boolean) => rowsOf([QUESTION, compact ? ROLE_ID_NOTE_SHORT : ROLE_ID_NOTE, LIST_KEYS], columns)
		+ (noRoles ? 1 + rowsOf([NO_ROLE, NO_ROLE_EXPLAINED], columns) : 0)
		// The list's top margin and "Authorized roles:".
		+ 1 + (listed ? 1 : 0);
	if (fits(around(false) + selectListRows(items, {limit: LIST_LIMIT}), budget)) return {compact: false, limit: LIST_LIMIT};
	let limit = LIST_LIMIT;
	while (limit > 3 && !fits(around(true) + selectListRows(items, {limit, detailsWhenSelected: true}), budget)) limit--;
	return {compact: true, limit};
}

/**
 * Step 3: the Atlas role Atlas assumes to write into the bucket. Authorized roles are chosen from a
 * list (Atlas role id + IAM role ARN, marked when already used for exports); unauthorized roles are
 * shown with what to do; with none, what the role is and how to set one up. A role id can be typed.
 */
export function RoleStep({projectId, projectLabel, current, bucket, setup, onSetup, onSetUp, onAnswer, onBack}: RoleStepProps) {
	const {services, connection} = useAtlasSession();
	const columns = useColumns();
	const budget = useRowBudget();
	const [typing, setTyping] = useState(false);
	const [loaded, load] = useAsyncLoad<AwsIamRole[]>(async signal => services.listRoles(connection, projectId, signal), [services, connection, projectId]);

	const roles = loaded.status === 'loaded' ? loaded.value : undefined;
	const authorized = roles?.filter(role => isAuthorized(role)) ?? [];
	const unauthorized = roles?.filter(role => !isAuthorized(role)) ?? [];

	if (setup) {
		return (
			<Suspense fallback={<Loading label="Opening the role set-up…" />}>
				<RoleSetupFlow
					setup={setup}
					projectId={projectId}
					projectLabel={projectLabel}
					{...(bucket === undefined ? {} : {bucketGuess: bucket})}
					unauthorizedRoles={unauthorized}
					dispatch={onSetup}
					onAuthorized={role => onSetUp(roleAnswer(role))}
					onLeave={() => {
						onSetup({type: 'leave'});
						load();
					}}
				/>
			</Suspense>
		);
	}

	if (loaded.status === 'loading') {
		return <Loading label="Fetching the project's AWS IAM roles…" onBack={onBack} />;
	}

	const width = Math.max(20, columns - 6);

	if (typing || loaded.status === 'failed') {
		return (
			<Box flexDirection="column">
				<Text bold>Atlas role id</Text>
				<RoleIdNote short={!fits(rowsOf([ROLE_ID_NOTE], columns) + 8, budget)} />
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

	const items: Array<SelectItem<Choice>> = [
		...authorized.map(role => ({
			key: role.roleId,
			label: middleTruncate(roleLabel(role), width),
			details: [middleTruncate(role.iamAssumedRoleArn ?? '', width), ...(usedForExports(role) ? ['★ already used for exports'] : [])],
			searchText: role.iamAssumedRoleArn ?? '',
			value: {kind: 'role', role} as Choice,
		})),
		// A role created earlier and never authorized is picked up, not a new one made on every run.
		...unauthorized.map(role => ({
			key: `resume:${role.roleId}`,
			// The date beside the id, the external id whole on the line below (at 80 columns): cut in the
			// middle together with the date, its first characters were lost and it read as another id.
			label: middleTruncate(`Authorize it: ${role.roleId}${role.createdDate ? ` (created ${role.createdDate.slice(0, 10)})` : ''}`, width),
			details: [middleTruncate(`not authorized yet · external id ${role.atlasAssumedRoleExternalId ?? '?'}`, width)],
			value: {kind: 'resume', role} as Choice,
		})),
	];
	const fixed: Array<SelectItem<Choice>> = [
		{key: 'setup', label: 'Set up a new role', details: [middleTruncate('creates the Atlas side, writes the AWS policies, authorizes it', width)], value: {kind: 'setup'}},
		{key: 'type', label: 'Type an Atlas role id', value: {kind: 'type'}},
		{key: 'refresh', label: 'Check again', value: {kind: 'refresh'}},
	];
	const noRoles = roles !== undefined && roles.length === 0;
	const {compact, limit} = roleListLayout([...items, ...fixed], {columns, budget, noRoles, listed: authorized.length > 0});

	return (
		<Box flexDirection="column">
			<Prose bold>{QUESTION}</Prose>
			<RoleIdNote short={compact} />
			{noRoles ? (
				<Box flexDirection="column" marginTop={1}>
					<Prose color="yellow">{NO_ROLE}</Prose>
					<Prose>{NO_ROLE_EXPLAINED}</Prose>
				</Box>
			) : null}
			<Box marginTop={1} flexDirection="column">
				{authorized.length > 0 ? <Text>Authorized roles:</Text> : null}
				<SelectList
					items={items}
					fixedItems={fixed}
					// The set-up is the way forward when no role can be used yet.
					initialKey={current?.roleId ?? (authorized.length === 0 ? 'setup' : undefined)}
					limit={limit}
					detailsWhenSelected={compact}
					onSelect={choice => {
						if (choice.kind === 'role') onAnswer(roleAnswer(choice.role));
						else if (choice.kind === 'resume') onSetup({type: 'start', setup: startSetup('resume', choice.role, bucket)});
						else if (choice.kind === 'setup') onSetup({type: 'start', setup: startSetup('new')});
						else if (choice.kind === 'type') setTyping(true);
						else load();
					}}
					onBack={onBack}
				/>
			</Box>
			<Prose dimColor>{LIST_KEYS}</Prose>
		</Box>
	);
}
