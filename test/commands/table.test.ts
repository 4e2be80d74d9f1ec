// Human tables: a table while it fits the width, else one key/value block per record; nothing cut.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {DEFAULT_WIDTH, formatRecord, formatTable, outputWidth, type Column} from '../../source/commands/table.js';

type Row = {id: string; arn?: string};
const columns: Array<Column<Row>> = [
	{header: 'ROLE ID', value: row => row.id},
	{header: 'IAM ROLE ARN', value: row => row.arn},
];

describe('formatTable', () => {
	test('fits: aligned columns, "-" for an empty cell', () => {
		assert.equal(formatTable(columns, [{id: 'a', arn: 'arn:x'}, {id: 'bbbb'}]), 'ROLE ID  IAM ROLE ARN\na        arn:x\nbbbb     -');
	});

	test('too wide for the width: key/value blocks, labels in sentence case with acronyms kept', () => {
		const arn = `arn:aws:iam::123456789012:role/${'r'.repeat(30)}`;
		const rows = [{id: '6650b2e3d4f5a6b7c8d9e0f1', arn}, {id: '6650b2e3d4f5a6b7c8d9e0f2'}];
		assert.equal(formatTable(columns, rows, 60), `Role ID       6650b2e3d4f5a6b7c8d9e0f1\nIAM role ARN  ${arn}\n\nRole ID       6650b2e3d4f5a6b7c8d9e0f2\nIAM role ARN  -`);
		assert.match(formatTable(columns, rows, 120), /^ROLE ID {2,}IAM ROLE ARN$/m);
	});

	test('formatRecord: an explicit label wins', () => {
		assert.equal(formatRecord([{header: 'X', label: 'Exports', value: () => '2'}], {}), 'Exports  2');
	});

	test('the width: a terminal\'s columns, else 80', () => {
		assert.equal(DEFAULT_WIDTH, 80);
		assert.equal(outputWidth({isTTY: true, columns: 132} as never), 132);
		assert.equal(outputWidth({isTTY: false, columns: 132} as never), 80);
		assert.equal(outputWidth({isTTY: true, columns: 0} as never), 80);
	});
});
