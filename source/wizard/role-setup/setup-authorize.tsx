// Authorize the Atlas role with the IAM role's ARN. Atlas assumes the role at once, and a fresh
// role's trust policy takes a while to propagate in AWS: CANNOT_ASSUME_ROLE is waited out visibly
// (the shared IAM wait), Esc stops waiting with every answer kept, and a wait that runs out ends in
// what to check, with this role's real principal and external id.
import React, {useEffect, useState} from 'react';
import {Box, Text} from 'ink';
import type {AwsIamRole} from '../../atlas/types.js';
import {ErrorNotice} from '../components/error-notice.js';
import {foldDetails, rowsOf, useRowBudget} from '../components/row-budget.js';
import {SelectList} from '../components/select-list.js';
import {useColumns} from '../components/use-columns.js';
import {conclusionLines, IamWaitConclusion, IamWaitView, seconds} from '../iam-wait/iam-wait-view.js';
import {useIamWait} from '../iam-wait/use-iam-wait.js';
import {useAtlasSession} from '../services-context.js';
import {Prose} from '../components/prose.js';

export type SetupAuthorizeProps = {
	projectId: string;
	role: AwsIamRole;
	iamRoleArn: string;
	bucket?: string;
	onAuthorized(role: AwsIamRole): void;
	/** Back to the ARN (Esc, or "Use another ARN"). */
	onBack(): void;
	/** Leave the set-up for the role list. */
	onLeave(): void;
};

type Choice = 'wait' | 'again' | 'arn' | 'roles' | 'details';

const HEADLINE = 'The role is not authorized yet.';
const KEYS = 'Enter to choose · Esc to change the ARN';

export function SetupAuthorize({projectId, role, iamRoleArn, bucket, onAuthorized, onBack, onLeave}: SetupAuthorizeProps) {
	const {services, connection} = useAtlasSession();
	const {state, run, stop} = useIamWait<AwsIamRole>();
	const columns = useColumns();
	const budget = useRowBudget();
	const [detailsOpen, setDetailsOpen] = useState(false);
	const authorize = () => {
		void run(async signal => services.authorizeRole(connection, projectId, role.roleId, iamRoleArn, signal)).then(outcome => {
			if (outcome.status === 'succeeded') onAuthorized(outcome.value);
		});
	};

	// Once per visit: an authorize is sent when the screen appears, again only when asked.
	useEffect(authorize, []);

	if (state.status === 'idle' || state.status === 'running' || state.status === 'succeeded') {
		return <IamWaitView action="Authorizing the role in Atlas" attempts={state.status === 'running' ? state.attempts : []} stopping={state.status === 'running' && state.stopping} onStop={stop} />;
	}

	const {error, ended, attempts} = state;
	const next = 'Fix the role\'s trust policy in AWS, then authorize again.';
	const values = {iamRoleArn, ...(role.atlasAWSAccountArn ? {atlasAWSAccountArn: role.atlasAWSAccountArn} : {}), ...(role.atlasAssumedRoleExternalId ? {externalId: role.atlasAssumedRoleExternalId} : {}), ...(bucket ? {bucketName: bucket} : {})};
	const items: Array<{key: Choice; label: string; value: Choice}> = [];
	if (error.cannotAssumeRole && ended === 'stopped') items.push({key: 'wait', label: `Wait again (up to ${seconds(services.iamWaitMs)})`, value: 'wait'});
	items.push(
		{key: 'again', label: ended === 'budget-spent' ? 'I fixed it in AWS: authorize again' : 'Authorize again', value: 'again'},
		{key: 'arn', label: 'Use another role ARN', value: 'arn'},
		{key: 'roles', label: 'Back to the project\'s roles (this role stays, to authorize later)', value: 'roles'},
	);
	const stoppedNote = ended === 'stopped' ? `You stopped waiting after ${attempts} attempts; every answer is kept.` : undefined;
	const detailTexts = [...(ended === 'budget-spent' ? conclusionLines({attempts, budgetMs: services.iamWaitMs, values, next}) : ['', `✖ ${error.message}`, error.hint && `→ ${error.hint}`]), stoppedNote];
	// The reason and what to check fold behind "Show details" when they do not fit with the choices.
	const fold = foldDetails(rowsOf([HEADLINE, KEYS], columns) + 1 + rowsOf([...items.map(item => item.label), 'Show details'], columns - 2), rowsOf(detailTexts, columns), budget, detailsOpen);
	if (fold.folded) items.push(fold.choice);
	return (
		<Box flexDirection="column">
			<Prose color="red" bold>
				{HEADLINE}
			</Prose>
			{fold.shown ? (
				<>
					{ended === 'budget-spent' ? (
						<IamWaitConclusion attempts={attempts} budgetMs={services.iamWaitMs} values={values} next={next} />
					) : (
						<ErrorNotice message={error.message} {...(error.hint ? {hint: error.hint} : {})} />
					)}
					{stoppedNote ? <Prose dimColor>{stoppedNote}</Prose> : null}
				</>
			) : null}
			<Box marginTop={1}>
				<SelectList<Choice>
					items={items}
					initialKey={fold.folded && fold.shown ? 'details' : undefined}
					onSelect={choice => {
						if (choice === 'wait' || choice === 'again') authorize();
						else if (choice === 'arn') onBack();
						else if (choice === 'details') setDetailsOpen(open => !open);
						else onLeave();
					}}
					onBack={onBack}
				/>
			</Box>
			<Prose dimColor>{KEYS}</Prose>
		</Box>
	);
}
