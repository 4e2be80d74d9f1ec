// After a create whose answer was lost (timeout, dropped connection): before anything is sent again,
// the project's export buckets are listed to find out whether Atlas registered it. The create command
// does this at once; the wizard's Retry does it before sending.
import type {CreateExportBucketInput, ExportBucket, WithRaw} from './types.js';

/**
 * In a fresh list of the project's export buckets, the one the lost create registered: the same bucket
 * and role, not among `knownIds` (those there before); undefined when the list shows none.
 */
export function findRegisteredBucket(
	listed: WithRaw<ExportBucket[]>,
	input: Pick<CreateExportBucketInput, 'bucketName' | 'iamRoleId'>,
	knownIds: ReadonlySet<string> = new Set(),
): WithRaw<ExportBucket> | undefined {
	const index = listed.value.findIndex(bucket => bucket.bucketName === input.bucketName && bucket.iamRoleId === input.iamRoleId && !knownIds.has(bucket.id));
	if (index === -1) return undefined;
	return {value: listed.value[index]!, raw: Array.isArray(listed.raw) ? listed.raw[index] : listed.value[index]};
}
