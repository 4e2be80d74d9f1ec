// The one fetch hook of the steps: loading, value, failure as the wizard shows it, reload, the step
// answering itself from the value, and no late answer after the step is gone or Ctrl-C.
import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {Text, useInput} from 'ink';
import {useAsyncLoad, type AsyncLoadOptions} from '../../source/wizard/use-async-load.js';
import {deferred, fakeServices} from './fake-services.js';
import {renderWith, waitForText} from './helpers.js';

function Probe({load, options}: {load: (signal: AbortSignal) => Promise<string>; options?: AsyncLoadOptions<string>}) {
	const [state, reload] = useAsyncLoad(load, [], options);
	useInput(input => {
		if (input === 'r') reload();
	});
	if (state.status === 'loading') return <Text>loading</Text>;
	if (state.status === 'failed') return <Text>failed: {state.error.message} / {state.error.hint}</Text>;
	return <Text>value: {state.value}</Text>;
}

describe('useAsyncLoad', () => {
	test('shows loading, then the value; reload loads again', async () => {
		const {services} = fakeServices();
		const answers = [deferred<string>(), deferred<string>()];
		let calls = 0;
		const ui = await renderWith(services, <Probe load={async () => answers[calls++]!.promise} />);
		assert.match(ui.frame(), /loading/);
		answers[0]!.resolve('first');
		await waitForText(ui, 'value: first');
		await ui.type('r');
		await waitForText(ui, 'loading');
		answers[1]!.resolve('second');
		await waitForText(ui, 'value: second');
		assert.equal(calls, 2);
		await ui.dispose();
	});

	test('a failure carries the message and hint', async () => {
		const {services} = fakeServices();
		const ui = await renderWith(services, <Probe load={async () => {
			throw Object.assign(new Error('Atlas refused'), {hint: 'Check the key.'});
		}} />);
		await waitForText(ui, 'failed: Atlas refused / Check the key.');
		await ui.dispose();
	});

	test('onLoaded returning true keeps the value off the screen (the step answered itself)', async () => {
		const {services} = fakeServices();
		const seen: string[] = [];
		const answer = deferred<string>();
		const ui = await renderWith(services, <Probe load={async () => answer.promise} options={{onLoaded: value => (seen.push(value), true)}} />);
		answer.resolve('only');
		await new Promise(resolve => setImmediate(resolve));
		await waitForText(ui, 'loading');
		assert.deepEqual(seen, ['only']);
		assert.doesNotMatch(ui.allFrames(), /value:/);
		await ui.dispose();
	});

	test('the wizard\'s cancel signal aborts the request and a late answer is dropped', async () => {
		const {services} = fakeServices();
		const controller = new AbortController();
		const answer = deferred<string>();
		let given: AbortSignal | undefined;
		const ui = await renderWith(services, <Probe load={async signal => {
			given = signal;
			return answer.promise;
		}} />, controller.signal);
		controller.abort();
		assert.equal(given?.aborted, true);
		answer.resolve('late');
		await new Promise(resolve => setImmediate(resolve));
		assert.doesNotMatch(ui.allFrames(), /value: late/);
		await ui.dispose();
	});

	test('unmounting aborts the request', async () => {
		const {services} = fakeServices();
		let given: AbortSignal | undefined;
		const ui = await renderWith(services, <Probe load={async signal => {
			given = signal;
			return new Promise<string>(() => {});
		}} />);
		await ui.dispose();
		assert.equal(given?.aborted, true);
	});
});
