// Steps after the key step load once the first frame is out: before their module lands a step shows
// the Suspense fallback, once it has landed it is drawn in the very first frame (no suspended pass).
import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import React, {Suspense} from 'react';
import {Text} from 'ink';
import {render} from 'ink-testing-library';
import {preloaded} from '../../source/wizard/preloaded.js';
import {deferred} from './fake-services.js';

function Greeting({name}: {name: string}) {
	return <Text>hello {name}</Text>;
}

function inBoundary(element: React.ReactElement) {
	return <Suspense fallback={<Text>Loading…</Text>}>{element}</Suspense>;
}

/** Until the frame is `text` (React reveals content that replaced a fallback after a short throttle). */
async function frameBecomes(ui: ReturnType<typeof render>, text: string): Promise<void> {
	for (const started = Date.now(); ui.lastFrame() !== text && Date.now() - started < 5000;) {
		await new Promise(resolve => {
			setTimeout(resolve, 10);
		});
	}

	assert.equal(ui.lastFrame(), text);
}

describe('preloaded', () => {
	test('before its module lands: the fallback, then the component, and the module is loaded once', async () => {
		const module_ = deferred<typeof Greeting>();
		let loads = 0;
		const Later = preloaded(async () => {
			loads++;
			return module_.promise;
		});
		const ui = render(inBoundary(<Later name="Ada" />));
		assert.equal(ui.lastFrame(), 'Loading…');
		void Later.preload();
		module_.resolve(Greeting);
		await frameBecomes(ui, 'hello Ada');
		assert.equal(loads, 1);
		ui.unmount();
	});

	test('after preload(): drawn in the first frame, never the fallback', async () => {
		const Later = preloaded(async () => Greeting);
		await Later.preload();
		const ui = render(inBoundary(<Later name="Grace" />));
		assert.equal(ui.frames[0], 'hello Grace');
		ui.unmount();
	});
});
