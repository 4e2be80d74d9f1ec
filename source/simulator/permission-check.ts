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
		);
	}
	const arn = role.iamAssumedRoleArn;
	if (!arn) {
		throw new SimulatorHttpError(
			400,
			'CLOUD_PROVIDER_ACCESS_ROLE_NOT_AUTHORIZED',
			`Cloud provider access role ${input.iamRoleId} is not authorized.`,
		);
	}
	const cannotAssume = (why: string) =>
		new SimulatorHttpError(
			400,
			'CANNOT_ASSUME_ROLE',
			`Atlas cannot assume role ${arn} to write /exported_snapshots/.permissioncheck to bucket ${input.bucketName}: ${why}.`,
		);
	if (!input.iamPropagation.checkPropagated(role, input.now)) {
		throw cannotAssume('the role was authorized moments ago and IAM has not propagated yet');
	}
	const s3Bucket = state.s3Bucket(input.bucketName);
	if (!s3Bucket) throw cannotAssume('the bucket does not exist or the role cannot see it');
	if (!s3Bucket.writableBy.includes(arn)) throw cannotAssume('the role is not allowed to write to the bucket');
	return {role, s3Bucket};
}
