// The options of the backup commands (clusters, snapshots, export, exports, auto-export) and their
// checks before anything is sent. The Atlas CLI spellings (--clusterName, --snapshotId, --exportId,
// --bucketId) land on the same values.
import {checkClusterName, checkExportJobId, checkFrequency, checkSnapshotId} from '../atlas/backup-validation.js';
import type {AutoExportFrequency} from '../atlas/backup-types.js';
import type {CheckResult} from '../atlas/validation.js';
import type {ProjectOptions} from './options.js';
import {UsageError} from './usage-error.js';

export type ClusterOptions = ProjectOptions & {cluster?: string; clusterName?: string};

export type ExportCommandOptions = ClusterOptions & {
	snapshotId?: string;
	latest?: boolean;
	bucketId?: string;
	watch?: boolean;
	/** Seconds between reads while watching. */
	interval?: number;
};

export type ExportsDescribeOptions = ClusterOptions & {exportId?: string};

export type AutoExportOptions = ClusterOptions & {bucketId?: string; frequency?: string; disable?: boolean; yes?: boolean};

function checked(result: CheckResult, flag: string, hint: string): string {
	if (result.ok) return result.value;
	throw new UsageError(`${flag}: ${result.message}${result.suggestion ? ` Did you mean '${result.suggestion}'?` : ''}`, hint);
}

export function requireClusterName(options: ClusterOptions): string {
	const value = options.cluster ?? options.clusterName;
	if (value === undefined) throw new UsageError('Missing --cluster.', '`atlas-export-bucket clusters --project-id <id>` lists the clusters and which can export.');
	return checked(checkClusterName(value), '--cluster', '`atlas-export-bucket clusters --project-id <id>` lists the clusters.');
}

/** Exactly one of --snapshot-id and --latest. */
export function snapshotChoice(options: ExportCommandOptions): {latest: true} | {snapshotId: string} {
	const hint = '`atlas-export-bucket snapshots --project-id <id> --cluster <name>` lists the snapshots; --latest takes the newest completed one.';
	if (options.latest && options.snapshotId !== undefined) throw new UsageError('Give either --snapshot-id or --latest, not both.', hint);
	if (options.latest) return {latest: true};
	if (options.snapshotId === undefined) throw new UsageError('Missing --snapshot-id (or --latest).', hint);
	return {snapshotId: checked(checkSnapshotId(options.snapshotId), '--snapshot-id', hint)};
}

export function requireExportId(options: ExportsDescribeOptions): string {
	if (options.exportId === undefined) throw new UsageError('Missing --export-id.', '`atlas-export-bucket exports --project-id <id> --cluster <name>` lists the export jobs.');
	return checked(checkExportJobId(options.exportId), '--export-id', '`atlas-export-bucket exports --project-id <id> --cluster <name>` lists the export jobs.');
}

/** Turning automatic export on needs a bucket and a frequency; --disable takes neither. */
export function autoExportChoice(options: AutoExportOptions): {enabled: false} | {enabled: true; frequency: AutoExportFrequency} {
	const hint = 'Either --bucket-id ID --frequency monthly|yearly to turn it on, or --disable to turn it off.';
	if (options.disable) {
		if (options.bucketId !== undefined || options.frequency !== undefined) throw new UsageError('--disable takes neither --bucket-id nor --frequency.', hint);
		return {enabled: false};
	}
	if (options.frequency === undefined) throw new UsageError('Missing --frequency (monthly or yearly), or --disable.', hint);
	return {enabled: true, frequency: checked(checkFrequency(options.frequency), '--frequency', hint) as AutoExportFrequency};
}
