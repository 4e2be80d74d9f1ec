// Turn on automatic export: the cluster(s), the frequency, what changes in each cluster's backup
// schedule (before -> after) with the exact request, then the PATCH and its result.
import React, {useEffect, useState} from 'react';
import {Box, Text} from 'ink';
import type {AutoExportFrequency, AutoExportSettings, Cluster} from '../../atlas/backup-types.js';
import type {RequestPreview} from '../../atlas/types.js';
import {ErrorNotice} from '../components/error-notice.js';
import {Loading} from '../components/loading.js';
import {foldDetails, rowsOf, useRowBudget} from '../components/row-budget.js';
import {SelectList} from '../components/select-list.js';
import {useColumns} from '../components/use-columns.js';
import {useAtlasSession} from '../services-context.js';
import {toErrorView, type AtlasErrorView} from '../services.js';
import {useAsyncLoad} from '../use-async-load.js';
import {ClusterList, LoadFailed, RequestView, requestRows} from './export-now.js';
import {Prose} from '../components/prose.js';

export function describeSettings(settings: Pick<AutoExportSettings, 'autoExportEnabled' | 'exportBucketId' | 'frequencyType'>, bucketNames: Record<string, string>): string {
	if (!settings.autoExportEnabled) return 'off';
	const bucket = settings.exportBucketId ? bucketNames[settings.exportBucketId] ?? settings.exportBucketId : '?';
	return `${settings.frequencyType ?? '?'} to ${bucket}`;
}

export function AutoClusters({projectId, onPick, onBack}: {projectId: string; onPick(clusters: Cluster[]): void; onBack(): void}) {
	const {services, connection} = useAtlasSession();
	const [clusters, reload] = useAsyncLoad(async signal => (await services.backup(connection)).listClusters(projectId, {signal}), [services, connection, projectId]);
	return (
		<Box flexDirection="column">
			<Prose bold>Export snapshots of which cluster automatically?</Prose>
			{clusters.status === 'loading' ? <Loading label="Loading the project's clusters…" onBack={onBack} /> : null}
			{clusters.status === 'failed' ? <LoadFailed error={clusters.error} onRetry={reload} onBack={onBack} /> : null}
			{clusters.status === 'loaded' ? <ClusterList all clusters={clusters.value} onPick={onPick} onBack={onBack} /> : null}
		</Box>
	);
}

export function AutoFrequency({onPick, onBack}: {onPick(frequency: AutoExportFrequency): void; onBack(): void}) {
	return (
		<Box flexDirection="column">
			<Prose bold>How often should Atlas export a snapshot?</Prose>
			<SelectList<AutoExportFrequency>
				items={[
					{key: 'monthly', label: 'Monthly', details: ['a monthly snapshot goes to the bucket'], value: 'monthly'},
					{key: 'yearly', label: 'Yearly', details: ['a yearly snapshot goes to the bucket'], value: 'yearly'},
				]}
				onSelect={onPick}
				onBack={onBack}
			/>
		</Box>
	);
}

type Before = {cluster: Cluster; settings: AutoExportSettings; preview: RequestPreview};

const QUESTION = 'Change the automatic export?';

export function AutoConfirm({projectId, clusters, frequency, exportBucketId, bucketName, onConfirm, onBack}: {projectId: string; clusters: Cluster[]; frequency: AutoExportFrequency; exportBucketId: string; bucketName: string; onConfirm(): void; onBack(): void}) {
	const {services, connection} = useAtlasSession();
	const [before, reload] = useAsyncLoad<Before[]>(async signal => {
		const backup = await services.backup(connection);
		const change = {enabled: true as const, exportBucketId, frequencyType: frequency};
		const list: Before[] = [];
		for (const cluster of clusters) {
			list.push({cluster, settings: await backup.getAutoExport(projectId, cluster.name, {signal}), preview: backup.previewSetAutoExport(projectId, cluster.name, change)});
		}
		return list;
	}, [services, connection, projectId, clusters, frequency, exportBucketId]);
	const columns = useColumns();
	const budget = useRowBudget();
	const [requestsOpen, setRequestsOpen] = useState(false);
	const names = {[exportBucketId]: bucketName};
	if (before.status === 'loading') return <Loading label="Reading the current backup schedule…" onBack={onBack} />;
	if (before.status === 'failed') return <LoadFailed error={before.error} onRetry={reload} onBack={onBack} />;
	const changes = before.value.map(({cluster, settings}) => `${cluster.name}: ${describeSettings(settings, names)} → ${describeSettings({autoExportEnabled: true, exportBucketId, frequencyType: frequency}, names)}`);
	const requestsLabel = `Request${before.value.length > 1 ? 's' : ''} that will be sent (credentials not shown):`;
	// Several clusters' requests may not fit with the question and its choices: they fold behind a choice.
	const fold = foldDetails(rowsOf([QUESTION, ...changes], columns) + 1 + 3, rowsOf([requestsLabel], columns) + 1 + before.value.reduce((total, {preview}) => total + requestRows(preview, columns), 0), budget, requestsOpen);
	const items: Array<{key: string; label: string; value: 'apply' | 'details' | 'back'}> = [
		{key: 'apply', label: 'Turn on automatic export', value: 'apply'},
		...(fold.folded ? [{...fold.choice, label: requestsOpen ? 'Hide the requests' : 'Show the requests'}] : []),
		{key: 'back', label: 'Back', value: 'back'},
	];
	return (
		<Box flexDirection="column">
			<Prose bold>{QUESTION}</Prose>
			{changes.map((change, index) => (
				<Text key={before.value[index]!.cluster.name}>{change}</Text>
			))}
			{fold.shown ? (
				<Box flexDirection="column" marginTop={1}>
					<Prose dimColor>{requestsLabel}</Prose>
					{before.value.map(({cluster, preview}) => (
						<RequestView key={cluster.name} preview={preview} />
					))}
				</Box>
			) : null}
			<Box marginTop={1}>
				<SelectList
					items={items}
					initialKey={fold.folded && fold.shown ? 'details' : undefined}
					onSelect={choice => {
						if (choice === 'apply') onConfirm();
						else if (choice === 'details') setRequestsOpen(open => !open);
						else onBack();
					}}
					onBack={onBack}
				/>
			</Box>
		</Box>
	);
}

type Outcome = {cluster: Cluster; result?: AutoExportSettings; error?: AtlasErrorView};

/** PATCHes each cluster's schedule once and shows what Atlas answered. */
export function AutoResult({projectId, clusters, frequency, exportBucketId, bucketName, next}: {projectId: string; clusters: Cluster[]; frequency: AutoExportFrequency; exportBucketId: string; bucketName: string; next: React.ReactNode}) {
	const {services, connection, signal} = useAtlasSession();
	const [outcomes, setOutcomes] = useState<Outcome[] | undefined>(undefined);
	useEffect(() => {
		void (async () => {
			const backup = await services.backup(connection);
			const list: Outcome[] = [];
			for (const cluster of clusters) {
				try {
					list.push({cluster, result: await backup.setAutoExport(projectId, cluster.name, {enabled: true, exportBucketId, frequencyType: frequency}, {signal})});
				} catch (error) {
					list.push({cluster, error: toErrorView(error)});
				}
				if (signal.aborted) return;
			}
			setOutcomes(list);
		})();
		// Sent once per confirmation.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, []);
	if (!outcomes) return <Loading label="Changing the backup schedule…" />;
	const names = {[exportBucketId]: bucketName};
	return (
		<Box flexDirection="column">
			{outcomes.map(({cluster, result, error}) =>
				result ? (
					<Text key={cluster.name} color="green">
						✔ {cluster.name}: automatic export {describeSettings(result, names)}
					</Text>
				) : (
					<Box key={cluster.name} flexDirection="column">
						<Text color="red">✖ {cluster.name}: not changed</Text>
						{error ? <ErrorNotice message={error.message} {...(error.hint ? {hint: error.hint} : {})} /> : null}
					</Box>
				),
			)}
			{outcomes.some(outcome => outcome.result) ? <Prose dimColor>While it is on, this export bucket cannot be deleted (turn it off with auto-export … --disable).</Prose> : null}
			<Box marginTop={1}>{next}</Box>
		</Box>
	);
}
