// Turning on automatic export for several clusters at 80x24: the question, what changes in each
// cluster and the choices stay in view; the requests (one per cluster) fold behind a choice when they
// do not fit with them. The backup client here is a small fake (the flow against the simulator is in
// export-flow.test.tsx; the simulator's demo has one cluster that can export).
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import React, {act} from 'react';
import type {BackupClient, Cluster} from '../../../source/atlas/backup-types.js';
import type {ExportBucket} from '../../../source/atlas/types.js';
import {ExportStep} from '../../../source/wizard/export/export-step.js';
import {fakeServices, projects} from '../fake-services.js';
import {renderWith, waitForText, type Rendered} from '../helpers.js';

const projectId = projects[0]!.id;
const bucket: ExportBucket = {id: '6650c3f4a5b6c7d8e9f0a1b2', bucketName: 'my-exports', cloudProvider: 'AWS'};
const clusters: Cluster[] = ['orders', 'billing', 'events'].map(name => ({name, backupEnabled: true, instanceSize: 'M30', tier: 'dedicated'}));

const backup = {
	async listClusters() {
		return clusters;
	},
	async getAutoExport(_projectId: string, clusterName: string) {
		return {clusterName, autoExportEnabled: false};
	},
	previewSetAutoExport(project: string, clusterName: string, change: {exportBucketId: string; frequencyType: string}) {
		return {
			method: 'PATCH' as const,
			url: `https://cloud.mongodb.com/api/atlas/v2/groups/${project}/clusters/${clusterName}/backup/schedule`,
			headers: {Accept: 'application/vnd.atlas.2024-08-05+json'},
			body: {autoExportEnabled: true, export: {exportBucketId: change.exportBucketId, frequencyType: change.frequencyType}, useOrgAndGroupNamesInExportPrefix: true},
		};
	},
} as unknown as BackupClient;

async function toConfirm(rows: number): Promise<Rendered> {
	const {services} = fakeServices({backup: async () => backup});
	const ui = await renderWith(services, <ExportStep projectId={projectId} bucket={bucket} goal="auto" onBack={() => {}} onDone={() => {}} />);
	await act(async () => {
		Object.defineProperty(ui.stdout, 'rows', {configurable: true, get: () => rows});
		Object.defineProperty(ui.stdout, 'columns', {configurable: true, get: () => 80});
		ui.stdout.emit('resize');
	});
	await waitForText(ui, 'All 3 clusters that can export');
	await ui.press('up');
	await ui.press('enter');
	await waitForText(ui, 'How often should Atlas export a snapshot?');
	await ui.press('enter');
	await waitForText(ui, '❯ Turn on automatic export');
	return ui;
}

/** The live frame: from the bucket line down (printed request lines stay above it). */
function live(ui: Rendered): string[] {
	const lines = ui.frame().split('\n');
	return lines.slice(lines.findIndex(line => line.startsWith('Export bucket my-exports')));
}

describe('automatic export for several clusters', () => {
	test('at 80x24 (what the wizard leaves below its header): the changes and the choices, the requests behind a choice', async () => {
		// The wizard's header, demo note and blank row take 3 of 24 rows; Ink keeps one.
		const ui = await toConfirm(24 - 3);
		const lines = live(ui);
		assert.ok(lines.length < 21, `${lines.length} lines:\n${lines.join('\n')}`);
		for (const cluster of clusters) assert.ok(lines.includes(`${cluster.name}: off → monthly to my-exports`), lines.join('\n'));
		assert.ok(lines.includes('  Show the requests'), lines.join('\n'));
		await ui.press('down');
		await ui.press('enter');
		const shown = await waitForText(ui, '❯ Hide the requests');
		for (const cluster of clusters) assert.ok(shown.split('\n').includes(`PATCH https://cloud.mongodb.com/api/atlas/v2/groups/${projectId}/clusters/${cluster.name}/backup/schedule`), shown);
		await ui.dispose();
	});

	test('a tall terminal shows every request at once', async () => {
		const ui = await toConfirm(60);
		assert.match(ui.frame(), /Requests that will be sent/);
		assert.doesNotMatch(ui.frame(), /Show the requests/);
		await ui.dispose();
	});
});
