import React, {useState} from 'react';
import {Box, Text} from 'ink';
import {SpinnerLine} from '../components/loading.js';
import {Copyable} from '../components/copyable.js';
import {ErrorNotice} from '../components/error-notice.js';
import {IamWaitConclusion, IamWaitView, seconds, type TrustValues} from '../iam-wait/iam-wait-view.js';
import {FieldRow} from '../components/field-row.js';
import {SelectList} from '../components/select-list.js';
import {SHORT_TERMINAL_ROWS, useRows} from '../components/use-columns.js';
import type {EditableStep, Submission} from '../state.js';

export type ResultStepProps = {
	submission: Submission | undefined;
	projectId: string;
	command: string;
	/** How long the opt-in IAM wait may take, for the offer's label. */
	iamWaitMs: number;
	demo?: boolean;
	/** What Atlas's role must be trusted with, named in the conclusion after a wait for IAM. */
	trust: TrustValues;
	onRetry(options: {waitForIam: boolean}): void;
	/** Esc during the IAM wait. */
	onStopWaiting(): void;
	onEdit(step: EditableStep): void;
	onQuit(): void;
	onDone(): void;
	onBack(): void;
	/** After success: go on to export a snapshot now or turn on automatic export. */
	onExport(goal: 'export' | 'auto'): void;
};

type FailureChoice = 'key' | 'wait' | 'retry' | 'edit' | 'quit';


/**
 * Step 6: sending, then the outcome. Success shows the registered bucket and the command that does the
 * same without prompts. Failure shows the mapped message and hint with Retry, Edit and Quit, every
 * answer kept; CANNOT_ASSUME_ROLE also offers the bounded wait for IAM propagation.
 */
export function ResultStep({submission, projectId, command, iamWaitMs, demo = false, trust, onRetry, onStopWaiting, onEdit, onQuit, onDone, onBack, onExport}: ResultStepProps) {
	const [editing, setEditing] = useState(false);
	const rows = useRows();
	const compact = rows !== undefined && rows < SHORT_TERMINAL_ROWS;

	if (!submission || submission.status === 'sending') {
		const wait = submission?.iamWait;
		if (wait) return <IamWaitView action="Registering the export bucket" attempts={wait.attempts} stopping={wait.stopping} onStop={onStopWaiting} />;
		return (
			<Box flexDirection="column">
				<SpinnerLine label="Registering the export bucket with Atlas…" />
				<Text dimColor>Ctrl-C cancels.</Text>
			</Box>
		);
	}

	if (submission.status === 'succeeded') {
		const {bucket} = submission;
		return (
			<Box flexDirection="column">
				<Text color="green" bold>
					✔ Export bucket registered.
				</Text>
				<Box flexDirection="column" marginTop={1}>
					<FieldRow label="Id" value={bucket.id} />
					<FieldRow label="Bucket" value={bucket.bucketName} />
					<FieldRow label="Provider" value={bucket.cloudProvider} />
					<FieldRow label="Atlas role id" value={bucket.iamRoleId ?? '-'} />
					<FieldRow label="Project id" value={projectId} />
					{/* Atlas's create answer has no region (recorded); a region is shown only when an answer carried one. */}
					{bucket.region ? <FieldRow label="Region" value={bucket.region} /> : null}
				</Box>
				<Box flexDirection="column" marginTop={1}>
					<Text dimColor>Next time, without prompts:</Text>
					<Copyable id="next-time" title="Next time, without prompts" lines={[command]} />
					{demo ? <Text dimColor>(Demo: the simulator stops with the wizard; `atlas-export-bucket simulator` runs one that stays, and prints its base URL.)</Text> : null}
				</Box>
				<Box flexDirection="column" marginTop={1}>
					<Text bold>Next?</Text>
					<SelectList<'export' | 'auto' | 'done'>
						items={[
							{key: 'export', label: 'Export a snapshot now', value: 'export'},
							{key: 'auto', label: 'Turn on automatic export', value: 'auto'},
							{key: 'done', label: 'Done', value: 'done'},
						]}
						initialKey="done"
						onSelect={choice => (choice === 'done' ? onDone() : onExport(choice))}
						onBack={onDone}
					/>
				</Box>
			</Box>
		);
	}

	const {error} = submission;
	if (editing) {
		return (
			<Box flexDirection="column">
				<ErrorNotice message={error.message} {...(error.hint ? {hint: error.hint} : {})} />
				<Text>Which answer do you want to change?</Text>
				<SelectList<EditableStep>
					items={[
						{key: 'bucket', label: 'Bucket', value: 'bucket'},
						{key: 'role', label: 'IAM role', value: 'role'},
						{key: 'project', label: 'Project', value: 'project'},
						{key: 'credentials', label: 'API key', value: 'credentials'},
					]}
					onSelect={step => onEdit(step)}
					onBack={() => setEditing(false)}
				/>
			</Box>
		);
	}

	const items: Array<{key: FailureChoice; label: string; value: FailureChoice}> = [];
	// After a whole wait the same offer would fail the same way: the conclusion says what to fix instead.
	const waitedInVain = submission.waited?.ended === 'budget-spent';
	// The key check only proves the key pair: Atlas checks the role per operation, so it can fail here.
	if (error.missingRole) items.push({key: 'key', label: 'Go back to the API key (use one with the role)', value: 'key'});
	if (error.cannotAssumeRole && !waitedInVain) {
		items.push({key: 'wait', label: `Wait for IAM to propagate and retry (up to ${seconds(iamWaitMs)})`, value: 'wait'});
	}

	items.push({key: 'retry', label: 'Retry now', value: 'retry'}, {key: 'edit', label: 'Edit a step', value: 'edit'}, {key: 'quit', label: 'Quit', value: 'quit'});
	const headline = (
		<Text color="red" bold>
			{error.outcomeUnknown ? 'No answer came: Atlas may or may not have registered the bucket.' : 'The export bucket was not registered.'}
		</Text>
	);
	const choices = (
		<Box marginTop={1} flexDirection="column">
			<SelectList
				items={items}
				onSelect={choice => {
					if (choice === 'key') onEdit('credentials');
					else if (choice === 'wait') onRetry({waitForIam: true});
					else if (choice === 'retry') onRetry({waitForIam: false});
					else if (choice === 'edit') setEditing(true);
					else onQuit();
				}}
				onBack={onBack}
			/>
			<Text dimColor>Your answers are kept · Esc to go back to the summary</Text>
		</Box>
	);
	const details = (
		<Box flexDirection="column">
			{error.outcomeUnknown ? <Text dimColor>Retry first lists the project's export buckets and sends again only if it is not there.</Text> : null}
			{waitedInVain ? (
				<IamWaitConclusion attempts={submission.waited!.attempts} budgetMs={iamWaitMs} values={trust} next="Fix the role in AWS, then Retry now; or Edit a step to choose another role or bucket." />
			) : (
				<ErrorNotice message={error.message} {...(error.hint ? {hint: error.hint} : {})} />
			)}
			{error.missingRole ? <Text>The key check passed, but this key lacks the project role this step needs: Atlas checks roles per operation.</Text> : null}
			{submission.waited?.ended === 'stopped' ? <Text dimColor>You stopped waiting after {submission.waited.attempts} attempts.</Text> : null}
			{error.cannotAssumeRole && !waitedInVain ? <Text dimColor>Right after a role or policy change, AWS IAM often needs up to a minute to propagate.</Text> : null}
		</Box>
	);
	// A short terminal (80x24, 40x20): the headline and the choices first, the reason and its fix after.
	if (compact) {
		return (
			<Box flexDirection="column">
				{headline}
				{choices}
				{details}
			</Box>
		);
	}

	return (
		<Box flexDirection="column">
			{headline}
			{details}
			{choices}
		</Box>
	);
}
