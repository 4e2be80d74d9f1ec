import {isServiceAccount} from '../atlas/types.js';
import React, {Suspense, lazy, useEffect, useMemo, useReducer, useRef} from 'react';
import {Box, Text} from 'ink';
import type {ExportBucket} from '../atlas/types.js';
import {equivalentCommand} from './command-line.js';
import {CopyablePrinter} from './components/copyable.js';
import {DemoNote, demoNoteText} from './components/demo-note.js';
import {endTruncate, middleTruncate} from './components/middle-truncate.js';
import {RowBudget, textRows} from './components/row-budget.js';
import {SHORT_TERMINAL_ROWS, useColumns, useRows} from './components/use-columns.js';
import {useKeys} from './input/use-keys.js';
import {WizardServicesProvider} from './services-context.js';
import {retryWhilePropagating, type IamWaitOutcome, type IamWaitProgress} from './iam-wait/retry-while-propagating.js';
import {toErrorView, type Connection, type WizardServices} from './services.js';
import {createInitialState, currentStep, wizardReducer, type WizardState} from './state.js';
import {answeredRows, credentialsLabel, stepPosition, type AnsweredRow} from './step-list.js';
import {CredentialsStep} from './steps/credentials.js';
import {preloaded} from './preloaded.js';

// The export screens load the first time they are shown, never at start (first-frame budget).
const ExportStep = lazy(async () => import('./export/export-step.js'));

// The steps after the key step load once the first frame is out (first-frame budget), long before a
// person has answered the first question; until then the step area shows "Loading…".
const ProjectStep = preloaded(async () => (await import('./steps/project.js')).ProjectStep);
const RoleStep = preloaded(async () => (await import('./steps/role.js')).RoleStep);
const BucketStep = preloaded(async () => (await import('./steps/bucket.js')).BucketStep);
const ConfirmStep = preloaded(async () => (await import('./steps/confirm.js')).ConfirmStep);
const ResultStep = preloaded(async () => (await import('./steps/result.js')).ResultStep);

/** Loads the steps after the key step (tests await it to render any step at once). */
export async function preloadSteps(): Promise<void> {
	await Promise.all([ProjectStep, RoleStep, BucketStep, ConfirmStep, ResultStep].map(async step => step.preload()));
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_CANCELLED = 130;

export type WizardProps = {
	services: WizardServices;
	/** Called once, with the exit code; the caller unmounts. */
	/** `notice`: one line for the terminal after the UI is gone (a cancel while the create was out). */
	onExit(code: number, notice?: string): void;
	/** Aborted to cancel everything in flight (Ctrl-C, a signal). */
	controller?: AbortController;
	initialState?: WizardState;
};

const NAME = 'atlas-export-bucket';
// The demo note's address is known once the simulator listens: its rows are counted at the longest.
const LONGEST_DEMO_ADDRESS = 'http://127.0.0.1:65535';

/** The answers' label column: two spaces past the longest label ("Service account" is longer than the others). */
function labelColumn(rows: AnsweredRow[]): number {
	return Math.max(9, ...rows.map(row => row.label.length + 2));
}

/** `oneLine`: the value cut in the middle to fit one row of `columns` (Ink's own truncation in a row measures as if wrapped). */
function Answered({label, value, note, labelWidth, oneLine, columns}: AnsweredRow & {labelWidth: number; oneLine: boolean; columns: number}) {
	return (
		<Box flexDirection="column">
			<Box>
				<Text color="green">✔ </Text>
				<Box width={labelWidth} flexShrink={0}>
					<Text dimColor>{label}</Text>
				</Box>
				<Text>{oneLine ? middleTruncate(value, columns - 2 - labelWidth) : value}</Text>
			</Box>
			{note ? (
				<Box paddingLeft={2}>
					<Text dimColor wrap="truncate-end">
						{note}
					</Text>
				</Box>
			) : null}
		</Box>
	);
}

/**
 * The whole flow. The step shown is derived from the state (`currentStep`); steps collect answers and
 * report them here. Sending happens here, once per confirmed submit; Ctrl-C aborts whatever is in
 * flight and exits with 130.
 */
export function Wizard({services, onExit, controller: givenController, initialState}: WizardProps) {
	const controller = useMemo(() => givenController ?? new AbortController(), [givenController]);
	const {signal} = controller;
	const [state, dispatch] = useReducer(wizardReducer, initialState ?? createInitialState());
	const exited = useRef(false);
	const sending = useRef(false);
	const step = currentStep(state);
	const columns = useColumns();
	// After the first frame: the later steps' modules (see preloadSteps).
	useEffect(() => {
		void preloadSteps();
	}, []);
	const rows = useRows();

	const exit = (code: number) => {
		if (exited.current) return;
		exited.current = true;
		// A cancel while the create is out cannot take it back: say so, and how to find out.
		const notice = sending.current && project
			? `Cancelled while the create request was out: Atlas may have registered the bucket. See whether it did: atlas-export-bucket list --project-id ${project.id}`
			: undefined;
		// The exit code first: aborting wakes listeners that would otherwise report a cancel.
		onExit(code, notice);
		controller.abort();
	};

	// Ctrl-C after the bucket was registered is not a cancel: what was asked for happened (exit 0).
	useKeys(key => {
		if (key.name === 'ctrl' && key.letter === 'c') exit(state.submission?.status === 'succeeded' ? EXIT_OK : EXIT_CANCELLED);
	});

	const {credentials, project, role, bucket} = state;
	const connection = useMemo<Connection | undefined>(
		() =>
			credentials
				? {
					...(isServiceAccount(credentials)
						? {clientId: credentials.clientId, clientSecret: credentials.clientSecret}
						: {publicKey: credentials.publicKey, privateKey: credentials.privateKey}),
					...(credentials.baseUrl ? {baseUrl: credentials.baseUrl} : {}),
					...(credentials.apiVersion ? {apiVersion: credentials.apiVersion} : {}),
				}
				: undefined,
		[credentials],
	);

	// Esc during the IAM wait: the attempt in flight finishes, no new one starts.
	const stopWaiting = useRef<AbortController | undefined>(undefined);
	const send = (waitForIam: boolean) => {
		if (sending.current || signal.aborted || !connection || !project || !role || bucket === undefined) return;
		sending.current = true;
		// The last create went out and got no answer: the retry looks first (never registers it twice).
		const verifyFirst = state.submission?.status === 'failed' && state.submission.error.outcomeUnknown;
		dispatch({type: 'send-started'});
		const input = {bucketName: bucket, iamRoleId: role.roleId};
		let lookFirst = verifyFirst;
		const attempt = async (attemptSignal: AbortSignal) => {
			// Only the first attempt looks; later ones follow a definite answer (CANNOT_ASSUME_ROLE).
			const options = {signal: attemptSignal, ...(lookFirst ? {verifyFirst: true} : {})};
			lookFirst = false;
			return services.createBucket(connection, project.id, input, options);
		};
		const stop = new AbortController();
		stopWaiting.current = stop;
		const attempts: IamWaitProgress[] = [];
		const outcome = waitForIam
			? retryWhilePropagating(attempt, {
				budgetMs: services.iamWaitMs,
				...services.iamRetryDelays,
				signal,
				stop: stop.signal,
				onWait(progress) {
					attempts.push(progress);
					if (!signal.aborted) dispatch({type: 'iam-wait', progress: {attempts: [...attempts], stopping: stop.signal.aborted}});
				},
			})
			: attempt(signal).then(
				(value): IamWaitOutcome<ExportBucket> => ({status: 'succeeded', value, attempts: 1}),
				(error: unknown): IamWaitOutcome<ExportBucket> => ({status: 'failed', error: toErrorView(error), attempts: 1, ended: 'other-error'}),
			);
		void outcome
			.then(result => {
				if (signal.aborted) return;
				if (result.status === 'succeeded') dispatch({type: 'send-succeeded', bucket: result.value});
				else dispatch({type: 'send-failed', error: result.error, ...(result.ended === 'budget-spent' || result.ended === 'stopped' ? {waited: {ended: result.ended, attempts: result.attempts}} : {})});
			})
			.finally(() => {
				sending.current = false;
			});
	};

	const back = () => {
		dispatch({type: 'back'});
	};

	let body: React.ReactNode;
	switch (step) {
		case 'credentials': {
			body = (
				<CredentialsStep
					current={credentials}
					auto={state.editing !== 'credentials'}
					onAnswer={(answer, note) => {
						dispatch({type: 'answer-credentials', credentials: answer});
						if (note) dispatch({type: 'keychain-note', note});
					}}
					onBack={back}
				/>
			);
			break;
		}

		case 'project': {
			const preselectId = services.initialProjectId ?? credentials?.projectId;
			const current = project ?? state.setAside?.project;
			body = (
				<ProjectStep
					{...(current ? {current} : {})}
					{...(preselectId ? {preselectId} : {})}
					auto={state.editing !== 'project'}
					onAnswer={answer => dispatch({type: 'answer-project', project: answer})}
					onBack={back}
				/>
			);
			break;
		}

		case 'role': {
			body = (
				<RoleStep
					projectId={project!.id}
					projectLabel={project!.name ? `${project!.name} (${project!.id})` : project!.id}
					{...(role ? {current: role} : {})}
					{...(bucket === undefined ? {} : {bucket})}
					{...(state.roleSetup ? {setup: state.roleSetup} : {})}
					onSetup={event => dispatch({type: 'role-setup', event})}
					onSetUp={answer => dispatch({type: 'role-set-up', role: answer})}
					onAnswer={answer => dispatch({type: 'answer-role', role: answer})}
					onBack={back}
				/>
			);
			break;
		}

		case 'bucket': {
			body = (
				<BucketStep
					projectId={project!.id}
					{...(bucket === undefined ? (state.bucketDraft === undefined ? {} : {current: state.bucketDraft}) : {current: bucket})}
					onAnswer={answer => dispatch({type: 'answer-bucket', bucket: answer})}
					onUseRegistered={registered => dispatch({type: 'use-bucket', bucket: registered})}
					onBack={back}
				/>
			);
			break;
		}

		case 'confirm': {
			body = (
				<ConfirmStep
					project={project!}
					role={role!}
					bucket={bucket!}
					onCreate={() => {
						dispatch({type: 'confirm'});
						send(false);
					}}
					onEdit={target => dispatch({type: 'edit', step: target})}
					onCancel={() => exit(EXIT_CANCELLED)}
					onBack={back}
				/>
			);
			break;
		}

		case 'result': {
			body = (
				<ResultStep
					submission={state.submission}
					projectId={project!.id}
					command={equivalentCommand({
						projectId: project!.id,
						roleId: role!.roleId,
						bucket: bucket!,
						...(credentials?.profileName ? {profileName: credentials.profileName} : {}),
						target: services.target(connection),
					})}
					iamWaitMs={services.iamWaitMs}
					demo={Boolean(services.demo)}
					credentials={credentialsLabel(credentials)}
					trust={{bucketName: bucket!, ...(role!.iamAssumedRoleArn ? {iamRoleArn: role!.iamAssumedRoleArn} : {}), ...(role!.atlasAWSAccountArn ? {atlasAWSAccountArn: role!.atlasAWSAccountArn} : {}), ...(role!.externalId ? {externalId: role!.externalId} : {})}}
					onRetry={({waitForIam}) => send(waitForIam)}
					onStopWaiting={() => {
						stopWaiting.current?.abort();
						if (state.submission?.status === 'sending' && state.submission.iamWait) dispatch({type: 'iam-wait', progress: {...state.submission.iamWait, stopping: true}});
					}}
					onEdit={target => dispatch({type: 'edit', step: target})}
					onQuit={() => exit(EXIT_FAILED)}
					onDone={() => exit(EXIT_OK)}
					onBack={back}
					onExport={goal => {
						if (state.submission?.status === 'succeeded') dispatch({type: 'use-bucket', bucket: state.submission.bucket, goal});
					}}
				/>
			);
			break;
		}

		case 'export': {
			const {exporting} = state;
			body = (
				<Suspense fallback={<Text dimColor>Loading…</Text>}>
					<ExportStep projectId={project!.id} bucket={exporting!.bucket} {...(exporting!.goal ? {goal: exporting!.goal} : {})} onBack={back} onDone={() => exit(EXIT_OK)} />
				</Suspense>
			);
			break;
		}
	}

	const {position, count, title} = stepPosition(step);
	const heading = ` · step ${position} of ${count} · ${title}`;
	const answered = answeredRows(state, step);
	const labelWidth = labelColumn(answered);
	// A short terminal: the header, the demo note and each answer take one row (cut, not wrapped);
	// the step gets the rows left (RowBudget) and folds what does not fit.
	const short = rows !== undefined && rows < SHORT_TERMINAL_ROWS;
	const wrapped = (text: string, indent = 0) => (short ? 1 : textRows(text, columns - indent));
	const chromeRows = wrapped(`${NAME}${heading}`)
		+ (services.demo ? wrapped(demoNoteText(LONGEST_DEMO_ADDRESS)) : 0)
		// "✔ ", the label column, the value.
		+ answered.reduce((total, row) => total + wrapped(row.value, 2 + labelWidth) + (row.note ? 1 : 0), 0)
		// The blank row under the answers, and the key step's "Ctrl-C to quit".
		+ 1 + (step === 'credentials' ? 1 : 0);
	// Ink keeps one row under the frame for the cursor.
	const budget = rows === undefined ? undefined : Math.max(1, rows - 1 - chromeRows);
	return (
		<WizardServicesProvider services={services} signal={signal} {...(connection ? {connection} : {})}>
			<CopyablePrinter>
				<Box flexDirection="column">
					<Text>
						<Text bold color="cyan">
							{NAME}
						</Text>
						<Text dimColor>{short ? endTruncate(heading, columns - NAME.length) : heading}</Text>
					</Text>
					{services.demo ? <DemoNote {...(short ? {columns} : {})} /> : null}
					<Box flexDirection="column" marginBottom={1}>
						{answered.map(row => (
							<Answered key={row.label} {...row} labelWidth={labelWidth} oneLine={short} columns={columns} />
						))}
					</Box>
					<Box key={`${step}:${state.editing ?? ''}`} flexDirection="column">
						<RowBudget.Provider value={budget}>
							<Suspense fallback={<Text dimColor>Loading…</Text>}>{body}</Suspense>
						</RowBudget.Provider>
					</Box>
					{step === 'credentials' ? <Text dimColor>Ctrl-C to quit</Text> : null}
				</Box>
			</CopyablePrinter>
		</WizardServicesProvider>
	);
}
