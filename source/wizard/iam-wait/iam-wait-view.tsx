// What a person sees while the wizard waits for AWS IAM (authorizing a role, registering a bucket):
// every failed attempt, the time spent of the budget, when the next try goes, and that Esc stops
// waiting without losing an answer. Then, when the budget is spent, what to check instead.
import React from 'react';
import {Box, Text} from 'ink';
import {Copyable} from '../components/copyable.js';
import {SpinnerLine} from '../components/loading.js';
import {useKeys} from '../input/use-keys.js';
import type {IamWaitProgress} from './retry-while-propagating.js';
import {Prose} from '../components/prose.js';

export function seconds(ms: number): string {
	return `${Math.round(ms / 1000)} s`;
}

/** Rows of earlier attempts kept on screen (the newest last); older ones are counted. */
const SHOWN_ATTEMPTS = 4;

export type IamWaitViewProps = {
	/** What is being tried, e.g. "Authorizing the role" or "Registering the export bucket". */
	action: string;
	attempts: readonly IamWaitProgress[];
	stopping: boolean;
	onStop(): void;
};

export function IamWaitView({action, attempts, stopping, onStop}: IamWaitViewProps) {
	useKeys(key => {
		if (key.name === 'escape') onStop();
	});
	const latest = attempts.at(-1);
	const hidden = Math.max(0, attempts.length - SHOWN_ATTEMPTS);
	return (
		<Box flexDirection="column">
			<SpinnerLine label={latest ? `${action}: waiting for AWS IAM to let Atlas assume the role…` : `${action}…`} />
			{hidden > 0 ? <Text dimColor>  ({hidden} earlier attempts)</Text> : null}
			{attempts.slice(-SHOWN_ATTEMPTS).map(progress => (
				<Text key={progress.attempt} dimColor>
					{`  ✗ attempt ${progress.attempt} at ${seconds(progress.elapsedMs)}: CANNOT_ASSUME_ROLE`}
				</Text>
			))}
			{latest ? (
				<Text dimColor>
					{seconds(latest.elapsedMs)} of {seconds(latest.budgetMs)} · next try in {seconds(latest.nextDelayMs)}
				</Text>
			) : null}
			<Prose dimColor>{stopping ? 'Stopping after this attempt; your answers are kept.' : latest ? 'Esc stops waiting (your answers are kept) · Ctrl-C quits' : 'Ctrl-C cancels.'}</Prose>
		</Box>
	);
}

export type TrustValues = {iamRoleArn?: string; atlasAWSAccountArn?: string; externalId?: string; bucketName?: string};

type ConclusionProps = {attempts: number; budgetMs: number; values: TrustValues; next: string};

/** The conclusion's lines: the finding, what to check (with the real values), then what to do. */
export function conclusionLines({attempts, budgetMs, values, next}: ConclusionProps): string[] {
	const role = values.iamRoleArn ?? 'the IAM role';
	return [
		`Atlas still cannot assume ${role} after ${seconds(budgetMs)} (${attempts} attempts).`,
		'IAM changes propagate within seconds to a minute, so something in AWS needs fixing. Check, in the IAM console or with `aws iam get-role`:',
		`  • the role's trust policy allows sts:AssumeRole to the principal ${values.atlasAWSAccountArn ?? 'Atlas\'s AWS account ARN'}`,
		`  • with the condition sts:ExternalId = ${values.externalId ?? 'the external id Atlas gave this role'}`,
		...(values.bucketName ? [`  • its permission policy allows s3:GetBucketLocation on arn:aws:s3:::${values.bucketName} and s3:PutObject on arn:aws:s3:::${values.bucketName}/*`] : []),
		next,
	];
}

/**
 * After the whole budget: not propagation any more. Names what to check in AWS with the real
 * values (the role, Atlas's principal and this role's external id, the bucket).
 */
export function IamWaitConclusion(props: ConclusionProps) {
	const lines = conclusionLines(props);
	const {iamRoleArn, atlasAWSAccountArn, externalId} = props.values;
	// The values to copy into AWS, whole: inside the sentences above, one longer than the terminal would
	// be broken across rows. Printed above the wizard only (the sentences already show them).
	const copyable = [iamRoleArn, atlasAWSAccountArn, externalId].filter((value): value is string => value !== undefined);
	return (
		<Box flexDirection="column">
			{copyable.length > 0 ? <Copyable id="iam-conclusion-values" title="The role, Atlas's principal and the external id to check:" lines={copyable} inPlace={false} /> : null}
			{lines.map((line, index) => (
				<Prose key={index} color={index === 0 ? 'red' : undefined} bold={index === 0 || index === lines.length - 1}>
					{line}
				</Prose>
			))}
		</Box>
	);
}
