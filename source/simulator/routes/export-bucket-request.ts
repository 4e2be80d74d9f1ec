// Validates a create-export-bucket body against the AWS request shape (and, at 2024-05-30, the
// AZURE and GCP shapes, whose roles this simulator never holds).
import {badAttribute, SimulatorHttpError} from '../errors.js';
import {bucketNameProblem} from '../bucket-name.js';
import {OBJECT_ID} from '../ids.js';
import {V2024} from '../versions.js';
import {isPlainObject} from './common.js';

export type AwsCreateRequest = {bucketName: string; iamRoleId: string; requirePrivateNetworking: boolean};

const AWS_FIELDS = new Set(['bucketName', 'cloudProvider', 'iamRoleId', 'requirePrivateNetworking']);

export function parseCreateRequest(body: unknown, version: string): AwsCreateRequest {
	if (!isPlainObject(body)) throw badAttribute('The request body must be a JSON object.');
	const {cloudProvider} = body;
	if (cloudProvider === undefined) throw badAttribute('Missing attribute cloudProvider: it must be AWS.');
	if ((cloudProvider === 'AZURE' || cloudProvider === 'GCP') && version === V2024) rejectOtherProvider(body, cloudProvider);
	if (cloudProvider !== 'AWS') throw badAttribute(`Invalid cloudProvider ${JSON.stringify(cloudProvider)}: this version supports only AWS.`);

	const unknown = Object.keys(body).filter(key => !AWS_FIELDS.has(key));
	if (unknown.length > 0) throw badAttribute(`Unknown attribute ${unknown[0]} in an AWS export bucket request.`);

	const {bucketName, iamRoleId, requirePrivateNetworking} = body;
	if (bucketName === undefined) throw badAttribute('Missing attribute bucketName.');
	if (typeof bucketName !== 'string') throw badAttribute('Attribute bucketName must be a string.');
	if (iamRoleId === undefined) throw badAttribute('Missing attribute iamRoleId.');
	if (typeof iamRoleId !== 'string' || !OBJECT_ID.test(iamRoleId)) {
		throw badAttribute(
			`Invalid iamRoleId ${JSON.stringify(iamRoleId)}: it must be the 24-hexadecimal Atlas role id from cloudProviderAccess, not an AWS role id or ARN.`,
		);
	}
	if (requirePrivateNetworking !== undefined && typeof requirePrivateNetworking !== 'boolean') {
		throw badAttribute('Attribute requirePrivateNetworking must be a boolean.');
	}
	const problem = bucketNameProblem(bucketName);
	if (problem) throw new SimulatorHttpError(400, 'EXPORT_BUCKET_NAME_INVALID', `Bucket name ${bucketName} is invalid: it ${problem}.`);
	return {bucketName, iamRoleId, requirePrivateNetworking: requirePrivateNetworking ?? false};
}

function rejectOtherProvider(body: Record<string, unknown>, provider: 'AZURE' | 'GCP'): never {
	const {roleId} = body;
	if (typeof roleId !== 'string' || !OBJECT_ID.test(roleId)) throw badAttribute('Attribute roleId must be a 24-hexadecimal role id.');
	if (provider === 'AZURE' && typeof body.serviceUrl !== 'string') throw badAttribute('Missing attribute serviceUrl.');
	if (provider === 'GCP' && typeof body.bucketName !== 'string') throw badAttribute('Missing attribute bucketName.');
	throw new SimulatorHttpError(400, 'CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND', `No ${provider} cloud provider access role with ID ${roleId} exists in this project.`);
}
