import {test} from 'node:test';
import assert from 'node:assert/strict';
import {plainText} from '../../source/roles/plain-text.js';

test('escape sequences and control characters are removed, line breaks kept', () => {
	assert.equal(plainText('\u001b[31mred\u001b[0m \u001b]0;title\u0007ok\u0000\r\nnext\ttab'), 'red ok\nnext\ttab');
	assert.equal(plainText('\u009b2Jx\u0085y'), 'xy');
});

test('singleLine turns breaks into spaces', () => {
	assert.equal(plainText('a\nb\rc', {singleLine: true}), 'a b c');
});
