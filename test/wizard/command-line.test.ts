import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {equivalentCommand} from '../../source/wizard/command-line.js';

const base = {projectId: '6650a1f2c3d4e5f6a7b8c9d0', roleId: '6650b2e3d4f5a6b7c8d9e0f1', bucket: 'my-exports'};

describe('equivalentCommand', () => {
	test('the plain create command with --yes for the default target', () => {
		assert.equal(
			equivalentCommand({...base, target: {baseUrl: 'https://cloud.mongodb.com', apiVersion: 'v2'}}),
			'atlas-export-bucket create --project-id 6650a1f2c3d4e5f6a7b8c9d0 --iam-role-id 6650b2e3d4f5a6b7c8d9e0f1 --bucket my-exports --yes',
		);
	});

	test('the profile, a non-default base URL and API version are carried over; odd characters are quoted', () => {
		assert.equal(
			equivalentCommand({...base, profileName: 'work', target: {baseUrl: 'https://cloud.mongodbgov.com', apiVersion: 'v1.0'}}),
			'atlas-export-bucket create --project-id 6650a1f2c3d4e5f6a7b8c9d0 --iam-role-id 6650b2e3d4f5a6b7c8d9e0f1 --bucket my-exports --profile work --base-url https://cloud.mongodbgov.com --api-version v1.0 --yes',
		);
		assert.match(equivalentCommand({...base, target: {baseUrl: 'http://host/a b', apiVersion: 'v2'}}), /--base-url 'http:\/\/host\/a b'/);
	});
});
