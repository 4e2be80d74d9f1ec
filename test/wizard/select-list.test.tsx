import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import React, {act} from 'react';
import {SelectList, type SelectItem} from '../../source/wizard/components/select-list.js';
import {render, type Rendered} from './helpers.js';

async function burst(ui: Rendered, ...writes: string[]): Promise<void> {
	await act(async () => {
		for (const text of writes) ui.stdin.write(text);
	});
	await act(async () => {
		await new Promise(resolve => setImmediate(resolve));
	});
}

const items: Array<SelectItem<string>> = ['alpha', 'bravo', 'charlie', 'juliett', 'kilo'].map(name => ({key: name, label: name, details: [`id-${name}`], value: name}));

describe('SelectList (ink-select-input)', () => {
	test('arrows in one burst each move once, in order, before the Enter that follows them', async () => {
		const chosen: string[] = [];
		const ui = await render(<SelectList items={items} onSelect={value => chosen.push(value)} />);
		await burst(ui, '\u001B[B\u001B[B\u001B[B\u001B[A\r');
		assert.deepEqual(chosen, ['charlie']);
		await ui.dispose();
	});

	test('typing filters: j, k and digits are letters of the filter, not ink-select-input shortcuts', async () => {
		const chosen: string[] = [];
		const ui = await render(<SelectList filterable items={items} fixedItems={[{key: 'type', label: 'Type an id', value: 'typed'}]} onSelect={value => chosen.push(value)} />);
		await burst(ui, 'j');
		assert.match(ui.frame(), /Filter: j \(1 of 5\)/);
		assert.match(ui.frame(), /❯ juliett/);
		assert.doesNotMatch(ui.frame(), /alpha/);
		await burst(ui, '\u007F', 'k1');
		assert.match(ui.frame(), /Nothing matches “k1”/);
		assert.match(ui.frame(), /❯ Type an id/);
		await burst(ui, '\u0015', 'ILO', '\r');
		assert.deepEqual(chosen, ['kilo']);
		await ui.dispose();
	});

	test('details show under each row; Esc clears the filter first, then goes back', async () => {
		let back = 0;
		const ui = await render(<SelectList filterable items={items} onSelect={() => {}} onBack={() => back++} />);
		assert.match(ui.frame(), /alpha\n\s+id-alpha/);
		await burst(ui, 'br');
		await burst(ui, '\u001B');
		assert.match(ui.frame(), /type to narrow the list/);
		assert.equal(back, 0);
		await burst(ui, '\u001B');
		assert.equal(back, 1);
		await ui.dispose();
	});
});
