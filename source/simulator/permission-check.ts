// What Atlas does before registering an export bucket: the role must exist and be authorized, then
// Atlas assumes its AWS role and writes /exported_snapshots/.permissioncheck into the bucket.
import {SimulatorHttpError} from './errors.js';
import type {IamPropagation} from './iam-propagation.js';
import type {SeedS3Bucket} from './seed.js';
import type {RoleRecord, SimulatorState} from './state.js';

export type PermissionCheckInput = {groupId: string; iamRoleId: string; bucketName: string; now: number; iamPropagation: IamPropagation};

export function checkExportPermission(state: SimulatorState, input: PermissionCheckInput): {role: RoleRecord; s3Bucket: SeedS3Bucket} {
	const role = state.role(input.groupId, input.iamRoleId);
	if (!role) {
		throw new SimulatorHttpError(
			400,
			'CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND',
			`No cloud provider access role with ID ${input.iamRoleId} exists in project ${input.groupId}.`,
			{parameters: [input.iamRoleId]},
		);
	}
	const arn = role.iamAssumedRoleArn;
	if (!arn) {
		throw new SimulatorHttpError(
			400,
			'CLOUD_PROVIDER_ACCESS_ROLE_NOT_AUTHORIZED',
			`The specified Cloud Provider Access role (${input.iamRoleId}) has not been authorized.`,
			{parameters: [input.iamRoleId]},
		);
	}
	// As recorded, the detail names the Atlas role id only, whatever went wrong on the AWS side.
	const cannotAssume = () =>
		new SimulatorHttpError(400, 'CANNOT_ASSUME_ROLE', `Atlas cannot assume the specified role (${input.iamRoleId}).`, {parameters: [input.iamRoleId]});
	if (!input.iamPropagation.checkPropagated(role, input.now)) {
		throw cannotAssume(); // authorized moments ago: IAM has not propagated yet
	}
	const s3Bucket = state.s3Bucket(input.bucketName);
	if (!s3Bucket) throw cannotAssume(); // no such bucket, or the role cannot see it
	if (!s3Bucket.writableBy.includes(arn)) throw cannotAssume(); // the role may not write to it
	return {role, s3Bucket};
}
