// `create`: register an S3 bucket as an export bucket. Inputs are validated before anything is
// sent; the project's export buckets are listed first because Atlas (and the simulator) accept a
// duplicate: the same bucket with the same role is refused here (exit 2, nothing sent), the same
// bucket with another role is a warning that the confirmation (or --yes) must get past. A create
// whose answer was lost is never sent again: the list shows whether Atlas registered it.
import {AtlasError, atlasErrorReason} from '../atlas/errors.js';
import {findRegisteredBucket} from '../atlas/unknown-outcome.js';
import {DEFAULT_IAM_WAIT_MS, type AtlasClientWithRaw, type CreateExportBucketInput, type IamWaitAttempt} from '../atlas/types.js';
import {checkBucketName, checkRoleId, ensureValid} from '../atlas/validation.js';
import {assertCanConfirm, confirm} from './confirm.js';
import {connect, requireProjectId} from './connect.js';
import {ExitCode} from './exit-codes.js';
import {writeLine, type CommandIo} from './io.js';
import type {CreateCommandOptions} from './options.js';
import {note, printJson} from './output.js';
import {reportError} from './report.js';
import {UsageError} from './usage-error.js';

function required(value: string | undefined, flag: string, hint: string): string {
	if (value === undefined || value.trim() === '') throw new UsageError(`Missing ${flag}.`, hint);
	return value;
}

export function waitForIamMs(option: CreateCommandOptions['waitForIam']): number | undefined {
	if (option === undefined) return undefined;
	return option === true ? DEFAULT_IAM_WAIT_MS : Math.round(option * 1000);
}

export function describeAttempt(attempt: IamWaitAttempt): string {
	const seconds = (ms: number) => `${Math.round(ms / 100) / 10}s`;
	return `CANNOT_ASSUME_ROLE (IAM may still be propagating): attempt ${attempt.attempt} failed after ${seconds(attempt.elapsedMs)} of ${seconds(attempt.budgetMs)}; retrying in ${seconds(attempt.nextDelayMs)}.`;
}

/**
 * The create went out and its answer was lost: say so, list the project's export buckets, and report
 * what Atlas did. Nothing is sent again; when the list fails too, the original error stands.
 */
async function settleUnknownOutcome(
	error: AtlasError,
	{client, projectId, input, knownIds, io}: {client: AtlasClientWithRaw; projectId: string; input: CreateExportBucketInput; knownIds: Set<string>; io: CommandIo},
): Promise<ReturnType<typeof findRegisteredBucket>> {
	note(io, `${error.message} Listing the project's export buckets to find out (nothing is sent again).`);
	let found;
	try {
		found = findRegisteredBucket(await client.withRaw.listExportBuckets(projectId, {signal: io.signal}), input, knownIds);
	} catch {
		throw error;
	}
	if (!found) {
		writeLine(io.stderr, `Error: the create got no answer, and the project's export buckets show no '${input.bucketName}' with role ${input.iamRoleId}: Atlas did not register it.`);
		writeLine(io.stderr, 'Nothing was created; running the same command again is safe.');
		return undefined;
	}
	note(io, `The list shows it registered (export bucket ${found.value.id}): the create succeeded, only its answer was lost.`);
	return found;
}

export async function runCreate(options: CreateCommandOptions, io: CommandIo): Promise<number> {
	try {
		const iamRoleId = ensureValid('iamRoleId', checkRoleId(required(options.iamRoleId, '--iam-role-id', '`atlas-export-bucket roles --project-id <id>` lists the Atlas role ids of the project.')));
		const bucketName = ensureValid('bucket', checkBucketName(required(options.bucket, '--bucket', 'Give the bare S3 bucket name, e.g. --bucket my-snapshots.')));
		assertCanConfirm(options, io, 'create an export bucket');
		const {client, settings} = await connect(options, io);
		const projectId = requireProjectId(settings);
		const input: CreateExportBucketInput = {bucketName, iamRoleId};
		if (options.requirePrivateNetworking) input.requirePrivateNetworking = true;

		const sameBucket = (await client.listExportBuckets(projectId, {signal: io.signal})).filter(bucket => bucket.bucketName === bucketName);
		const identical = sameBucket.find(bucket => bucket.iamRoleId === iamRoleId);
		if (identical) {
			throw new UsageError(
				`Bucket '${bucketName}' is already registered in project ${projectId} with role ${iamRoleId}: export bucket ${identical.id}. Nothing was sent.`,
				`Use it as it is (\`atlas-export-bucket describe --project-id ${projectId} --bucket-id ${identical.id}\`), or delete it first.`,
			);
		}

		for (const other of sameBucket) {
			note(io, `Warning: bucket '${bucketName}' is already registered in project ${projectId} with another role (export bucket ${other.id}, role ${other.iamRoleId ?? 'unknown'}); this would register it a second time, with role ${iamRoleId}.`);
		}

		if (!options.yes) {
			const preview = client.previewCreateExportBucket(projectId, input);
			note(io, `About to send: ${preview.method} ${preview.url}`);
			note(io, JSON.stringify(preview.body, null, 2));
			const question = sameBucket.length > 0
				? `Register '${bucketName}' a second time in project ${projectId}, with role ${iamRoleId}?`
				: `Register '${bucketName}' as an export bucket of project ${projectId}?`;
			if (!await confirm(question, io)) {
				note(io, 'Cancelled: nothing was sent.');
				return ExitCode.cancelled;
			}
		}

		const waitMs = waitForIamMs(options.waitForIam);
		let created;
		try {
			created = await client.withRaw.createExportBucket(projectId, input, {
				signal: io.signal,
				...(waitMs === undefined ? {} : {waitForIamMs: waitMs, onIamWait: attempt => note(io, describeAttempt(attempt))}),
			});
		} catch (error) {
			if (waitMs !== undefined && atlasErrorReason(error) === 'cannotAssumeRole') {
				note(io, `Still CANNOT_ASSUME_ROLE after waiting ${waitMs / 1000}s for IAM: the role's policies probably need fixing.`);
			}

			if (!(error instanceof AtlasError) || error.reason !== 'outcomeUnknown' || error.kind === 'cancelled') throw error;
			const settled = await settleUnknownOutcome(error, {client, projectId, input, knownIds: new Set(sameBucket.map(bucket => bucket.id)), io});
			if (!settled) return ExitCode.failure;
			created = settled;
		}

		if (options.json) {
			printJson(io, created.raw);
		} else {
			const bucket = created.value;
			writeLine(io.stdout, `Export destination created using '${bucket.bucketName}'.`);
			writeLine(io.stdout, `Export bucket id: ${bucket.id}`);
		}

		return ExitCode.ok;
	} catch (error) {
		return reportError(error, io);
	}
}
