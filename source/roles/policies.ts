// The two AWS IAM documents an Atlas export role needs, filled with real values: the trust policy
// (Atlas's AWS account may assume the role, only with this Atlas role's external id) and the
// export permission policy (exactly what Atlas's export writes: no ListBucket, no key guessed).
import type {AwsIamRole} from '../atlas/types.js';

export type PolicyStatement = {
	Effect: 'Allow';
	Principal?: {AWS: string};
	Action: string;
	Resource?: string;
	Condition?: {StringEquals: Record<string, string>};
};

export type PolicyDocument = {Version: '2012-10-17'; Statement: PolicyStatement[]};

/** What the trust policy names: Atlas's AWS account (the principal) and this Atlas role's external id. */
export type AtlasTrust = {atlasAWSAccountArn: string; externalId: string};

/** The trust values of an Atlas role; undefined when Atlas did not send them. */
export function trustOf(role: Pick<AwsIamRole, 'atlasAWSAccountArn' | 'atlasAssumedRoleExternalId'>): AtlasTrust | undefined {
	const {atlasAWSAccountArn, atlasAssumedRoleExternalId} = role;
	if (!atlasAWSAccountArn || !atlasAssumedRoleExternalId) return undefined;
	return {atlasAWSAccountArn, externalId: atlasAssumedRoleExternalId};
}

export function trustPolicy(trust: AtlasTrust): PolicyDocument {
	return {
		Version: '2012-10-17',
		Statement: [{
			Effect: 'Allow',
			Principal: {AWS: trust.atlasAWSAccountArn},
			Action: 'sts:AssumeRole',
			Condition: {StringEquals: {'sts:ExternalId': trust.externalId}},
		}],
	};
}

/** The AWS partition of an ARN (aws, aws-us-gov, aws-cn); 'aws' when it cannot be read. */
export function partitionOf(arn: string | undefined): string {
	return /^arn:(aws(?:-[a-z]+)*):/.exec(arn ?? '')?.[1] ?? 'aws';
}

/** s3:GetBucketLocation on the bucket, s3:PutObject on its objects: what an export needs, nothing more. */
export function exportPermissionPolicy(bucketName: string, partition = 'aws'): PolicyDocument {
	return {
		Version: '2012-10-17',
		Statement: [
			{Effect: 'Allow', Action: 's3:GetBucketLocation', Resource: `arn:${partition}:s3:::${bucketName}`},
			{Effect: 'Allow', Action: 's3:PutObject', Resource: `arn:${partition}:s3:::${bucketName}/*`},
		],
	};
}

/** Said beside the permission policy: a customer-managed KMS key is the bucket owner's to name, never ours to guess. */
export function kmsNote(bucketName: string): string {
	return `If ${bucketName} is encrypted with a customer-managed KMS key (SSE-KMS), the role also needs kms:GenerateDataKey on that key: add a statement with the key's ARN (from the bucket's default encryption settings) as its Resource.`;
}

/** The documents as written to the files and printed: two-space JSON and a final newline. */
export function policyJson(document: PolicyDocument): string {
	return `${JSON.stringify(document, null, 2)}\n`;
}
