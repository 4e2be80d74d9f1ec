import React, {useState} from 'react';
import {Box, Text} from 'ink';
import {SpinnerLine} from '../components/loading.js';
import {Copyable, pointerText} from '../components/copyable.js';
import {ErrorNotice} from '../components/error-notice.js';
import {conclusionLines, IamWaitConclusion, IamWaitView, seconds, type TrustValues} from '../iam-wait/iam-wait-view.js';
import {FieldRow, fieldLine, fieldRowRows} from '../components/field-row.js';
import {fits, foldDetails, rowsOf, useRowBudget} from '../components/row-budget.js';
import {SelectList} from '../components/select-list.js';
import {SHORT_TERMINAL_ROWS, useColumns, useRows} from '../components/use-columns.js';
import type {EditableStep, Submission} from '../state.js';
import {Prose} from '../components/prose.js';

export type ResultStepProps = {
	submission: Submission | undefined;
	projectId: string;
	command: string;
	/** How long the opt-in IAM wait may take, for the offer's label. */
	iamWaitMs: number;
	demo?: boolean;
	/** What the key step's answer is called (step-list.ts credentialsLabel). */
	credentials?: 'API key' | 'Service account';
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

type FailureChoice = 'key' | 'wait' | 'retry' | 'edit' | 'details' | 'quit';

const DEMO_NOTE = '(Demo: the simulator stops with the wizard; `atlas-export-bucket simulator` runs one that stays, and prints its base URL.)';
const OUTCOME_UNKNOWN_NOTE = 'Retry first lists the project\'s export buckets and sends again only if it is not there.';
/** Why a step failed after the key check passed, for an API key or a service account. */
const missingRoleNote = (credentials: string) => `The key check passed, but this ${credentials === 'API key' ? 'key' : 'service account'} lacks the project role this step needs: Atlas checks roles per operation.`;
const PROPAGATION_NOTE = 'Right after a role or policy change, AWS IAM often needs up to a minute to propagate.';
const WAITED_NEXT = 'Fix the role in AWS, then Retry now; or Edit a step to choose another role or bucket.';


/**
 * Step 6: sending, then the outcome. Success shows the registered bucket and the command that does the
 * same without prompts. Failure shows the mapped message and hint with Retry, Edit and Quit, every
 * answer kept; CANNOT_ASSUME_ROLE also offers the bounded wait for IAM propagation.
 */
export function ResultStep({submission, projectId, command, iamWaitMs, demo = false, credentials = 'API key', trust, onRetry, onStopWaiting, onEdit, onQuit, onDone, onBack, onExport}: ResultStepProps) {
	const [editing, setEditing] = useState(false);
	const [detailsOpen, setDetailsOpen] = useState(false);
	const columns = useColumns();
	const budget = useRowBudget();
	const rows = useRows();
	const compact = rows !== undefined && rows < SHORT_TERMINAL_ROWS;

	if (!submission || submission.status === 'sending') {
		const wait = submission?.iamWait;
		if (wait) return <IamWaitView action="Registering the export bucket" attempts={wait.attempts} stopping={wait.stopping} onStop={onStopWaiting} />;
		return (
			<Box flexDirection="column">
				<SpinnerLine label="Registering the export bucket with Atlas…" />
				<Prose dimColor>Ctrl-C cancels.</Prose>
			</Box>
		);
	}

	if (submission.status === 'succeeded') {
		const {bucket} = submission;
		const fields: Array<[string, string]> = [
			['Id', bucket.id],
			['Bucket', bucket.bucketName],
			['Provider', bucket.cloudProvider],
			['Atlas role id', bucket.iamRoleId ?? '-'],
			['Project id', projectId],
			// Atlas's create answer has no region (recorded); a region is shown only when an answer carried one.
			...(bucket.region ? [['Region', bucket.region] as [string, string]] : []),
		];
		const offers = [
			{key: 'export', label: 'Export a snapshot now', value: 'export' as const},
			{key: 'auto', label: 'Turn on automatic export', value: 'auto' as const},
			{key: 'done', label: 'Done', value: 'done' as const},
		];
		const next = (
			<Box flexDirection="column" marginTop={1}>
				<Text bold>Next?</Text>
				<SelectList<'export' | 'auto' | 'done'> items={offers} initialKey="done" onSelect={choice => (choice === 'done' ? onDone() : onExport(choice))} onBack={onDone} />
			</Box>
		);
		const headline = (
			<Prose color="green" bold>
				✔ Export bucket registered.
			</Prose>
		);
		// Headline, fields, the command (or where it is printed), the demo note, then the offer.
		const needed = 1 + 1 + fields.length * fieldRowRows(columns) + 1 + 1 + rowsOf([command.length <= columns ? command : pointerText(command)], columns) + (demo ? rowsOf([DEMO_NOTE], columns) : 0) + 1 + 1 + offers.length;
		if (!fits(needed, budget)) {
			// A short terminal: the registration is printed whole above the frame, the offer stays in view.
			return (
				<Box flexDirection="column">
					{headline}
					<Copyable id={`registered:${bucket.id}`} title="Export bucket registered" lines={[...fields.map(([label, value]) => fieldLine(label, value)), ...(demo ? [DEMO_NOTE] : [])]} inPlace={false} />
					<Copyable id="next-time" title="Next time, without prompts" lines={[command]} inPlace={false} />
					<Prose dimColor>Its details and the command for next time are printed above.</Prose>
					{next}
				</Box>
			);
		}

		return (
			<Box flexDirection="column">
				{headline}
				<Box flexDirection="column" marginTop={1}>
					{fields.map(([label, value]) => (
						<FieldRow key={label} label={label} value={value} />
					))}
				</Box>
				<Box flexDirection="column" marginTop={1}>
					<Prose dimColor>Next time, without prompts:</Prose>
					<Copyable id="next-time" title="Next time, without prompts" lines={[command]} />
					{demo ? <Prose dimColor>{DEMO_NOTE}</Prose> : null}
				</Box>
				{next}
			</Box>
		);
	}

	const {error} = submission;
	if (editing) {
		return (
			<Box flexDirection="column">
				<ErrorNotice message={error.message} {...(error.hint ? {hint: error.hint} : {})} />
				<Prose>Which answer do you want to change?</Prose>
				<SelectList<EditableStep>
					items={[
						{key: 'bucket', label: 'Bucket', value: 'bucket'},
						{key: 'role', label: 'IAM role', value: 'role'},
						{key: 'project', label: 'Project', value: 'project'},
						{key: 'credentials', label: credentials, value: 'credentials'},
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
	if (error.missingRole) items.push({key: 'key', label: `Go back to the ${credentials === 'API key' ? 'API key' : 'service account'} (use one with the role)`, value: 'key'});
	if (error.cannotAssumeRole && !waitedInVain) {
		items.push({key: 'wait', label: `Wait for IAM to propagate and retry (up to ${seconds(iamWaitMs)})`, value: 'wait'});
	}

	items.push({key: 'retry', label: 'Retry now', value: 'retry'}, {key: 'edit', label: 'Edit a step', value: 'edit'});
	const headlineText = error.outcomeUnknown ? 'No answer came: Atlas may or may not have registered the bucket.' : 'The export bucket was not registered.';
	const detailTexts = [
		error.outcomeUnknown && OUTCOME_UNKNOWN_NOTE,
		...(waitedInVain ? ['', ...conclusionLines({attempts: submission.waited!.attempts, budgetMs: iamWaitMs, values: trust, next: WAITED_NEXT})] : ['', `✖ ${error.message}`, error.hint && `→ ${error.hint}`]),
		error.missingRole && missingRoleNote(credentials),
		submission.waited?.ended === 'stopped' && `You stopped waiting after ${submission.waited.attempts} attempts.`,
		error.cannotAssumeRole && !waitedInVain && PROPAGATION_NOTE,
	];
	const keysLine = 'Your answers are kept · Esc to go back to the summary';
	// The choices as the list draws them (after its two-column indicator), with "Show details" and "Quit".
	const choiceRows = rowsOf([...items.map(item => item.label), 'Show details', 'Quit'], columns - 2);
	// The reason folds behind "Show details" when the headline, the choices and the reason do not fit together.
	const fold = foldDetails(rowsOf([headlineText], columns) + 1 + choiceRows + rowsOf([keysLine], columns), rowsOf(detailTexts, columns), budget, detailsOpen);
	if (fold.folded) items.push(fold.choice);
	items.push({key: 'quit', label: 'Quit', value: 'quit'});
	const headline = (
		<Prose color="red" bold>
			{headlineText}
		</Prose>
	);
	const choices = (
		<Box marginTop={1} flexDirection="column">
			<SelectList
				items={items}
				initialKey={fold.folded && fold.shown ? 'details' : undefined}
				onSelect={choice => {
					if (choice === 'key') onEdit('credentials');
					else if (choice === 'wait') onRetry({waitForIam: true});
					else if (choice === 'retry') onRetry({waitForIam: false});
					else if (choice === 'edit') setEditing(true);
					else if (choice === 'details') setDetailsOpen(open => !open);
					else onQuit();
				}}
				onBack={onBack}
			/>
			<Prose dimColor>{keysLine}</Prose>
		</Box>
	);
	const details = (
		<Box flexDirection="column">
			{error.outcomeUnknown ? <Prose dimColor>{OUTCOME_UNKNOWN_NOTE}</Prose> : null}
			{waitedInVain ? (
				<Box marginTop={1}>
					<IamWaitConclusion attempts={submission.waited!.attempts} budgetMs={iamWaitMs} values={trust} next={WAITED_NEXT} />
				</Box>
			) : (
				<ErrorNotice message={error.message} {...(error.hint ? {hint: error.hint} : {})} />
			)}
			{error.missingRole ? <Prose>{missingRoleNote(credentials)}</Prose> : null}
			{submission.waited?.ended === 'stopped' ? <Prose dimColor>You stopped waiting after {submission.waited.attempts} attempts.</Prose> : null}
			{error.cannotAssumeRole && !waitedInVain ? <Prose dimColor>{PROPAGATION_NOTE}</Prose> : null}
		</Box>
	);
	// Too little room for everything: the headline and the choices; the reason and its fix when asked,
	// between them (the choices stay at the bottom, in view).
	if (fold.folded) {
		return (
			<Box flexDirection="column">
				{headline}
				{fold.shown ? details : null}
				{choices}
			</Box>
		);
	}

	// A short terminal (80x24): the headline and the choices first, the reason and its fix after.
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
