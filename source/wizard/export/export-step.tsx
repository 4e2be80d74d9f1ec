// After a bucket is registered (or found registered): export a snapshot now, turn on automatic
// export, or be done. Loaded lazily by the wizard (dynamic import) the first time it is shown, so
// start-up never pays for it. The screens follow exportFlowReducer's state.
import React, {useReducer} from 'react';
import {Box, Text} from 'ink';
import type {ExportBucket} from '../../atlas/types.js';
import {checkJobCommand} from '../../backup/job-text.js';
import {Copyable} from '../components/copyable.js';
import {RowBudget, useRowBudget} from '../components/row-budget.js';
import {SelectList} from '../components/select-list.js';
import {AutoClusters, AutoConfirm, AutoFrequency, AutoResult} from './auto-export.js';
import {ClusterPick, ExportConfirm, ExportProgress, SnapshotPick} from './export-now.js';
import {exportFlowReducer, exportScreen, initialExportFlow, type ExportGoal} from './flow-state.js';
import {Prose} from '../components/prose.js';

export type ExportStepProps = {
	projectId: string;
	bucket: ExportBucket;
	/** Start on this goal instead of the menu (the result screen's offers). */
	goal?: ExportGoal;
	/** Back from the menu: to the screen the user came from. */
	onBack(): void;
	onDone(): void;
};

type Choice = ExportGoal | 'done';

export function ExportStep({projectId, bucket, goal, onBack, onDone}: ExportStepProps) {
	const [state, dispatch] = useReducer(exportFlowReducer, goal ? {...initialExportFlow, goal} : initialExportFlow);
	const screen = exportScreen(state);
	const budget = useRowBudget();
	const back = () => dispatch({type: 'back'});
	const menu = (intro?: string) => (
		<Box flexDirection="column">
			{intro ? <Text bold>{intro}</Text> : null}
			<SelectList<Choice>
				items={[
					{key: 'export', label: state.job || state.leftRunning ? 'Export another snapshot' : 'Export a snapshot now', value: 'export'},
					{key: 'auto', label: 'Turn on automatic export', value: 'auto'},
					{key: 'done', label: 'Done', value: 'done'},
				]}
				onSelect={choice => (choice === 'done' ? onDone() : dispatch({type: 'goal', goal: choice}))}
				onBack={screen === 'menu' ? onBack : () => dispatch({type: 'goal', goal: undefined})}
			/>
		</Box>
	);

	let body: React.ReactNode;
	switch (screen) {
		case 'menu':
			body = (
				<Box flexDirection="column">
					{state.leftRunning ? (
						<Box flexDirection="column" marginBottom={1}>
							<Prose>The export job {state.leftRunning.job.id} keeps running in Atlas (nothing was cancelled). Check it later with:</Prose>
							<Copyable id={`check:${state.leftRunning.job.id}`} title="Check the export later" lines={[checkJobCommand(projectId, state.leftRunning.clusterName, state.leftRunning.job.id)]} />
						</Box>
					) : null}
					{menu(`What next with ${bucket.bucketName}?`)}
				</Box>
			);
			break;
		case 'cluster':
			body = <ClusterPick projectId={projectId} onPick={cluster => dispatch({type: 'cluster', cluster})} onBack={back} />;
			break;
		case 'snapshot':
			body = <SnapshotPick projectId={projectId} cluster={state.cluster!} onPick={snapshot => dispatch({type: 'snapshot', snapshot})} onBack={back} />;
			break;
		case 'confirm':
			body = <ExportConfirm projectId={projectId} cluster={state.cluster!} snapshot={state.snapshot!} exportBucketId={bucket.id} bucketName={bucket.bucketName} onConfirm={() => dispatch({type: 'confirm'})} onBack={back} />;
			break;
		case 'progress':
			body = (
				<ExportProgress
					projectId={projectId}
					cluster={state.cluster!}
					snapshot={state.snapshot!}
					exportBucketId={bucket.id}
					bucketName={bucket.bucketName}
					{...(state.job ? {job: state.job} : {})}
					onCreated={job => dispatch({type: 'job', job})}
					onLeave={() => dispatch({type: 'leave-running'})}
					onRetry={() => dispatch({type: 'goal', goal: 'export'})}
					next={menu()}
				/>
			);
			break;
		case 'auto-clusters':
			body = <AutoClusters projectId={projectId} onPick={clusters => dispatch({type: 'auto-clusters', clusters})} onBack={back} />;
			break;
		case 'auto-frequency':
			body = <AutoFrequency onPick={frequency => dispatch({type: 'frequency', frequency})} onBack={back} />;
			break;
		case 'auto-confirm':
			body = <AutoConfirm projectId={projectId} clusters={state.autoClusters!} frequency={state.frequency!} exportBucketId={bucket.id} bucketName={bucket.bucketName} onConfirm={() => dispatch({type: 'auto-confirm'})} onBack={back} />;
			break;
		case 'auto-result':
			body = <AutoResult projectId={projectId} clusters={state.autoClusters!} frequency={state.frequency!} exportBucketId={bucket.id} bucketName={bucket.bucketName} next={menu()} />;
			break;
	}
	return (
		<Box flexDirection="column">
			<Prose dimColor>
				Export bucket {bucket.bucketName} ({bucket.id})
			</Prose>
			<Box key={screen} flexDirection="column" marginTop={1}>
				{/* The bucket line and the blank under it take two of the rows the step has. */}
				<RowBudget.Provider value={budget === undefined ? undefined : budget - 2}>{body}</RowBudget.Provider>
			</Box>
		</Box>
	);
}

export default ExportStep;
