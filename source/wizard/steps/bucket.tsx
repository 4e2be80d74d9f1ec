import React, {useRef} from 'react';
import {Box, Text} from 'ink';
import {checkBucketName} from '../../atlas/validation.js';
import type {ExportBucket} from '../../atlas/types.js';
import {ValidatedInput} from '../components/validated-input.js';
import {useKeys} from '../input/use-keys.js';
import {useAtlasSession} from '../services-context.js';
import {useAsyncLoad} from '../use-async-load.js';
import {Prose} from '../components/prose.js';

export type BucketStepProps = {
	projectId: string;
	current?: string;
	onAnswer(bucket: string): void;
	/** Enter on a bucket already registered here: go on to export with it instead of a dead end. */
	onUseRegistered(bucket: ExportBucket): void;
	onBack(): void;
};

/**
 * What Tab offers, best first: names not registered in this project yet (a new registration is what
 * this step is for), then the registered ones (Enter on one goes on to export with it).
 */
export function bucketCompletions(known: readonly string[], registeredNames: readonly string[]): string[] {
	const all = [...new Set([...known, ...registeredNames])];
	return [...all.filter(name => !registeredNames.includes(name)), ...all.filter(name => registeredNames.includes(name))];
}

/**
 * Step 4: the S3 bucket, checked against the S3 naming rules as it is typed. A pasted s3:// URI, ARN
 * or URL is recognised and its bare name offered; a bucket already registered in this project is
 * flagged before anything is sent (Atlas documents no duplicate error). Tab completes a known name.
 */
export function BucketStep({projectId, current, onAnswer, onUseRegistered, onBack}: BucketStepProps) {
	const {services, connection} = useAtlasSession();
	const [registered] = useAsyncLoad<ExportBucket[]>(async signal => services.listExportBuckets(connection, projectId, signal), [services, connection, projectId]);

	const typedRegistered = useRef<ExportBucket | undefined>(undefined);
	const refuse = (name: string): string | undefined => {
		typedRegistered.current = undefined;
		if (registered.status === 'loading') return 'Checking the buckets already registered in this project…';
		if (registered.status !== 'loaded') return undefined;
		const existing = registered.value.find(bucket => bucket.bucketName === name);
		// What Enter means now: the input refuses a registered name, and this step takes it instead.
		typedRegistered.current = existing;
		return existing
			? `“${name}” is already registered in this project (export bucket ${existing.id}). Enter: export snapshots to it (now or automatically); or choose another bucket.`
			: undefined;
	};
	useKeys(key => {
		if (key.name === 'return' && typedRegistered.current) onUseRegistered(typedRegistered.current);
	});

	// Tab completes names the tool knows: the demo's writable buckets, then those registered here.
	const registeredNames = registered.status === 'loaded' ? registered.value.map(bucket => bucket.bucketName) : [];
	const completions = bucketCompletions(services.demo?.writableBuckets ?? [], registeredNames);
	return (
		<Box flexDirection="column">
			<Prose bold>Which S3 bucket should receive the snapshots?</Prose>
			<Prose dimColor>The bare bucket name, e.g. my-atlas-exports (not s3://…, an ARN or a URL).</Prose>
			{services.demo ? (
				<Prose>
					<Text color="magenta">Demo:</Text> the simulator's AWS has these buckets the demo roles can write to: {services.demo.writableBuckets.join(', ')}
				</Prose>
			) : null}
			{registered.status === 'loaded' && registered.value.length > 0 ? (
				<Prose dimColor>Already registered here: {registered.value.map(bucket => bucket.bucketName).join(', ')}</Prose>
			) : null}
			{registered.status === 'failed' ? <Prose dimColor>Could not list the export buckets already registered ({registered.error.message}).</Prose> : null}
			<Box marginTop={1}>
				<ValidatedInput
					label="Bucket:"
					initialValue={current ?? ''}
					completions={completions}
					check={checkBucketName}
					refuse={refuse}
					onSubmit={onAnswer}
					onBack={onBack}
				/>
			</Box>
			<Prose dimColor>Enter to continue · Esc to go back</Prose>
		</Box>
	);
}
