import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {readAtlasEnvironment} from '../../source/credentials/environment.js';

describe('readAtlasEnvironment', () => {
	test('reads the four MONGODB_ATLAS_* variables, trimmed', () => {
		assert.deepEqual(readAtlasEnvironment({
			MONGODB_ATLAS_PUBLIC_API_KEY: ' abcdefgh ',
			MONGODB_ATLAS_PRIVATE_API_KEY: 'secret\n',
			MONGODB_ATLAS_PROJECT_ID: '6650a1f2c3d4e5f6a7b8c9d0',
			MONGODB_ATLAS_OPS_MANAGER_URL: 'https://cloud.mongodbgov.com/ ',
			MONGODB_ATLAS_ORG_ID: 'not ours',
			HOME: '/home/someone',
		}), {credentials: {apiKey: {id: 'abcdefgh', secret: 'secret'}}, projectId: '6650a1f2c3d4e5f6a7b8c9d0', baseUrl: 'https://cloud.mongodbgov.com/'});
	});

	test('an empty or blank variable is absent, not an empty value', () => {
		assert.deepEqual(readAtlasEnvironment({MONGODB_ATLAS_PUBLIC_API_KEY: '', MONGODB_ATLAS_PRIVATE_API_KEY: '  \t', MONGODB_ATLAS_PROJECT_ID: 'p'}), {credentials: {}, projectId: 'p'});
		assert.deepEqual(readAtlasEnvironment({}), {credentials: {}});
	});

	test('half a pair is kept as it is (what it means is for the settings decision to say)', () => {
		assert.deepEqual(readAtlasEnvironment({MONGODB_ATLAS_PRIVATE_API_KEY: 'secret'}), {credentials: {apiKey: {secret: 'secret'}}});
	});
});
