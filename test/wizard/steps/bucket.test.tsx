import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {BucketStep} from '../../../source/wizard/steps/bucket.js';
import {fakeServices, goodKeys, projects} from '../fake-services.js';
import {renderWith, waitForText} from '../helpers.js';

const projectId = projects[0]!.id;

function collect() {
	const answers: string[] = [];
	const registered: string[] = [];
	let backs = 0;
	return {
		answers,
		registered,
		backs: () => backs,
		props: {projectId, onAnswer: (answer: string) => answers.push(answer), onUseRegistered: (bucket: {id: string}) => registered.push(bucket.id), onBack: () => void backs++},
	};
}

async function clear(ui: Awaited<ReturnType<typeof renderWith>>, count: number) {
	for (let index = 0; index < count; index++) await ui.press('backspace');
}

describe('BucketStep', () => {
	test('bad names are explained as they are typed and never submitted', async () => {
		const {services} = fakeServices();
		const out = collect();
		const ui = await renderWith(services, <BucketStep {...out.props} />);
		await waitForText(ui, 'Bucket:');
		await ui.type('ab');
		await waitForText(ui, 'A bucket name is 3 to 63 characters long; this one has 2.');
		await ui.press('enter');
		await clear(ui, 2);
		await ui.type('my_bucket');
		await waitForText(ui, 'may only contain a-z, 0-9, dots and hyphens');
		await ui.press('enter');
		await clear(ui, 9);
		await ui.type('192.168.1.1');
		await waitForText(ui, 'shaped like an IP address');
		await ui.press('enter');
		await clear(ui, 11);
		await ui.type('xn--bucket');
		await waitForText(ui, 'must not start with "xn--"');
		await ui.press('enter');
		assert.deepEqual(out.answers, []);
		await ui.dispose();
	});

	test('an s3:// URI is recognised and Tab takes the bare name', async () => {
		const {services} = fakeServices();
		const out = collect();
		const ui = await renderWith(services, <BucketStep {...out.props} />);
		await waitForText(ui, 'Bucket:');
		await ui.type('s3://my-exports/snapshots');
		await waitForText(ui, 'That is an S3 URI; Atlas wants the bare bucket name.');
		assert.match(ui.frame(), /Tab uses “my-exports”/);
		await ui.press('enter');
		assert.deepEqual(out.answers, []);
		await ui.press('tab');
		await waitForText(ui, 'Bucket: my-exports');
		await ui.press('enter');
		assert.deepEqual(out.answers, ['my-exports']);
		await ui.dispose();
	});

	test('a pasted name with a trailing newline is taken as typed and Enter', async () => {
		const {services} = fakeServices();
		const out = collect();
		const ui = await renderWith(services, <BucketStep {...out.props} />);
		await waitForText(ui, 'Already registered here');
		await ui.type('my-exports \r');
		assert.deepEqual(out.answers, ['my-exports']);
		await ui.dispose();
	});

	test('an ARN and a URL are recognised too', async () => {
		const {services} = fakeServices();
		const ui = await renderWith(services, <BucketStep {...collect().props} />);
		await waitForText(ui, 'Bucket:');
		await ui.type('arn:aws:s3:::my-exports');
		await waitForText(ui, 'That is an S3 ARN');
		await clear(ui, 23);
		await ui.type('https://my-exports.s3.eu-west-1.amazonaws.com/');
		await waitForText(ui, 'That is a bucket URL');
		await ui.dispose();
	});

	test('a bucket already registered in the project is flagged before anything is sent; Enter goes on to export with it', async () => {
		const {services, calls} = fakeServices();
		const out = collect();
		const ui = await renderWith(services, <BucketStep {...out.props} />);
		await waitForText(ui, 'Already registered here: already-there');
		await ui.type('already-there');
		await waitForText(ui, '“already-there” is already registered in this project (export bucket 6650c3f4a5b6c7d8e9f0a1b2)');
		assert.match(ui.frame().replace(/\s+/g, ' '), /Enter: export snapshots to it \(now or automatically\)/);
		await ui.press('enter');
		assert.deepEqual(out.answers, []);
		assert.deepEqual(out.registered, ['6650c3f4a5b6c7d8e9f0a1b2']);
		assert.ok(!calls.some(call => call.method === 'createBucket'));
		await ui.dispose();
	});

	test('the demo names its writable buckets; the previous answer is kept; Esc goes back', async () => {
		const {services} = fakeServices({demo: {keys: goodKeys, writableBuckets: ['acme-one', 'acme-two']}});
		const out = collect();
		const ui = await renderWith(services, <BucketStep {...out.props} current="acme-one" />);
		await waitForText(ui, 'acme-one, acme-two');
		assert.match(ui.frame(), /Bucket: acme-one/);
		assert.match(ui.frame(), /✔ acme-one/);
		await ui.press('escape');
		assert.equal(out.backs(), 1);
		await ui.dispose();
	});

	test('Tab offers a name not registered in the project before one that is', async () => {
		// The demo lists the registered bucket first; Tab still starts with the one that can be registered.
		const {services} = fakeServices({demo: {keys: goodKeys, writableBuckets: ['already-there', 'acme-two']}});
		const out = collect();
		const ui = await renderWith(services, <BucketStep {...out.props} />);
		await waitForText(ui, 'Already registered here: already-there');
		assert.match(ui.frame(), /Tab uses “acme-two”/);
		await ui.press('tab');
		await waitForText(ui, 'Bucket: acme-two');
		await ui.press('enter');
		assert.deepEqual(out.answers, ['acme-two']);
		// Typed, the registered name is still completed (Enter on it goes on to export with it).
		const again = await renderWith(services, <BucketStep {...out.props} />);
		await waitForText(again, 'Already registered here');
		await again.type('alr');
		await waitForText(again, 'Tab uses “already-there”');
		await again.dispose();
		await ui.dispose();
	});

	test('Enter on a registered name in the same burst as the name goes on to export with it', async () => {
		const {services} = fakeServices();
		const out = collect();
		const ui = await renderWith(services, <BucketStep {...out.props} />);
		await waitForText(ui, 'Already registered here: already-there');
		await ui.type('already-there\r');
		assert.deepEqual(out.registered, ['6650c3f4a5b6c7d8e9f0a1b2']);
		assert.deepEqual(out.answers, []);
		await ui.dispose();
	});
});
