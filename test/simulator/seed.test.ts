import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {
	demoSeed,
	DEMO_AWS_ROLE_ARNS,
	DEMO_EXPORT_BUCKET_ID,
	DEMO_KEYS,
	DEMO_PROJECTS,
	DEMO_READONLY_BUCKET,
	DEMO_ROLE_IDS,
	DEMO_WRITABLE_BUCKETS,
	startSimulator,
} from '../../source/simulator/index.js';
import {DigestClient} from './digest-helper.js';

describe('simulator demo data', () => {
	test('the demo key pair and projects are the documented ones', () => {
		assert.deepEqual({...DEMO_KEYS}, {publicKey: 'demokeyq', privateKey: '7c1d9e2a-4b3f-4e8a-9d6c-2f5b8a1e0c47'});
		assert.equal(DEMO_PROJECTS.production.id, '6650a1f2c3d4e5f6a7b8c9d0');
		assert.equal(DEMO_PROJECTS.production.name, 'Demo Production');
		assert.equal(DEMO_PROJECTS.sandbox.id, '6650a1f2c3d4e5f6a7b8c9d1');
		assert.equal(DEMO_PROJECTS.sandbox.name, 'Demo Sandbox');
	});

	test('production holds two authorized roles, one unauthorized role and one bucket; sandbox holds no roles', () => {
		const seed = demoSeed();
		const production = seed.roles.filter(role => role.groupId === DEMO_PROJECTS.production.id);
		assert.equal(production.filter(role => role.iamAssumedRoleArn).length, 2);
		assert.equal(production.filter(role => !role.iamAssumedRoleArn).length, 1);
		assert.deepEqual(
			seed.exportBuckets.filter(bucket => bucket.groupId === DEMO_PROJECTS.production.id).map(bucket => bucket._id),
			[DEMO_EXPORT_BUCKET_ID],
		);
		assert.equal(seed.roles.filter(role => role.groupId === DEMO_PROJECTS.sandbox.id).length, 0);
		for (const id of Object.values(DEMO_ROLE_IDS)) assert.ok(seed.roles.some(role => role.roleId === id));
	});

	test('every writable bucket is writable by some demo role and one bucket by none', () => {
		const seed = demoSeed();
		const authorizedArns = new Set(seed.roles.map(role => role.iamAssumedRoleArn).filter(Boolean));
		for (const bucket of DEMO_WRITABLE_BUCKETS) {
			assert.ok(bucket.writableBy.some(arn => authorizedArns.has(arn) || arn === DEMO_AWS_ROLE_ARNS.wizardNew), bucket.name);
			assert.match(bucket.region, /^[a-z]{2}-[a-z]+-\d$/);
		}
		assert.deepEqual(seed.s3Buckets.find(bucket => bucket.name === DEMO_READONLY_BUCKET.name)?.writableBy, []);
	});

	test('demoSeed returns a fresh deep copy each time', () => {
		const first = demoSeed();
		first.projects[0]!.name = 'changed';
		first.s3Buckets[0]!.writableBy.push('arn:aws:iam::000000000000:role/x');
		const second = demoSeed();
		assert.equal(second.projects[0]!.name, 'Demo Production');
		assert.equal(second.s3Buckets[0]!.writableBy.length, DEMO_WRITABLE_BUCKETS[0]!.writableBy.length);
	});

	test('a custom seed replaces the key pair and the data; the simulator never mutates the seed it was given', async () => {
		const seed = demoSeed();
		seed.apiKey.publicKey = 'otherkey';
		seed.apiKey.privateKey = 'other-secret';
		seed.projects = seed.projects.slice(1, 2);
		const sim = await startSimulator({seed});
		try {
			assert.deepEqual(sim.keys, {publicKey: 'otherkey', privateKey: 'other-secret'});
			const client = new DigestClient(sim.baseUrl, sim.keys);
			const response = await client.send('/api/atlas/v2/groups');
			const body = await response.json();
			assert.deepEqual(
				body.results.map((project: {name: string}) => project.name),
				['Demo Sandbox'],
			);
			const demoClient = new DigestClient(sim.baseUrl, DEMO_KEYS);
			assert.equal((await demoClient.send('/api/atlas/v2/groups')).status, 401);
			await client.send(`/api/atlas/v2/groups/${DEMO_PROJECTS.sandbox.id}/cloudProviderAccess`, {
				method: 'POST',
				headers: {'content-type': 'application/json'},
				body: '{"providerName":"AWS"}',
			});
			assert.equal(seed.roles.filter(role => role.groupId === DEMO_PROJECTS.sandbox.id).length, 0);
		} finally {
			await sim.close();
		}
	});
});
