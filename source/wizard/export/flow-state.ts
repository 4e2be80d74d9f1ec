// The export screens' answers after a bucket is registered, and the screen they lead to (the first
// one not yet answered), like the wizard's own state: Back is a state change, and every rule can be
// checked without rendering. Two goals: export one snapshot now, or turn on automatic export.
import type {AutoExportFrequency, Cluster, ExportJob, Snapshot} from '../../atlas/backup-types.js';

export type ExportGoal = 'export' | 'auto';

export type ExportFlowState = {
	goal?: ExportGoal;
	/** Export now: the cluster and the completed snapshot, then the user's go-ahead. */
	cluster?: Cluster;
	snapshot?: Snapshot;
	confirmed: boolean;
	/** The job once created (the progress view follows it). */
	job?: ExportJob;
	/** Esc on the progress view: the job keeps running, the user moved on. */
	leftRunning?: {job: ExportJob; clusterName: string};
	/** Automatic export: the cluster(s), the frequency, then the go-ahead. */
	autoClusters?: Cluster[];
	frequency?: AutoExportFrequency;
	autoConfirmed: boolean;
};

export type ExportScreen = 'menu' | 'cluster' | 'snapshot' | 'confirm' | 'progress' | 'auto-clusters' | 'auto-frequency' | 'auto-confirm' | 'auto-result';

export type ExportFlowAction =
	| {type: 'goal'; goal: ExportGoal | undefined}
	| {type: 'cluster'; cluster: Cluster}
	| {type: 'snapshot'; snapshot: Snapshot}
	| {type: 'confirm'}
	| {type: 'job'; job: ExportJob}
	| {type: 'leave-running'}
	| {type: 'auto-clusters'; clusters: Cluster[]}
	| {type: 'frequency'; frequency: AutoExportFrequency}
	| {type: 'auto-confirm'}
	| {type: 'back'};

export const initialExportFlow: ExportFlowState = {confirmed: false, autoConfirmed: false};

export function exportScreen(state: ExportFlowState): ExportScreen {
	if (state.goal === 'export') {
		if (!state.cluster) return 'cluster';
		if (!state.snapshot) return 'snapshot';
		return state.confirmed ? 'progress' : 'confirm';
	}
	if (state.goal === 'auto') {
		if (!state.autoClusters) return 'auto-clusters';
		if (!state.frequency) return 'auto-frequency';
		return state.autoConfirmed ? 'auto-result' : 'auto-confirm';
	}
	return 'menu';
}

/** A fresh start on a goal keeps only what the user has left running (its command stays on screen). */
function startGoal(state: ExportFlowState, goal: ExportGoal | undefined): ExportFlowState {
	return {...initialExportFlow, ...(goal ? {goal} : {}), ...(state.leftRunning ? {leftRunning: state.leftRunning} : {})};
}

export function exportFlowReducer(state: ExportFlowState, action: ExportFlowAction): ExportFlowState {
	switch (action.type) {
		case 'goal':
			return startGoal(state, action.goal);
		case 'cluster':
			// Snapshots belong to a cluster: another cluster clears the snapshot.
			return {...state, cluster: action.cluster, snapshot: state.cluster?.name === action.cluster.name ? state.snapshot : undefined, confirmed: false};
		case 'snapshot':
			return {...state, snapshot: action.snapshot, confirmed: false};
		case 'confirm':
			return exportScreen(state) === 'confirm' ? {...state, confirmed: true} : state;
		case 'job':
			return exportScreen(state) === 'progress' ? {...state, job: action.job} : state;
		case 'leave-running':
			// Nothing is cancelled: the job runs on in Atlas; the menu offers what is next.
			return state.job && state.cluster ? {...initialExportFlow, leftRunning: {job: state.job, clusterName: state.cluster.name}} : state;
		case 'auto-clusters':
			return action.clusters.length > 0 ? {...state, autoClusters: action.clusters, autoConfirmed: false} : state;
		case 'frequency':
			return {...state, frequency: action.frequency, autoConfirmed: false};
		case 'auto-confirm':
			return exportScreen(state) === 'auto-confirm' ? {...state, autoConfirmed: true} : state;
		case 'back': {
			const screen = exportScreen(state);
			if (screen === 'cluster' || screen === 'auto-clusters') return startGoal(state, undefined);
			if (screen === 'snapshot') return {...state, cluster: undefined};
			if (screen === 'confirm') return {...state, snapshot: undefined};
			if (screen === 'auto-frequency') return {...state, autoClusters: undefined};
			if (screen === 'auto-confirm') return {...state, frequency: undefined};
			return state;
		}
	}
}
