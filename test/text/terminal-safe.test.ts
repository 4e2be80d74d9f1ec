import {describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {terminalSafe, terminalSafeJson, terminalSafeLine} from '../../source/text/terminal-safe.js';

const hostile = 'Demo\u001b]0;pwned\u0007 \u001b]52;c;ZWNobyBoaQ==\u0007\u001b[2J\u009b31m\u007fend\u202eevil';

describe('terminal-safe text', () => {
	test('ESC, BEL, OSC, CSI, C1, DEL and bidi overrides become visible escapes; nothing raw is left', () => {
		const safe = terminalSafe(hostile);
		assert.equal(safe, 'Demo\\x1B]0;pwned\\x07 \\x1B]52;c;ZWNobyBoaQ==\\x07\\x1B[2J\\x9B31m\\x7Fend\\u202Eevil');
		// eslint-disable-next-line no-control-regex
		assert.doesNotMatch(safe, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
	});

	test('messages keep newlines and tabs; one-line values show newlines as \\n', () => {
		assert.equal(terminalSafe('a\n\tb\r'), 'a\n\tb\\r');
		assert.equal(terminalSafeLine('a\nb\tc'), 'a\\nb c');
	});

	test('plain text is unchanged', () => {
		for (const text of ['Demo Production', 'arn:aws:iam::123456789012:role/x', 'ünïcödé ✔ →']) assert.equal(terminalSafe(text), text);
	});

	test('JSON: DEL and C1 become \\u escapes and the JSON still parses to the same value', () => {
		const json = terminalSafeJson(JSON.stringify({name: hostile}));
		// eslint-disable-next-line no-control-regex
		assert.doesNotMatch(json, /[\u0000-\u001f\u007f-\u009f\u202e]/);
		assert.deepEqual(JSON.parse(json), {name: hostile});
	});
});
