// The --demo services: usable before their simulator starts (keys, buckets, no profiles, no keychain),
// calls that need it wait for start(), a failed start is an error to show (never an unhandled
// rejection), and close() stops a simulator even while it starts.
import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {DEMO_KEYS, DEMO_WRITABLE_BUCKETS, startSimulator, type Simulator, type SimulatorOptions} from '../../source/simulator/index.js';
import path from 'node:path';
import {createDemoServices, DEMO_IAM_PROPAGATION_MS} from '../../source/wizard/demo-services.js';
import {createWizardServices} from '../../source/wizard/services.js';
import {fakeAws} from '../support/fake-aws.js';

/** Lets every queued callback and promise run a few times over. */
async function turns(count = 5) {
	for (let index = 0; index < count; index++) await new Promise(resolve => setImmediate(resolve));
}

function countingStart() {
	const started: Simulator[] = [];
	const options: SimulatorOptions[] = [];
	const counts = {calls: 0};
	return {
		started,
		options,
		counts,
		async start(given: SimulatorOptions) {
			counts.calls++;
			options.push(given);
			const simulator = await startSimulator(given);
			started.push(simulator);
			return simulator;
		},
	};
}

describe('createDemoServices', () => {
	test('before start() it offers the demo keys and buckets, names no address and calls wait; after start() they reach the simulator', async () => {
		const simulator = countingStart();
		const demo = createDemoServices({env: {}, startSimulator: simulator.start});
		const {services} = demo;
		assert.deepEqual(services.demo?.keys, DEMO_KEYS);
		assert.deepEqual(services.demo?.writableBuckets, DEMO_WRITABLE_BUCKETS.map(bucket => bucket.name));
		assert.throws(() => services.target(), /not listening yet/);
		assert.deepEqual(await services.listProfiles(), []);
		assert.equal((await services.keychainStatus()).available, false);

		let settled = false;
		const verifying = services.verifyKeys(DEMO_KEYS).finally(() => {
			settled = true;
		});
		await turns();
		assert.equal(settled, false, 'the call waits for start()');
		assert.equal(simulator.counts.calls, 0);

		demo.start();
		demo.start();
		assert.equal((await verifying).publicKey, DEMO_KEYS.publicKey);
		assert.equal(simulator.counts.calls, 1, 'one simulator for two start() calls');
		assert.equal(simulator.options[0]!.iamPropagationDelayMs, DEMO_IAM_PROPAGATION_MS, 'a role authorized in the demo propagates after a wait, as in AWS');
		assert.ok(DEMO_IAM_PROPAGATION_MS > 0);
		const [started] = simulator.started;
		assert.equal(services.target().baseUrl, started!.baseUrl);
		assert.ok(started!.log.some(entry => entry.authenticated), 'the keys were checked by the simulator');
		await services.demo?.listening;

		await demo.close();
		await assert.rejects(fetch(started!.baseUrl), 'closed');
	});

	test('a simulator that cannot start: calls that need it fail with the reason and a hint; nothing is left unhandled', async () => {
		const unhandled: unknown[] = [];
		const record = (reason: unknown) => unhandled.push(reason);
		process.on('unhandledRejection', record);
		try {
			const demo = createDemoServices({
				env: {},
				async startSimulator() {
					throw new Error('listen EADDRNOTAVAIL: address not available 127.0.0.1');
				},
			});
			demo.start();
			await turns();
			assert.deepEqual(unhandled, [], 'a failure nobody waits for yet ends nothing');
			await assert.rejects(demo.services.listProjects(DEMO_KEYS), {
				message: 'The built-in Atlas simulator could not start: listen EADDRNOTAVAIL: address not available 127.0.0.1',
				hint: /needs to listen on 127\.0\.0\.1/,
			});
			await assert.rejects(demo.services.verifyKeys(DEMO_KEYS), /could not start/);
			await assert.rejects(demo.services.demo!.listening!, /could not start/);
			assert.throws(() => demo.services.target(), /not listening yet/);
			await demo.close();
		} finally {
			process.off('unhandledRejection', record);
		}
	});

	test('close() waits for a start in progress and closes that simulator; close() before start() means it never starts', async () => {
		let release!: () => void;
		const gate = new Promise<void>(resolve => {
			release = resolve;
		});
		const simulator = countingStart();
		let starting = false;
		const demo = createDemoServices({
			env: {},
			async startSimulator(options) {
				starting = true;
				await gate;
				return simulator.start(options);
			},
		});
		demo.start();
		await turns();
		assert.equal(starting, true);
		let closed = false;
		const closing = demo.close().then(() => {
			closed = true;
		});
		await turns();
		assert.equal(closed, false, 'close() waits for the start');
		release();
		await closing;
		assert.equal(simulator.started.length, 1);
		await assert.rejects(fetch(simulator.started[0]!.baseUrl), 'closed');

		const never = countingStart();
		const unused = createDemoServices({env: {}, startSimulator: never.start});
		await unused.close();
		unused.start();
		await turns();
		assert.equal(never.counts.calls, 0);
	});

	test('the demo simulator counts its ids, so the same walk shows the same ids every run', async () => {
		let seen: SimulatorOptions | undefined;
		const demo = createDemoServices({
			env: {},
			async startSimulator(options) {
				seen = options;
				return startSimulator({...options, port: 0});
			},
		});
		demo.start();
		await demo.services.demo!.listening;
		assert.equal(seen?.countedIds, true);
		await demo.close();
	});

	test('the aws CLI is never run in the demo, even on PATH (its AWS is the simulator\'s); outside the demo it is found', async () => {
		const aws = await fakeAws();
		try {
			const demo = createDemoServices({env: aws.env(), startSimulator: countingStart().start});
			assert.equal(await demo.services.findAwsCli(), undefined);
			await demo.close();
			assert.equal(await createWizardServices({env: aws.env()}).findAwsCli(), path.join(aws.dir, 'aws'));
		} finally {
			await aws.remove();
		}
	});
});
