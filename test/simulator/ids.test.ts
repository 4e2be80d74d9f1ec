// New ids: random by default; counted (the same run gives the same ids) for the demo and its screencast.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {countedIds, OBJECT_ID, randomIds} from '../../source/simulator/ids.js';
import {harness, jsonPost, PRODUCTION} from './helpers.js';
import {DEMO_ROLE_IDS} from '../../source/simulator/index.js';

const UUID_V4 = /^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/;

describe('simulator ids', () => {
	test('counted ids: the same sequence for the same seed, all different, shaped as Atlas sends them', () => {
		const first = countedIds('s');
		const second = countedIds('s');
		const a = [first.objectId(0), first.externalId(), first.objectId(0)];
		assert.deepEqual([second.objectId(0), second.externalId(), second.objectId(0)], a);
		assert.equal(new Set(a).size, 3);
		assert.match(a[0]!, OBJECT_ID);
		assert.match(a[1]!, UUID_V4);
		assert.notEqual(countedIds('other').objectId(0), a[0]);
	});

	test('random ids differ from run to run', () => {
		assert.notEqual(randomIds.objectId(0), randomIds.objectId(0));
		assert.match(randomIds.externalId(), UUID_V4);
	});

	test('countedIds: two simulators register a bucket under the same id; by default they do not', async () => {
		const body = {bucketName: 'acme-atlas-snapshots-eu', cloudProvider: 'AWS', iamRoleId: DEMO_ROLE_IDS.productionArchive};
		const path = `/api/atlas/v2/groups/${PRODUCTION}/backup/exportBuckets`;
		const created = async (countedIds: boolean) => {
			const h = await harness({countedIds});
			try {
				const {status, body: answer} = await h.client.json(path, jsonPost(body));
				assert.equal(status, 200);
				return (answer as {_id: string})._id;
			} finally {
				await h.sim.close();
			}
		};

		assert.equal(await created(true), await created(true));
		assert.notEqual(await created(false), await created(false));
	});
});
