// Validates a create-export-bucket body against the AWS request shape (and, at 2024-05-30, the
// AZURE and GCP shapes, whose roles this simulator never holds). The codes are Atlas's: a body
// that is not an object is MALFORMED_JSON, a required field absent MISSING_ATTRIBUTE, a field the
// request does not take or a provider outside the enum INVALID_ATTRIBUTE, and a field with a value
// of the wrong form (an AWS ARN as iamRoleId) INVALID_JSON_ATTRIBUTE.
import {bucketNameProblem} from '../bucket-name.js';
import {invalidAttribute, invalidJsonAttribute, malformedJson, missingAttribute, SimulatorHttpError} from '../errors.js';
import {OBJECT_ID} from '../ids.js';
import {V2024} from '../versions.js';
import {isPlainObject} from './common.js';

export type AwsCreateRequest = {bucketName: string; iamRoleId: string; requirePrivateNetworking: boolean};

const AWS_FIELDS = new Set(['bucketName', 'cloudProvider', 'iamRoleId', 'requirePrivateNetworking']);

export function parseCreateRequest(body: unknown, version: string): AwsCreateRequest {
	if (!isPlainObject(body)) throw malformedJson();
	const {cloudProvider} = body;
	if (cloudProvider === undefined) throw missingAttribute('cloudProvider');
	if ((cloudProvider === 'AZURE' || cloudProvider === 'GCP') && version === V2024) rejectOtherProvider(body, cloudProvider);
	if (cloudProvider !== 'AWS') throw invalidAttribute('cloudProvider', `Invalid cloudProvider ${JSON.stringify(cloudProvider)}: this version supports only AWS.`);

	const unknown = Object.keys(body).find(key => !AWS_FIELDS.has(key));
	if (unknown !== undefined) throw invalidAttribute(unknown);

	const {bucketName, iamRoleId, requirePrivateNetworking} = body;
	if (bucketName === undefined) throw missingAttribute('bucketName');
	if (typeof bucketName !== 'string') throw invalidJsonAttribute('bucketName');
	if (iamRoleId === undefined) throw missingAttribute('iamRoleId');
	if (typeof iamRoleId !== 'string' || !OBJECT_ID.test(iamRoleId)) {
		throw invalidJsonAttribute(
			'iamRoleId',
			`Invalid iamRoleId ${JSON.stringify(iamRoleId)}: it must be the 24-hexadecimal Atlas role id from cloudProviderAccess, not an AWS role id or ARN.`,
		);
	}
	if (requirePrivateNetworking !== undefined && typeof requirePrivateNetworking !== 'boolean') throw invalidJsonAttribute('requirePrivateNetworking');
	const problem = bucketNameProblem(bucketName);
	if (problem) throw new SimulatorHttpError(400, 'EXPORT_BUCKET_NAME_INVALID', `Bucket name ${bucketName} is invalid: it ${problem}.`, {parameters: [bucketName]});
	return {bucketName, iamRoleId, requirePrivateNetworking: requirePrivateNetworking ?? false};
}

function rejectOtherProvider(body: Record<string, unknown>, provider: 'AZURE' | 'GCP'): never {
	const {roleId} = body;
	if (roleId === undefined) throw missingAttribute('roleId');
	if (typeof roleId !== 'string' || !OBJECT_ID.test(roleId)) throw invalidJsonAttribute('roleId');
	if (provider === 'AZURE' && body.serviceUrl === undefined) throw missingAttribute('serviceUrl');
	if (provider === 'GCP' && body.bucketName === undefined) throw missingAttribute('bucketName');
	throw new SimulatorHttpError(400, 'CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND', `No ${provider} cloud provider access role with ID ${roleId} exists in this project.`, {
		parameters: [roleId],
	});
}
