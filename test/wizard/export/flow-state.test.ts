// The export screens' state: the screen is the first unanswered question; Back and leaving a job
// running are state changes.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {Cluster, ExportJob, Snapshot} from '../../../source/atlas/backup-types.js';
import {exportFlowReducer, exportScreen, initialExportFlow, type ExportFlowAction, type ExportFlowState} from '../../../source/wizard/export/flow-state.js';

const cluster: Cluster = {name: 'orders-prod', backupEnabled: true, tier: 'dedicated', instanceSize: 'M30'};
const snapshot: Snapshot = {id: '6650d4e5f6a7b8c9d0e1f203', status: 'completed'};
const job: ExportJob = {id: '6650f0f0f0f0f0f0f0f0f0f0', exportBucketId: '6650c3f4a5b6c7d8e9f0a1b2', state: 'InProgress', customData: []};

const run = (...actions: ExportFlowAction[]): ExportFlowState => actions.reduce(exportFlowReducer, initialExportFlow);

describe('export flow state', () => {
	test('export now: cluster, snapshot, confirm, progress; Back walks the same way', () => {
		assert.equal(exportScreen(run()), 'menu');
		assert.equal(exportScreen(run({type: 'goal', goal: 'export'})), 'cluster');
		assert.equal(exportScreen(run({type: 'goal', goal: 'export'}, {type: 'cluster', cluster})), 'snapshot');
		const confirming = run({type: 'goal', goal: 'export'}, {type: 'cluster', cluster}, {type: 'snapshot', snapshot});
		assert.equal(exportScreen(confirming), 'confirm');
		assert.equal(exportScreen(exportFlowReducer(confirming, {type: 'confirm'})), 'progress');
		assert.equal(exportScreen(exportFlowReducer(confirming, {type: 'back'})), 'snapshot');
		assert.equal(exportScreen(run({type: 'goal', goal: 'export'}, {type: 'back'})), 'menu');
		assert.equal(run({type: 'goal', goal: 'export'}, {type: 'cluster', cluster}, {type: 'snapshot', snapshot}, {type: 'cluster', cluster: {...cluster, name: 'other'}}).snapshot, undefined, 'another cluster clears the snapshot');
	});

	test('Esc on a running job keeps its id and cluster for the check command; a job is only taken on the progress screen', () => {
		const following = run({type: 'goal', goal: 'export'}, {type: 'cluster', cluster}, {type: 'snapshot', snapshot}, {type: 'confirm'}, {type: 'job', job});
		const left = exportFlowReducer(following, {type: 'leave-running'});
		assert.equal(exportScreen(left), 'menu');
		assert.deepEqual(left.leftRunning, {job, clusterName: 'orders-prod'});
		assert.deepEqual(exportFlowReducer(left, {type: 'goal', goal: 'auto'}).leftRunning, {job, clusterName: 'orders-prod'});
		assert.equal(run({type: 'job', job}).job, undefined);
	});

	test('automatic export: clusters (at least one), frequency, confirm, result', () => {
		assert.equal(exportScreen(run({type: 'goal', goal: 'auto'}, {type: 'auto-clusters', clusters: []})), 'auto-clusters');
		const confirming = run({type: 'goal', goal: 'auto'}, {type: 'auto-clusters', clusters: [cluster]}, {type: 'frequency', frequency: 'monthly'});
		assert.equal(exportScreen(confirming), 'auto-confirm');
		assert.equal(exportScreen(exportFlowReducer(confirming, {type: 'auto-confirm'})), 'auto-result');
		assert.equal(exportScreen(exportFlowReducer(confirming, {type: 'back'})), 'auto-frequency');
	});
});
