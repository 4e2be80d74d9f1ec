// The export screens after registering, against the simulator over loopback: export a snapshot now
// (cluster, snapshot, confirm with the exact request, progress to Successful), a failed job, Esc and
// Ctrl-C while watching (the job runs on), no exportable cluster, no completed snapshot, and turning
// on automatic export. Jobs move only when the test moves the simulator's clock.
import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import React, {act} from 'react';
import {createAtlasClient} from '../../source/atlas/client.js';
import type {ExportBucket} from '../../source/atlas/types.js';
import {DEMO_CLUSTERS, DEMO_EXPORT_BUCKET_ID, DEMO_IN_USE_EXPORT_BUCKET_ID, DEMO_PROJECTS, DEMO_ROLE_IDS, DEMO_SNAPSHOT_IDS, startSimulator, type Simulator} from '../../source/simulator/index.js';
import {ExportStep} from '../../source/wizard/export/export-step.js';
import {WizardServicesProvider} from '../../source/wizard/services-context.js';
import {createWizardServices} from '../../source/wizard/services.js';
import {createInitialState} from '../../source/wizard/state.js';
import {Wizard} from '../../source/wizard/wizard.js';
import {render, waitForText, type Rendered} from './helpers.js';

const DURATION = 3_600_000;
const production = DEMO_PROJECTS.production.id;
const productionBucket: ExportBucket = {id: DEMO_EXPORT_BUCKET_ID, bucketName: 'acme-atlas-snapshots', cloudProvider: 'AWS'};

describe('export screens against the simulator', () => {
	let sim: Simulator;
	before(async () => {
		sim = await startSimulator({exportDurationMs: DURATION});
	});
	after(() => sim.close());

	const services = () => createWizardServices({baseUrl: sim.baseUrl, env: {}, exportPollMs: 10});
	const client = () => createAtlasClient({baseUrl: sim.baseUrl, keys: sim.keys});

	async function renderStep(projectId: string, bucket: ExportBucket, goal?: 'export' | 'auto'): Promise<Rendered & {done(): number}> {
		let done = 0;
		const ui = await render(
			<WizardServicesProvider services={services()} signal={new AbortController().signal} connection={sim.keys}>
				<ExportStep projectId={projectId} bucket={bucket} {...(goal ? {goal} : {})} onBack={() => undefined} onDone={() => void done++} />
			</WizardServicesProvider>,
		);
		return Object.assign(ui, {done: () => done});
	}

	/** The whole wizard's answers once the production bucket is registered: the export screens show. */
	const exportingState = () => ({
		...createInitialState(),
		credentials: {source: 'typed' as const, ...sim.keys},
		project: {id: production, name: 'Demo Production'},
		role: {roleId: DEMO_ROLE_IDS.productionExport},
		bucket: 'acme-atlas-snapshots',
		exporting: {bucket: productionBucket},
	});

	/** From the menu to the progress view of the newest completed snapshot of orders-prod. */
	async function startExport(ui: Rendered): Promise<string> {
		await waitForText(ui, '❯ Export a snapshot now');
		await ui.press('enter');
		await waitForText(ui, '❯ orders-prod  M30');
		const clusters = ui.frame();
		assert.match(clusters, /playground: free cluster \(M0\)/);
		assert.match(clusters, /reporting: Cloud Backup is off/);
		await ui.press('enter');
		await waitForText(ui, 'Which snapshot of orders-prod?');
		await waitForText(ui, /❯ 6 h ago · 2\.5 GB · scheduled daily/);
		assert.match(ui.frame(), /1 snapshot still being taken/);
		await ui.press('enter');
		// The request line is whole, never wrapped (printed above the frame when longer than the terminal).
		const confirm = await waitForText(ui, 'Request that will be sent');
		assert.ok(confirm.split('\n').includes(`POST ${sim.baseUrl}/api/atlas/v2/groups/${production}/clusters/orders-prod/backup/exports`), confirm);
		assert.match(confirm, new RegExp(`"snapshotId": "${DEMO_SNAPSHOT_IDS.newest}"`));
		assert.match(confirm, new RegExp(`"exportBucketId": "${DEMO_EXPORT_BUCKET_ID}"`));
		await ui.press('enter');
		await waitForText(ui, /State\s+Queued/);
		return /export-id ([a-f\d]{24})/.exec(ui.frame())?.[1] ?? '';
	}

	test('export now: cluster, newest completed snapshot, the exact request, then progress to Successful', async () => {
		const ui = await renderStep(production, productionBucket);
		const jobId = await startExport(ui);
		assert.match(jobId, /^[a-f\d]{24}$/);
		const prefix = ui.frame().split('\n').find(line => line.startsWith('s3://acme-atlas-snapshots/exported_snapshots/'));
		assert.match(prefix ?? '', new RegExp(`^s3://acme-atlas-snapshots/exported_snapshots/[^ ]+/${production}/orders-prod/\\S+$`), 'the S3 prefix is one whole line');
		const check = `atlas-export-bucket exports describe --project-id ${production} --cluster orders-prod --export-id ${jobId}`;
		assert.ok(ui.frame().split('\n').includes(check), 'the command that checks the job is one whole line');
		sim.controls.advanceClock(DURATION * 0.5);
		await waitForText(ui, /State\s+InProgress/);
		assert.match(ui.frame(), /Collections\s+\d+ of 14 collections/);
		sim.controls.advanceClock(DURATION);
		await waitForText(ui, '✔ Export finished.');
		assert.match(ui.frame(), /Collections\s+14 of 14 collections/);
		assert.match(ui.frame(), /❯ Export another snapshot/);
		await ui.press('down', 2);
		await ui.press('enter');
		assert.equal(ui.done(), 1);
		await ui.dispose();
	});

	test('a failed job shows Atlas\'s reason and the way on', async () => {
		sim.controls.setExportOutcome({state: 'Failed', stateReason: {errorCode: 'EXPORT_FAILED', message: 'Access Denied writing to the bucket.'}});
		try {
			const ui = await renderStep(production, productionBucket);
			await startExport(ui);
			sim.controls.advanceClock(DURATION * 2);
			await waitForText(ui, '✖ Export failed.');
			assert.match(ui.frame().replace(/\s+/g, ' '), /The export job failed: Access Denied writing to the bucket\. \(EXPORT_FAILED\) Atlas does not retry/);
			await waitForText(ui, '❯ Export another snapshot');
			await ui.dispose();
		} finally {
			sim.controls.setExportOutcome(null);
		}
	});

	test('Esc while watching leaves the job running and shows the command that checks it', async () => {
		const ui = await renderStep(production, productionBucket);
		const jobId = await startExport(ui);
		const requestsBefore = sim.log.length;
		await ui.press('escape');
		const frame = await waitForText(ui, 'keeps running in Atlas (nothing was cancelled)');
		// The command is one whole line (printed above the frame, where Ink does not wrap it).
		assert.ok(frame.split('\n').includes(`atlas-export-bucket exports describe --project-id ${production} --cluster orders-prod --export-id ${jobId}`), frame);
		assert.match(frame, /❯ Export another snapshot/);
		assert.equal(sim.log.slice(requestsBefore).filter(entry => entry.method !== 'GET').length, 0, 'nothing cancels the job');
		sim.controls.advanceClock(DURATION * 2);
		assert.equal((await client().getExportJob(production, 'orders-prod', jobId)).state, 'Successful');
		await ui.dispose();
	});

	test('keys go through the wizard\'s key router: Esc while watching and the next key in the same read both take effect', async () => {
		const state = exportingState();
		const ui = await render(<Wizard services={services()} initialState={state} onExit={() => {}} />);
		await startExport(ui);
		// One read, as a terminal delivers a fast Esc then Enter: the Esc leaves the job running (the
		// menu), the Enter takes the menu's first offer on the screen the Esc showed.
		await act(async () => {
			ui.stdin.write('\u001B');
			await new Promise(resolve => setImmediate(resolve));
			ui.stdin.write('\r');
		});
		await waitForText(ui, "Which cluster's snapshot should be exported?");
		assert.match(ui.frame(), /keeps running in Atlas|Export bucket acme-atlas-snapshots/);
		await ui.dispose();
	});

	test('Ctrl-C while watching ends the wizard (130) and the job runs on; the screens load lazily', async () => {
		const controller = new AbortController();
		let code: number | undefined;
		const state = exportingState();
		const ui = await render(<Wizard services={services()} controller={controller} initialState={state} onExit={exitCode => {
			code = exitCode;
		}} />);
		const jobId = await startExport(ui);
		await ui.press('ctrlC');
		assert.equal(code, 130);
		assert.equal(controller.signal.aborted, true);
		assert.equal(sim.log.filter(entry => entry.method === 'DELETE' || entry.method === 'PATCH').length, 0);
		sim.controls.advanceClock(DURATION * 2);
		assert.equal((await client().getExportJob(production, 'orders-prod', jobId)).state, 'Successful');
		await ui.dispose();
	});

	test('a project without a cluster that can export says so', async () => {
		const ui = await renderStep(DEMO_PROJECTS.sandbox.id, productionBucket, 'export');
		await waitForText(ui, 'This project has no clusters.');
		assert.match(ui.frame(), /needs a dedicated cluster \(M10 or larger\) with Cloud Backup on/);
		await ui.dispose();
	});

	test('a cluster whose first snapshot is still running has nothing to export yet', async () => {
		const ui = await renderStep(DEMO_PROJECTS.analytics.id, {id: DEMO_IN_USE_EXPORT_BUCKET_ID, bucketName: 'acme-analytics-exports', cloudProvider: 'AWS'}, 'export');
		await waitForText(ui, '❯ analytics-main');
		await ui.press('down');
		await ui.press('enter');
		await waitForText(ui, `${DEMO_CLUSTERS.analyticsNoSnapshot} has no completed snapshot to export yet: one is still being taken.`);
		await ui.dispose();
	});

	test('automatic export: cluster, frequency, before -> after with the request, then the result', async () => {
		const ui = await renderStep(production, productionBucket, 'auto');
		await waitForText(ui, '❯ orders-prod  M30');
		await ui.press('enter');
		await waitForText(ui, '❯ Monthly');
		await ui.press('enter');
		const confirm = (await waitForText(ui, 'orders-prod: off → monthly to acme-atlas-snapshots')).replace(/\n/g, '');
		assert.ok(confirm.includes(`PATCH ${sim.baseUrl}/api/atlas/v2/groups/${production}/clusters/orders-prod/backup/schedule`), confirm);
		assert.match(confirm, /"autoExportEnabled": true/);
		await ui.press('enter');
		await waitForText(ui, '✔ orders-prod: automatic export monthly to acme-atlas-snapshots');
		assert.deepEqual(await client().getAutoExport(production, 'orders-prod'), {clusterName: 'orders-prod', autoExportEnabled: true, exportBucketId: DEMO_EXPORT_BUCKET_ID, frequencyType: 'monthly', useOrgAndGroupNamesInExportPrefix: true});
		await ui.dispose();
	});
});
