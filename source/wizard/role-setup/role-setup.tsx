// The role set-up on the role step: shows the first unanswered screen of the set-up (setup-state.ts)
// and turns each screen's answer into a set-up action. Ends with the authorized role.
import React from 'react';
import {Box, Text} from 'ink';
import type {AwsIamRole} from '../../atlas/types.js';
import {planRoleSetup} from '../../roles/setup-plan.js';
import {RowBudget, useRowBudget} from '../components/row-budget.js';
import {SetupApprove, SetupBucket, SetupCreate} from './setup-start.js';
import {SetupArn} from './setup-arn.js';
import {SetupAuthorize} from './setup-authorize.js';
import {SetupPolicies} from './setup-policies.js';
import {setupScreen, type RoleSetup, type SetupAction} from './setup-state.js';

export type RoleSetupFlowProps = {
	setup: RoleSetup;
	projectId: string;
	projectLabel: string;
	/** The bucket already answered on the bucket step, if any: the first guess. */
	bucketGuess?: string;
	/** The project's roles created and never authorized (listed before the set-up began): a new set-up offers to pick one up. */
	unauthorizedRoles?: readonly AwsIamRole[];
	dispatch(action: SetupAction): void;
	onAuthorized(role: AwsIamRole): void;
	/** Back to the role list (which lists again: a role created here shows up to resume). */
	onLeave(): void;
};

/** The role created last (Atlas's createdDate is ISO 8601, so it sorts as text). */
function newestRole(roles: readonly AwsIamRole[]): AwsIamRole | undefined {
	return [...roles].sort((a, b) => (b.createdDate ?? '').localeCompare(a.createdDate ?? ''))[0];
}

export function RoleSetupFlow({setup, projectId, projectLabel, bucketGuess, unauthorizedRoles = [], dispatch, onAuthorized, onLeave}: RoleSetupFlowProps) {
	const back = () => {
		if (setupScreen(setup) === 'bucket') onLeave();
		else dispatch({type: 'back'});
	};

	const budget = useRowBudget();
	const heading = setup.role ? `Setting up Atlas role ${setup.role.roleId}` : 'Setting up a new AWS IAM role for Atlas';
	let screen: React.ReactNode;
	switch (setupScreen(setup)) {
		case 'bucket': {
			const initial = setup.bucket ?? setup.draftBucket ?? bucketGuess;
			screen = <SetupBucket {...(initial === undefined ? {} : {initial})} onAnswer={bucket => dispatch({type: 'bucket', bucket})} onBack={back} />;
			break;
		}

		case 'approve': {
			const pickUp = newestRole(unauthorizedRoles);
			screen = <SetupApprove projectLabel={projectLabel} bucket={setup.bucket!} {...(pickUp ? {pickUp} : {})} onApprove={() => dispatch({type: 'approve'})} onPickUp={role => dispatch({type: 'pick-up', role})} onBack={back} />;
			break;
		}

		case 'create': {
			screen = <SetupCreate projectId={projectId} onCreated={role => dispatch({type: 'created', role})} onCheckRoles={onLeave} onBack={back} />;
			break;
		}

		case 'policies': {
			const role = setup.role!;
			screen = <SetupPolicies planFor={dir => planRoleSetup(role, {bucketName: setup.bucket!, dir})} onWritten={(dir, paths) => dispatch({type: 'files', dir, paths})} onBack={back} />;
			break;
		}

		case 'arn': {
			const role = setup.role!;
			screen = <SetupArn plan={planRoleSetup(role, {bucketName: setup.bucket!, dir: setup.files!.dir})} onArn={iamRoleArn => dispatch({type: 'arn', iamRoleArn})} onBack={back} />;
			break;
		}

		case 'authorize': {
			screen = <SetupAuthorize projectId={projectId} role={setup.role!} iamRoleArn={setup.iamRoleArn!} bucket={setup.bucket!} onAuthorized={onAuthorized} onBack={back} onLeave={onLeave} />;
			break;
		}
	}

	return (
		<Box flexDirection="column">
			<Text dimColor>{heading}</Text>
			{/* The heading takes one of the rows the role step has. */}
			<RowBudget.Provider value={budget === undefined ? undefined : budget - 1}>{screen}</RowBudget.Provider>
		</Box>
	);
}
