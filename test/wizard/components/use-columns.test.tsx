// The terminal's size follows resizes through one listener per output stream, however many
// components read it (Node warns into the terminal past ten listeners).
import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import React, {act} from 'react';
import {Box, Text} from 'ink';
import {useColumns, useRows} from '../../../source/wizard/components/use-columns.js';
import {render} from '../helpers.js';

function Size({index}: {index: number}) {
	const columns = useColumns();
	const rows = useRows();
	return <Text>{`${index}: ${columns}x${rows ?? '?'}`}</Text>;
}

describe('useColumns / useRows', () => {
	test('twenty readers share one resize listener and all follow a resize', async () => {
		const ui = await render(
			<Box flexDirection="column">
				{Array.from({length: 20}, (_, index) => (
					<Size key={index} index={index} />
				))}
			</Box>,
		);
		const before = ui.stdout.listenerCount('resize');
		// Ink's own listener and ours.
		assert.ok(before <= 2, `${before} resize listeners`);
		await act(async () => {
			Object.defineProperty(ui.stdout, 'rows', {configurable: true, get: () => 24});
			Object.defineProperty(ui.stdout, 'columns', {configurable: true, get: () => 80});
			ui.stdout.emit('resize');
		});
		assert.equal(ui.frame().split('\n').filter(line => line.endsWith(': 80x24')).length, 20, ui.frame());
		await ui.dispose();
	});
});
