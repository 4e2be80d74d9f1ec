// Export a snapshot now: pick a cluster that can export (the others listed with why not), pick a
// completed snapshot (newest first, age and size), confirm with the exact request, then follow the
// job. Esc on the progress view leaves the job running; nothing here ever cancels a job.
import React, {useEffect, useState} from 'react';
import {Box, Text} from 'ink';
import type {Cluster, ExportJob, Snapshot} from '../../atlas/backup-types.js';
import type {RequestPreview} from '../../atlas/types.js';
import {exportability, exportableSnapshots, isFinalExportState} from '../../atlas/exportability.js';
import {checkJobCommand, failureText, formatAge, formatBytes, formatCollections, formatElapsed, jobElapsedMs} from '../../backup/job-text.js';
import {watchExportJob} from '../../backup/watch-job.js';
import {Copyable, pointerText} from '../components/copyable.js';
import {rowsOf} from '../components/row-budget.js';
import {ErrorNotice} from '../components/error-notice.js';
import {FieldRow} from '../components/field-row.js';
import {Loading} from '../components/loading.js';
import {SelectList} from '../components/select-list.js';
import {useKeys} from '../input/use-keys.js';
import {useAtlasSession} from '../services-context.js';
import {toErrorView, type AtlasErrorView} from '../services.js';
import {useAsyncLoad} from '../use-async-load.js';
import {Prose} from '../components/prose.js';

/** Clusters split by the exportability rule; the others keep their reason. */
export function ClusterList({clusters, onPick, onBack, all}: {clusters: Cluster[]; onPick(clusters: Cluster[]): void; onBack(): void; all?: boolean}) {
	const able = clusters.filter(cluster => exportability(cluster).exportable);
	const unable = clusters.flatMap(cluster => {
		const verdict = exportability(cluster);
		return verdict.exportable ? [] : [{cluster, reason: verdict.explanation}];
	});
	useKeys(key => {
		if (key.name === 'escape') onBack();
	}, {isActive: able.length === 0});
	const items = able.map(cluster => ({key: cluster.name, label: `${cluster.name}  ${cluster.instanceSize ?? ''}`.trimEnd(), value: [cluster]}));
	if (all && able.length > 1) items.push({key: '*all', label: `All ${able.length} clusters that can export`, value: able});
	return (
		<Box flexDirection="column">
			{able.length === 0 ? (
				<ErrorNotice
					message={clusters.length === 0 ? 'This project has no clusters.' : 'No cluster in this project can export snapshots.'}
					hint="Snapshot export needs a dedicated cluster (M10 or larger) with Cloud Backup on. Esc to go back."
				/>
			) : (
				<SelectList items={items} onSelect={onPick} onBack={onBack} />
			)}
			{unable.map(({cluster, reason}) => (
				<Text key={cluster.name} dimColor>
					{'  '}
					{cluster.name}: {reason}
				</Text>
			))}
		</Box>
	);
}

export function ClusterPick({projectId, onPick, onBack}: {projectId: string; onPick(cluster: Cluster): void; onBack(): void}) {
	const {services, connection} = useAtlasSession();
	const [clusters, reload] = useAsyncLoad(async signal => (await services.backup(connection)).listClusters(projectId, {signal}), [services, connection, projectId]);
	return (
		<Box flexDirection="column">
			<Prose bold>Which cluster's snapshot should be exported?</Prose>
			{clusters.status === 'loading' ? <Loading label="Loading the project's clusters…" onBack={onBack} /> : null}
			{clusters.status === 'failed' ? <LoadFailed error={clusters.error} onRetry={reload} onBack={onBack} /> : null}
			{clusters.status === 'loaded' ? <ClusterList clusters={clusters.value} onPick={([cluster]) => onPick(cluster!)} onBack={onBack} /> : null}
		</Box>
	);
}

export function LoadFailed({error, onRetry, onBack}: {error: AtlasErrorView; onRetry(): void; onBack(): void}) {
	return (
		<Box flexDirection="column">
			<ErrorNotice message={error.message} {...(error.hint ? {hint: error.hint} : {})} />
			<SelectList items={[{key: 'retry', label: 'Retry', value: 'retry'}, {key: 'back', label: 'Back', value: 'back'}]} onSelect={choice => (choice === 'retry' ? onRetry() : onBack())} onBack={onBack} />
		</Box>
	);
}

export function SnapshotPick({projectId, cluster, onPick, onBack}: {projectId: string; cluster: Cluster; onPick(snapshot: Snapshot): void; onBack(): void}) {
	const {services, connection} = useAtlasSession();
	const [snapshots, reload] = useAsyncLoad(async signal => (await services.backup(connection)).listSnapshots(projectId, cluster.name, {signal}), [services, connection, projectId, cluster.name]);
	const completed = snapshots.status === 'loaded' ? exportableSnapshots(snapshots.value) : [];
	const running = snapshots.status === 'loaded' ? snapshots.value.filter(snapshot => snapshot.status === 'queued' || snapshot.status === 'inProgress').length : 0;
	useKeys(key => {
		if (key.name === 'escape') onBack();
	}, {isActive: snapshots.status === 'loaded' && completed.length === 0});
	const now = Date.now();
	return (
		<Box flexDirection="column">
			<Prose bold>Which snapshot of {cluster.name}?</Prose>
			{snapshots.status === 'loading' ? <Loading label="Loading the cluster's snapshots…" onBack={onBack} /> : null}
			{snapshots.status === 'failed' ? <LoadFailed error={snapshots.error} onRetry={reload} onBack={onBack} /> : null}
			{snapshots.status === 'loaded' && completed.length === 0 ? (
				<ErrorNotice
					message={`${cluster.name} has no completed snapshot to export${running > 0 ? ' yet: one is still being taken' : ''}.`}
					hint={running > 0 ? 'Come back once it shows completed. Esc to choose another cluster.' : 'Take an on-demand snapshot in Atlas, or wait for the next scheduled one. Esc to go back.'}
				/>
			) : null}
			{completed.length > 0 ? (
				<SelectList
					items={completed.map(snapshot => ({
						key: snapshot.id,
						label: `${formatAge(snapshot.createdAt, now)} · ${formatBytes(snapshot.storageSizeBytes)} · ${[snapshot.snapshotType, snapshot.frequencyType].filter(Boolean).join(' ')}`,
						details: [`${snapshot.id} · ${snapshot.createdAt ?? ''}`],
						value: snapshot,
					}))}
					onSelect={onPick}
					onBack={onBack}
				/>
			) : null}
			{running > 0 && completed.length > 0 ? <Prose dimColor>{running} snapshot{running === 1 ? '' : 's'} still being taken (not listed: only completed snapshots export).</Prose> : null}
		</Box>
	);
}

/** Rows a RequestView takes: the request line (or where it is printed), the Accept header, the JSON body. */
export function requestRows(preview: RequestPreview, columns: number): number {
	const line = `${preview.method} ${preview.url}`;
	return rowsOf([line.length <= columns ? line : pointerText(line), preview.headers.Accept && `Accept: ${preview.headers.Accept}`, preview.body === undefined ? undefined : JSON.stringify(preview.body, null, 2)], columns);
}

/** The request line is copyable (printed whole above when longer than the terminal is wide). */
export function RequestView({preview}: {preview: RequestPreview}) {
	return (
		<Box flexDirection="column">
			<Copyable id="request" title="Request" lines={[`${preview.method} ${preview.url}`]} />
			{preview.headers.Accept ? <Text dimColor>Accept: {preview.headers.Accept}</Text> : null}
			{preview.body === undefined ? null : <Text>{JSON.stringify(preview.body, null, 2)}</Text>}
		</Box>
	);
}

export function ExportConfirm({projectId, cluster, snapshot, exportBucketId, bucketName, onConfirm, onBack}: {projectId: string; cluster: Cluster; snapshot: Snapshot; exportBucketId: string; bucketName: string; onConfirm(): void; onBack(): void}) {
	const {services, connection} = useAtlasSession();
	const [preview] = useAsyncLoad(async () => (await services.backup(connection)).previewCreateExportJob(projectId, cluster.name, {snapshotId: snapshot.id, exportBucketId}), [services, connection, projectId, cluster.name, snapshot.id, exportBucketId]);
	return (
		<Box flexDirection="column">
			<Text bold>Export this snapshot?</Text>
			<FieldRow label="Cluster" value={cluster.name} />
			<FieldRow label="Snapshot" value={`${snapshot.id} (${snapshot.createdAt ?? '?'})`} />
			<FieldRow label="Bucket" value={`${bucketName} (${exportBucketId})`} />
			<Box flexDirection="column" marginTop={1}>
				<Prose dimColor>Request that will be sent (credentials not shown):</Prose>
				{preview.status === 'loaded' ? <RequestView preview={preview.value} /> : <Prose dimColor>{preview.status === 'failed' ? preview.error.message : 'Preparing the request…'}</Prose>}
			</Box>
			<Box marginTop={1}>
				<SelectList items={[{key: 'export', label: 'Export', value: 'export'}, {key: 'back', label: 'Back', value: 'back'}]} onSelect={choice => (choice === 'export' ? onConfirm() : onBack())} onBack={onBack} />
			</Box>
		</Box>
	);
}

type Progress = {status: 'creating'} | {status: 'create-failed'; error: AtlasErrorView} | {status: 'following'; job: ExportJob; readError?: AtlasErrorView};

/**
 * Creates the job once, then reads it again every few seconds and shows state, collections,
 * elapsed time and the S3 prefix. Esc leaves it running (onLeave); Ctrl-C ends the wizard and
 * likewise never cancels the job.
 */
export function ExportProgress({projectId, cluster, snapshot, exportBucketId, bucketName, job, onCreated, onLeave, onRetry, next}: {projectId: string; cluster: Cluster; snapshot: Snapshot; exportBucketId: string; bucketName: string; job?: ExportJob; onCreated(job: ExportJob): void; onLeave(): void; onRetry(): void; /** What is offered once the job has ended. */ next: React.ReactNode}) {
	const {services, connection, signal} = useAtlasSession();
	const [progress, setProgress] = useState<Progress>(job ? {status: 'following', job} : {status: 'creating'});
	const [, tick] = useState(0);

	useEffect(() => {
		const controller = new AbortController();
		const combined = AbortSignal.any([signal, controller.signal]);
		void (async () => {
			const backup = await services.backup(connection);
			let first = job;
			if (!first) {
				try {
					first = await backup.createExportJob(projectId, cluster.name, {snapshotId: snapshot.id, exportBucketId}, {signal: combined});
				} catch (error) {
					if (!combined.aborted) setProgress({status: 'create-failed', error: toErrorView(error)});
					return;
				}
				if (combined.aborted) return;
				onCreated(first);
			}
			try {
				await watchExportJob(first, {
					read: async readSignal => backup.getExportJob(projectId, cluster.name, first!.id, readSignal ? {signal: readSignal} : {}),
					onUpdate: update => {
						if (!combined.aborted) setProgress({status: 'following', job: update});
					},
					intervalMs: services.exportPollMs,
					signal: combined,
				});
			} catch (error) {
				if (!combined.aborted) setProgress(current => (current.status === 'following' ? {...current, readError: toErrorView(error)} : current));
			}
		})();
		return () => controller.abort();
		// Created once per confirmed export: the job id is in the parent's state from then on.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, []);

	const running = progress.status === 'following' && !isFinalExportState(progress.job.state);
	// The elapsed time moves between reads too.
	useEffect(() => {
		if (!running) return;
		const timer = setInterval(() => tick(count => count + 1), 1000);
		return () => clearInterval(timer);
	}, [running]);

	useKeys(key => {
		if (key.name === 'escape') onLeave();
	}, {isActive: running || progress.status === 'creating'});

	if (progress.status === 'creating') return <Loading label={`Starting the export of ${cluster.name}'s snapshot…`} />;
	if (progress.status === 'create-failed') {
		return (
			<Box flexDirection="column">
				<Prose color="red" bold>The export was not started.</Prose>
				<ErrorNotice message={progress.error.message} {...(progress.error.hint ? {hint: progress.error.hint} : {})} />
				<SelectList items={[{key: 'retry', label: 'Choose again', value: 'retry'}]} onSelect={onRetry} onBack={onRetry} />
			</Box>
		);
	}

	const current = progress.job;
	const failure = failureText(current);
	const check = checkJobCommand(projectId, cluster.name, current.id);
	return (
		<Box flexDirection="column">
			{current.state === 'Successful' ? <Text color="green" bold>✔ Export finished.</Text> : failure ? <Text color="red" bold>✖ Export {current.state === 'Failed' ? 'failed' : 'cancelled'}.</Text> : <Text bold>Exporting {cluster.name} to {bucketName}…</Text>}
			<FieldRow label="State" value={current.state} />
			<FieldRow label="Collections" value={formatCollections(current)} />
			<FieldRow label="Elapsed" value={formatElapsed(jobElapsedMs(current, Date.now()))} />
			<FieldRow label="Job id" value={current.id} />
			{current.prefix ? (
				<>
					<Text dimColor>S3 prefix:</Text>
					<Copyable id={`s3-prefix:${current.id}`} title="S3 prefix" lines={[`s3://${bucketName}/${current.prefix}`]} />
				</>
			) : null}
			{failure ? <ErrorNotice message={failure} /> : null}
			{progress.readError ? <ErrorNotice message={`Could not read the job: ${progress.readError.message}`} hint="The export goes on in Atlas; check it later with the command below." /> : null}
			<Box flexDirection="column" marginTop={1}>
				<Prose dimColor>Check it later with:</Prose>
				<Copyable id={`check:${current.id}`} title="Check the export later" lines={[check]} />
			</Box>
			{running ? <Prose dimColor>Esc leaves it running (nothing is cancelled) · Ctrl-C quits, the export goes on</Prose> : null}
			{isFinalExportState(current.state) ? <Box marginTop={1}>{next}</Box> : null}
		</Box>
	);
}
