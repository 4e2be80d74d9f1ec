import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {
	checkBucketName,
	checkExportBucketId,
	checkIamRoleArn,
	roleNameFromArn,
	checkProjectId,
	checkRoleId,
	ensureValid,
	ValidationError,
	type CheckResult,
} from '../../source/atlas/validation.js';

function failed(result: CheckResult): {message: string; suggestion?: string} {
	assert.equal(result.ok, false, `expected a failure, got ${JSON.stringify(result)}`);
	return result as {ok: false; message: string; suggestion?: string};
}

describe('checkProjectId', () => {
	test('accepts 24 lower-case hex characters and trims', () => {
		assert.deepEqual(checkProjectId('6650a1f2c3d4e5f6a7b8c9d0'), {ok: true, value: '6650a1f2c3d4e5f6a7b8c9d0'});
		assert.deepEqual(checkProjectId('  6650a1f2c3d4e5f6a7b8c9d0\n'), {ok: true, value: '6650a1f2c3d4e5f6a7b8c9d0'});
	});

	const rejected: Array<[string, RegExp, string?]> = [
		['', /Enter the Atlas project id/],
		['6650a1f2c3d4e5f6a7b8c9d', /24 hexadecimal characters.*23 characters/],
		['6650a1f2c3d4e5f6a7b8c9d00', /25 characters/],
		['6650a1f2c3d4e5f6a7b8c9dz', /others than 0-9, a-f/],
		['6650A1F2C3D4E5F6A7B8C9D0', /lower case/, '6650a1f2c3d4e5f6a7b8c9d0'],
		['https://cloud.mongodb.com/v2/6650a1f2c3d4e5f6a7b8c9d0#/clusters', /Atlas URL/, '6650a1f2c3d4e5f6a7b8c9d0'],
		['https://cloud.mongodb.com/v2#/org', /URL, not a project id/],
	];
	for (const [input, message, suggestion] of rejected) {
		test(`rejects ${JSON.stringify(input)}`, () => {
			const result = failed(checkProjectId(input));
			assert.match(result.message, message);
			assert.equal(result.suggestion, suggestion);
		});
	}
});

describe('checkRoleId', () => {
	test('accepts an Atlas role id', () => {
		assert.deepEqual(checkRoleId('6650b2e3d4f5a6b7c8d9e0f1'), {ok: true, value: '6650b2e3d4f5a6b7c8d9e0f1'});
	});

	const rejected: Array<[string, RegExp, string?]> = [
		['', /Enter the Atlas role id/],
		['arn:aws:iam::123456789012:role/atlas-snapshot-export', /AWS IAM role ARN.*not the AWS ARN/],
		['arn:aws:iam::123456789012:role/service-role/nested/name', /AWS IAM role ARN/],
		['arn:aws:s3:::acme-atlas-snapshots', /an AWS ARN/],
		['AROA3XFRBF23EXAMPLE12', /AWS unique id \(AROA…\), not the Atlas role id/],
		['AIDAJQABLZS4A3QDU576Q', /AWS unique id \(AIDA…\)/],
		['3f2a8c1e-5b7d-4e9a-8c6f-1d2e3a4b5c6d', /external id/],
		['6650B2E3D4F5A6B7C8D9E0F1', /lower case/, '6650b2e3d4f5a6b7c8d9e0f1'],
		['6650b2e3', /24 hexadecimal characters.*8 characters/],
	];
	for (const [input, message, suggestion] of rejected) {
		test(`rejects ${JSON.stringify(input)}`, () => {
			const result = failed(checkRoleId(input));
			assert.match(result.message, message);
			assert.equal(result.suggestion, suggestion);
		});
	}
});

describe('checkExportBucketId', () => {
	test('accepts an Atlas id', () => {
		assert.deepEqual(checkExportBucketId('6650c3f4a5b6c7d8e9f0a1b2'), {ok: true, value: '6650c3f4a5b6c7d8e9f0a1b2'});
	});
	test('recognises a bucket name given instead of the id', () => {
		assert.match(failed(checkExportBucketId('acme-atlas-snapshots')).message, /looks like an S3 bucket name/);
	});
	test('rejects other shapes', () => {
		assert.match(failed(checkExportBucketId('x')).message, /24 hexadecimal/);
	});
});

describe('checkIamRoleArn', () => {
	test('accepts role ARNs in the aws, aws-us-gov and aws-cn partitions, with paths, and trims', () => {
		for (const arn of ['arn:aws:iam::123456789012:role/atlas-export', 'arn:aws:iam::123456789012:role/service-role/x.y@z', 'arn:aws-us-gov:iam::123456789012:role/gov', 'arn:aws-cn:iam::123456789012:role/a/b/c_d+e=f,g']) {
			assert.deepEqual(checkIamRoleArn(arn), {ok: true, value: arn});
		}
		assert.deepEqual(checkIamRoleArn(' arn:aws:iam::123456789012:role/r \n'), {ok: true, value: 'arn:aws:iam::123456789012:role/r'});
	});
	const rejected: Array<[string, RegExp, string?]> = [
		['', /Enter the ARN/],
		['6650b2e3d4f5a6b7c8d9e0f1', /Atlas id/],
		['AROA3XFRBF23EXAMPLE12', /AWS unique id/],
		['c4d5e6f7-a8b9-4c0d-8e1f-2a3b4c5d6e7f', /external id/],
		['atlas-export', /That is a role name.*arn:aws:iam::<12-digit account>:role\/atlas-export .*aws iam get-role --role-name atlas-export/],
		['arn:aws:iam::123456789012:instance-profile/atlas-export', /instance profile ARN/, 'arn:aws:iam::123456789012:role/atlas-export'],
		['arn:aws:iam::123456789012:instance-profile/ops/atlas-export', /instance profile ARN/, 'arn:aws:iam::123456789012:role/ops/atlas-export'],
		['arn:aws:s3:::acme-atlas-snapshots', /S3 ARN \(the bucket\).*IAM role/],
		['arn:aws:s3:::acme-atlas-snapshots/*', /S3 ARN/],
		['arn:aws:sts::123456789012:assumed-role/atlas-export/session-1', /STS session ARN/, 'arn:aws:iam::123456789012:role/atlas-export'],
		['arn:aws-iso:iam::123456789012:role/x', /partition "aws-iso".*aws, aws-us-gov or aws-cn/],
		['arn:aws:iam::12345678901:role/x', /12 digits; this one is "12345678901"/],
		['arn:aws:iam::123456789012:user/alice', /names an IAM user, not a role/],
		['arn:aws:iam::536727724300:root', /names an IAM account root, not a role/],
		['arn:aws:iam::123456789012:policy/export', /names an IAM policy/],
		['arn:aws:iam::123456789012:role/', /role name is 1 to 64/],
		[`arn:aws:iam::123456789012:role/${'r'.repeat(65)}`, /role name is 1 to 64/],
		['arn:aws:iam::123456789012:role/bad name', /role name is 1 to 64/],
		['ARN:AWS:IAM::123456789012:role/atlas-export', /lower case/, 'arn:aws:iam::123456789012:role/atlas-export'],
		['arn:aws:ec2:us-east-1:123456789012:instance/i-1', /ec2 service/],
		['not an arn at all', /looks like arn:aws:iam::123456789012:role\//],
	];
	for (const [input, message, suggestion] of rejected) {
		test(`rejects ${JSON.stringify(input.length > 50 ? `${input.slice(0, 50)}…` : input)}`, () => {
			const result = failed(checkIamRoleArn(input));
			assert.match(result.message, message);
			assert.equal(result.suggestion, suggestion);
		});
	}
});

describe('roleNameFromArn', () => {
	test('the name after role/ and any path', () => {
		assert.equal(roleNameFromArn('arn:aws:iam::123456789012:role/atlas-export-wizard'), 'atlas-export-wizard');
		assert.equal(roleNameFromArn('arn:aws-us-gov:iam::123456789012:role/service-role/ops/export'), 'export');
	});
	test('undefined for anything that is not a role ARN', () => {
		for (const value of [undefined, '', 'atlas-export', 'arn:aws:iam::123456789012:user/alice', 'arn:aws:s3:::bucket']) {
			assert.equal(roleNameFromArn(value), undefined);
		}
	});
});

describe('checkBucketName: the AWS rules', () => {
	const valid = ['abc', 'acme-atlas-snapshots', 'my.bucket.2024', 'a'.repeat(63), '1bucket9', 'xn-single-dash', 'bucket-s3alias-not-suffix'];
	for (const name of valid) {
		test(`accepts ${name.length > 20 ? `${name.slice(0, 20)}…` : name}`, () => {
			assert.deepEqual(checkBucketName(name), {ok: true, value: name});
		});
	}
	test('trims surrounding white space', () => {
		assert.deepEqual(checkBucketName('  acme-atlas-snapshots \n'), {ok: true, value: 'acme-atlas-snapshots'});
	});

	const rejected: Array<[string, RegExp, string?]> = [
		['', /Enter the S3 bucket name/],
		['ab', /3 to 63 characters.*has 2/],
		['a'.repeat(64), /3 to 63 characters.*has 64/],
		['My-Bucket', /no upper-case letters/, 'my-bucket'],
		['my_bucket', /only contain a-z, 0-9, dots and hyphens; found “_”/],
		// An invisible character is named, not printed (it showed as found "").
		['abcdef\u007F', /found U\+007F\./],
		['abc\u200Bdef', /found U\+200B\./],
		['my bucket', /no spaces/, 'my-bucket'],
		['-bucket', /starts and ends with a letter or digit/],
		['bucket-', /starts and ends with a letter or digit/],
		['.bucket', /starts and ends/],
		['my..bucket', /two adjacent dots/],
		['192.168.5.4', /IP address/],
		['xn--bucket', /must not start with "xn--"/],
		['sthree-bucket', /must not start with "sthree-"/],
		['amzn-s3-demo-bucket', /must not start with "amzn-s3-demo-"/],
		['bucket-s3alias', /must not end with "-s3alias"/],
		['bucket--ol-s3', /must not end with "--ol-s3"/],
		['bucket.mrap', /must not end with ".mrap"/],
		['bucket--x-s3', /must not end with "--x-s3"/],
	];
	for (const [input, message, suggestion] of rejected) {
		test(`rejects ${JSON.stringify(input.length > 20 ? `${input.slice(0, 20)}…` : input)}`, () => {
			const result = failed(checkBucketName(input));
			assert.match(result.message, message);
			assert.equal(result.suggestion, suggestion);
		});
	}
});

describe('checkBucketName: pasted URIs, ARNs and URLs', () => {
	const pasted: Array<[string, RegExp, string]> = [
		['s3://acme-atlas-snapshots', /S3 URI/, 'acme-atlas-snapshots'],
		['s3://acme-atlas-snapshots/exported_snapshots/', /S3 URI/, 'acme-atlas-snapshots'],
		['S3://acme-atlas-snapshots', /S3 URI/, 'acme-atlas-snapshots'],
		['arn:aws:s3:::acme-atlas-snapshots', /S3 ARN/, 'acme-atlas-snapshots'],
		['arn:aws:s3:::acme-atlas-snapshots/*', /S3 ARN/, 'acme-atlas-snapshots'],
		['arn:aws-us-gov:s3:::gov-bucket', /S3 ARN/, 'gov-bucket'],
		['https://acme-atlas-snapshots.s3.amazonaws.com', /bucket URL/, 'acme-atlas-snapshots'],
		['https://acme-atlas-snapshots.s3.amazonaws.com/some/key.json', /bucket URL/, 'acme-atlas-snapshots'],
		['https://acme-atlas-snapshots.s3.eu-west-1.amazonaws.com/', /bucket URL/, 'acme-atlas-snapshots'],
		['https://acme-atlas-snapshots.s3-eu-west-1.amazonaws.com', /bucket URL/, 'acme-atlas-snapshots'],
		['https://my.dotted.bucket.s3.us-east-2.amazonaws.com', /bucket URL/, 'my.dotted.bucket'],
		['https://s3.amazonaws.com/acme-atlas-snapshots', /bucket URL/, 'acme-atlas-snapshots'],
		['https://s3.us-west-2.amazonaws.com/acme-atlas-snapshots/key', /bucket URL/, 'acme-atlas-snapshots'],
		['https://s3-us-west-2.amazonaws.com/acme-atlas-snapshots', /bucket URL/, 'acme-atlas-snapshots'],
		['https://s3.console.aws.amazon.com/s3/buckets/acme-atlas-snapshots?region=us-east-1&tab=objects', /AWS console URL/, 'acme-atlas-snapshots'],
	];
	for (const [input, message, suggestion] of pasted) {
		test(`offers the bare name for ${input}`, () => {
			const result = failed(checkBucketName(input));
			assert.match(result.message, message);
			assert.match(result.message, /bare bucket name/);
			assert.equal(result.suggestion, suggestion);
		});
	}
	test('a pasted URI whose name breaks the rules gets no suggestion', () => {
		const result = failed(checkBucketName('s3://my_bucket'));
		assert.match(result.message, /S3 URI, not a bucket name.*a-z, 0-9/);
		assert.equal(result.suggestion, undefined);
	});
	test('an unrelated URL is judged as a name', () => {
		const result = failed(checkBucketName('https://example.com/bucket'));
		assert.equal(result.suggestion, undefined);
	});
});

describe('ensureValid', () => {
	test('returns the cleaned value', () => {
		assert.equal(ensureValid('bucketName', checkBucketName(' abc ')), 'abc');
	});
	test('throws a ValidationError with field, message and suggestion', () => {
		assert.throws(
			() => ensureValid('bucketName', checkBucketName('s3://abc')),
			(error: unknown) => error instanceof ValidationError && error.field === 'bucketName' && error.suggestion === 'abc' && /S3 URI/.test(error.message),
		);
	});
});
