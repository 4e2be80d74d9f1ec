// Cloud provider access (AWS IAM roles): list, create, get one, authorize.
import {badAttribute, SimulatorHttpError} from '../errors.js';
import {V2023} from '../versions.js';
import {isPlainObject, requireGroup} from './common.js';
import type {RoleRecord} from '../state.js';
import type {Route, RouteContext} from './types.js';

const ROLE_ARN = /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

function requireRole(context: RouteContext, groupId: string, roleId: string) {
	const role = context.state.role(groupId, roleId);
	if (!role) {
		throw new SimulatorHttpError(404, 'CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND', `No cloud provider access role with ID ${roleId} exists in project ${groupId}.`);
	}
	return role;
}

function requireAwsProvider(body: unknown): Record<string, unknown> {
	if (!isPlainObject(body)) throw badAttribute('The request body must be a JSON object.');
	if (body.providerName === undefined) throw badAttribute('Missing attribute providerName: it must be AWS.');
	if (body.providerName !== 'AWS') throw badAttribute(`Invalid providerName ${JSON.stringify(body.providerName)}: the simulator models AWS only.`);
	return body;
}

/**
 * Atlas assumes the AWS role at once when authorizing: CANNOT_ASSUME_ROLE (as recorded: the ARN in
 * the detail and the parameters) unless the role trusts Atlas's account with this role's external
 * id, and, for the propagation delay after Atlas first tries that ARN, while IAM propagates.
 */
function assumeForAuthorize(context: RouteContext, role: RoleRecord, arn: string): void {
	const cannotAssume = () => new SimulatorHttpError(400, 'CANNOT_ASSUME_ROLE', `Atlas cannot assume the specified role (${arn}).`, {parameters: [arn]});
	if (!context.state.trusts(role, arn)) throw cannotAssume();
	if (!context.iamPropagation.checkAssumable(role, arn, context.now)) throw cannotAssume();
}

export const cloudProviderAccessRoutes: Route[] = [
	{
		method: 'GET',
		pattern: /^\/groups\/([^/]+)\/cloudProviderAccess\/?$/,
		versions: [V2023],
		handle(context, [groupId = '']) {
			requireGroup(context, groupId);
			return {
				status: 200,
				body: {
					awsIamRoles: context.state.rolesOf(groupId).map(role => context.state.roleView(role)),
					azureServicePrincipals: [],
					gcpServiceAccounts: [],
				},
			};
		},
	},
	{
		method: 'POST',
		pattern: /^\/groups\/([^/]+)\/cloudProviderAccess\/?$/,
		versions: [V2023],
		takesBody: true,
		handle(context, [groupId = '']) {
			requireGroup(context, groupId);
			requireAwsProvider(context.body);
			return {status: 200, body: context.state.roleView(context.state.createRole(groupId, context.now))};
		},
	},
	{
		method: 'GET',
		pattern: /^\/groups\/([^/]+)\/cloudProviderAccess\/([^/]+)\/?$/,
		versions: [V2023],
		handle(context, [groupId = '', roleId = '']) {
			requireGroup(context, groupId);
			return {status: 200, body: context.state.roleView(requireRole(context, groupId, roleId))};
		},
	},
	{
		method: 'PATCH',
		pattern: /^\/groups\/([^/]+)\/cloudProviderAccess\/([^/]+)\/?$/,
		versions: [V2023],
		takesBody: true,
		handle(context, [groupId = '', roleId = '']) {
			requireGroup(context, groupId);
			const role = requireRole(context, groupId, roleId);
			const body = requireAwsProvider(context.body);
			const arn = body.iamAssumedRoleArn;
			if (arn === undefined) throw badAttribute('Missing attribute iamAssumedRoleArn.');
			if (typeof arn !== 'string' || !ROLE_ARN.test(arn)) {
				throw badAttribute(`Invalid iamAssumedRoleArn ${JSON.stringify(arn)}: expected arn:aws:iam::<12-digit account>:role/<name>.`);
			}
			assumeForAuthorize(context, role, arn);
			context.state.authorizeRole(role, arn, context.now);
			context.iamPropagation.authorized(role);
			return {status: 200, body: context.state.roleView(role)};
		},
	},
];
