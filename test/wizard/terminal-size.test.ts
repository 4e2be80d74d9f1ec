import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {PassThrough} from 'node:stream';
import {withSizeFallback} from '../../source/wizard/terminal-size.js';

describe('withSizeFallback', () => {
	test('a terminal reporting 0x0 is 80x24 until it reports a size', () => {
		const stream = Object.assign(new PassThrough(), {isTTY: true, columns: 0, rows: 0}) as unknown as NodeJS.WriteStream;
		withSizeFallback(stream);
		assert.equal(stream.columns, 80);
		assert.equal(stream.rows, 24);
		// What tty.WriteStream does on SIGWINCH.
		stream.columns = 100;
		stream.rows = 30;
		assert.equal(stream.columns, 100);
		assert.equal(stream.rows, 30);
		stream.columns = 0;
		assert.equal(stream.columns, 80);
	});
});
