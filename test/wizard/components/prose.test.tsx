// Prose: a sentence Ink wraps where a word ends exactly at the width starts its next row flush (Ink's
// own wrap, trim off, put the space there), in colour too; a paragraph's own indentation is kept.
import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {act} from 'react';
import {Box, Text} from 'ink';
import {flushWrappedRow, Prose} from '../../../source/wizard/components/prose.js';
import {render, type Rendered} from '../helpers.js';

// "(Cloud Provider" ends at column 80 and "for" at column 40: Ink's rows then began " Access)" and " the".
const NOTE = 'Atlas role id: Atlas\'s own 24-hex id for the IAM role it assumes (Cloud Provider Access), not an AWS id or ARN.';

async function at(columns: number, tree: React.ReactElement): Promise<Rendered> {
	const ui = await render(tree);
	await act(async () => {
		Object.defineProperty(ui.stdout, 'columns', {configurable: true, get: () => columns});
		ui.stdout.emit('resize');
	});
	// ink-testing-library renders at its own width: render again now that the stream says `columns`.
	await ui.update(<Box width={columns}>{tree}</Box>);
	return ui;
}

describe('Prose', () => {
	for (const columns of [80, 40]) {
		test(`at ${columns} columns every wrapped row starts flush`, async () => {
			const plain = await at(columns, <Text dimColor>{NOTE}</Text>);
			assert.ok(plain.frame().split('\n').slice(1).some(row => row.startsWith(' ')), `Ink's own wrap puts a space first at ${columns} (the case this guards):\n${plain.frame()}`);
			await plain.dispose();

			const ui = await at(columns, <Prose dimColor>{NOTE}</Prose>);
			const rows = ui.frame().split('\n');
			assert.ok(rows.length > 1, 'the note wraps');
			assert.deepEqual(rows.filter(row => row.startsWith(' ')), [], ui.frame());
			assert.equal(rows.join(' '), NOTE, 'no word lost or cut');
			await ui.dispose();
		});
	}

	test('a coloured row loses the spaces after its colour codes, the first row keeps its own', () => {
		assert.equal(flushWrappedRow('\u001B[2m Access), not an AWS id\u001B[22m', 1), '\u001B[2mAccess), not an AWS id\u001B[22m');
		assert.equal(flushWrappedRow('  indented first row', 0), '  indented first row');
	});

	test('a paragraph after a line break keeps its own indentation', async () => {
		const ui = await at(80, <Prose>{'usage: aws [options]\n  aws: error: argument --role-name is required'}</Prose>);
		assert.deepEqual(ui.frame().split('\n'), ['usage: aws [options]', '  aws: error: argument --role-name is required']);
		await ui.dispose();
	});
});
