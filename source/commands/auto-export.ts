// `auto-export`: turn a cluster's automatic export on (a bucket and monthly|yearly) or off. Shows the
// schedule's export settings before -> after, asks y/N in a terminal (--yes otherwise), then PATCHes.
import type {AutoExportChange, AutoExportSettings} from '../atlas/backup-types.js';
import {checkExportBucketId} from '../atlas/validation.js';
import {autoExportChoice, requireClusterName, type AutoExportOptions} from './backup-options.js';
import {assertCanConfirm, confirm} from './confirm.js';
import {connect, requireProjectId} from './connect.js';
import {ExitCode} from './exit-codes.js';
import {writeLine, type CommandIo} from './io.js';
import {note, printJson} from './output.js';
import {reportError} from './report.js';
import {UsageError} from './usage-error.js';

/** "on, monthly to bucket 6650…" or "off". */
export function describeAutoExport(settings: Pick<AutoExportSettings, 'autoExportEnabled' | 'exportBucketId' | 'frequencyType'>): string {
	if (!settings.autoExportEnabled) return 'off';
	return `on, ${settings.frequencyType ?? '?'} to export bucket ${settings.exportBucketId ?? '?'}`;
}

export async function runAutoExport(options: AutoExportOptions, io: CommandIo): Promise<number> {
	try {
		const clusterName = requireClusterName(options);
		const choice = autoExportChoice(options);
		let change: AutoExportChange = {enabled: false};
		if (choice.enabled) {
			if (options.bucketId === undefined) throw new UsageError('Missing --bucket-id.', '`atlas-export-bucket list --project-id <id>` shows the export bucket ids.');
			const bucket = checkExportBucketId(options.bucketId);
			if (!bucket.ok) throw new UsageError(`--bucket-id: ${bucket.message}`, '`atlas-export-bucket list --project-id <id>` shows the export bucket ids.');
			change = {enabled: true, exportBucketId: bucket.value, frequencyType: choice.frequency};
		}
		assertCanConfirm(options, io, 'change the backup schedule');
		const {client, settings} = await connect(options, io);
		const projectId = requireProjectId(settings);
		const before = await client.getAutoExport(projectId, clusterName, {signal: io.signal});
		const after = change.enabled ? {autoExportEnabled: true, exportBucketId: change.exportBucketId, frequencyType: change.frequencyType} : {autoExportEnabled: false};
		note(io, `Automatic export of cluster ${clusterName}: ${describeAutoExport(before)} -> ${describeAutoExport(after)}`);
		if (!options.yes && !await confirm('Change the backup schedule?', io)) {
			note(io, 'Cancelled: the backup schedule was not changed.');
			return ExitCode.cancelled;
		}
		const {value: result, raw} = await client.withRaw.setAutoExport(projectId, clusterName, change, {signal: io.signal});
		if (options.json) printJson(io, raw);
		else writeLine(io.stdout, `Automatic export of cluster ${clusterName} is ${describeAutoExport(result)}.`);
		return ExitCode.ok;
	} catch (error) {
		return reportError(error, io);
	}
}
