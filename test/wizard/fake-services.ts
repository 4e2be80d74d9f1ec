// WizardServices with in-memory answers for the step tests (the whole-wizard tests use the real
// services against the simulator). Every call is recorded.
import {identityOf, secretOf} from '../../source/atlas/types.js';
import type {ApiKeyPair, AwsIamRole, ExportBucket, Project} from '../../source/atlas/types.js';
import type {WizardServices} from '../../source/wizard/services.js';

export const goodKeys: ApiKeyPair = {publicKey: 'abcdefgh', privateKey: '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f'};
export const projects: Project[] = [
	{id: '6650a1f2c3d4e5f6a7b8c9d0', name: 'Production'},
	{id: '6650a1f2c3d4e5f6a7b8c9d1', name: 'Sandbox'},
	{id: '6650a1f2c3d4e5f6a7b8c9d2', name: 'Analytics'},
];
export const roles: AwsIamRole[] = [
	{
		providerName: 'AWS',
		roleId: '6650b2e3d4f5a6b7c8d9e0f1',
		atlasAWSAccountArn: 'arn:aws:iam::536727724300:root',
		atlasAssumedRoleExternalId: '3f2a8c1e-5b7d-4e9a-8c6f-1d2e3a4b5c6d',
		iamAssumedRoleArn: 'arn:aws:iam::123456789012:role/a-rather-long-role-name-for-atlas-snapshot-exports',
		featureUsages: [{featureType: 'EXPORT_SNAPSHOT', featureId: {exportBucketId: '6650c3f4a5b6c7d8e9f0a1b2'}}],
	},
	{
		providerName: 'AWS',
		roleId: '6650b2e3d4f5a6b7c8d9e0f2',
		atlasAWSAccountArn: 'arn:aws:iam::536727724300:root',
		atlasAssumedRoleExternalId: '9b8c7d6e-1f2a-4b3c-9d4e-5f6a7b8c9d0e',
		iamAssumedRoleArn: 'arn:aws:iam::123456789012:role/backup-archive',
		featureUsages: [],
	},
	{
		providerName: 'AWS',
		roleId: '6650b2e3d4f5a6b7c8d9e0f3',
		atlasAWSAccountArn: 'arn:aws:iam::536727724300:root',
		atlasAssumedRoleExternalId: 'c4d5e6f7-a8b9-4c0d-8e1f-2a3b4c5d6e7f',
		featureUsages: [],
	},
];
/** What createRole answers: a role with its own account ARN and external id, not authorized. */
export const newRole: AwsIamRole = {
	providerName: 'AWS',
	roleId: '6650b2e3d4f5a6b7c8d9e0aa',
	atlasAWSAccountArn: 'arn:aws:iam::536727724300:root',
	atlasAssumedRoleExternalId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
	featureUsages: [],
};
export const registered: ExportBucket[] = [{id: '6650c3f4a5b6c7d8e9f0a1b2', bucketName: 'already-there', cloudProvider: 'AWS', iamRoleId: roles[0]!.roleId}];

type Calls = Array<{method: string; args: unknown[]}>;

function apiError(status: number, errorCode: string, message: string, hint: string, reason = 'other'): Error {
	return Object.assign(new Error(message), {status, errorCode, hint, kind: 'api', reason});
}

/** As the client rejects while IAM has not propagated (or the trust policy is wrong). */
export function cannotAssumeRole(arn: string): Error {
	return apiError(400, 'CANNOT_ASSUME_ROLE', `Atlas cannot assume the specified role (${arn}).`, 'Check the trust policy.', 'cannotAssumeRole');
}

export function unauthorized(): Error {
	return apiError(401, 'USER_UNAUTHORIZED', 'Atlas refused the API key (HTTP 401).', 'Check the public and private key.', 'badCredentials');
}

export function fakeServices(overrides: Partial<WizardServices> = {}): {services: WizardServices; calls: Calls} {
	const calls: Calls = [];
	const record = (method: string, ...args: unknown[]) => calls.push({method, args});
	const services: WizardServices = {
		iamWaitMs: 5000,
		iamRetryDelays: {baseDelayMs: 10, maxDelayMs: 20},
		exportPollMs: 10,
		// The export screens are tested against the simulator (test/wizard/export-flow.test.tsx).
		async backup() {
			throw new Error('fake services: no backup client');
		},
		target: connection => ({baseUrl: connection?.baseUrl ?? 'https://cloud.mongodb.com', apiVersion: connection?.apiVersion ?? 'v2'}),
		async verifyKeys(connection) {
			record('verifyKeys', identityOf(connection));
			if (secretOf(connection) !== goodKeys.privateKey) throw unauthorized();
			return {publicKey: identityOf(connection), roles: [], accessList: []};
		},
		async listProjects() {
			record('listProjects');
			return projects;
		},
		async getProject(_connection, projectId) {
			record('getProject', projectId);
			const found = projects.find(project => project.id === projectId);
			if (!found) throw apiError(404, 'GROUP_NOT_FOUND', `No project with id ${projectId}.`, 'Check the project id.');
			return found;
		},
		async listRoles(_connection, projectId) {
			record('listRoles', projectId);
			return roles;
		},
		async listExportBuckets(_connection, projectId) {
			record('listExportBuckets', projectId);
			return registered;
		},
		async previewCreate(connection, projectId, input) {
			record('previewCreate', projectId, input);
			return {
				method: 'POST',
				url: `${connection.baseUrl ?? 'https://cloud.mongodb.com'}/api/atlas/v2/groups/${projectId}/backup/exportBuckets`,
				headers: {Accept: 'application/vnd.atlas.2024-05-30+json'},
				body: {bucketName: input.bucketName, cloudProvider: 'AWS', iamRoleId: input.iamRoleId},
			};
		},
		async createBucket(_connection, projectId, input, options) {
			record('createBucket', projectId, input, {signal: Boolean(options?.signal)});
			return {id: '6650c3f4a5b6c7d8e9f0a1ff', bucketName: input.bucketName, cloudProvider: 'AWS', iamRoleId: input.iamRoleId, region: 'us-east-1'};
		},
		async createRole(_connection, projectId) {
			record('createRole', projectId);
			return {...newRole};
		},
		async authorizeRole(_connection, projectId, roleId, iamRoleArn) {
			record('authorizeRole', projectId, roleId, iamRoleArn);
			return {...newRole, roleId, iamAssumedRoleArn: iamRoleArn, authorizedDate: '2026-12-02T04:00:00Z'};
		},
		cwd: '/nonexistent/fake-cwd',
		async writePolicyFiles(files, options) {
			record('writePolicyFiles', files.map(file => file.path), options?.overwrite ?? false);
			return {written: files.map(file => file.path)};
		},
		async findAwsCli() {
			record('findAwsCli');
			return undefined;
		},
		async runAwsRoleSetup(awsPath, commands) {
			record('runAwsRoleSetup', awsPath, commands);
			throw new Error('fake services have no aws CLI');
		},
		async keychainStatus() {
			record('keychainStatus');
			return {available: true};
		},
		async listProfiles() {
			record('listProfiles');
			return [];
		},
		async loadProfile(name) {
			record('loadProfile', name);
			return {...goodKeys};
		},
		async saveProfile(name, connection, projectId) {
			// The id and the secret: what goes to the profile file and what goes to the keychain.
			record('saveProfile', name, identityOf(connection), secretOf(connection), projectId);
		},
		...overrides,
	};
	return {services, calls};
}

/** A promise whose settling the test controls (to look at a spinner). */
export function deferred<T>() {
	let resolve!: (value: T) => void;
	let reject!: (error: unknown) => void;
	const promise = new Promise<T>((yes, no) => {
		resolve = yes;
		reject = no;
	});
	return {promise, resolve, reject};
}
