import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {createKeyReader, withoutControls, type Key} from '../../../source/wizard/input/keys.js';

// What Ink's stdin hands over: escape sequences as events of their own, plain bytes as one run.
function read(...events: string[]): Key[] {
	const reader = createKeyReader();
	return events.flatMap(event => reader.read(event));
}

describe('createKeyReader', () => {
	test('three Backspaces in one read are three keys after the text before them', () => {
		assert.deepEqual(read('abcdef\u007F\u007F\u007F'), [{name: 'text', text: 'abcdef'}, {name: 'backspace'}, {name: 'backspace'}, {name: 'backspace'}]);
	});

	test('a paste with a trailing newline is the text, then Enter (CRLF is one Enter)', () => {
		assert.deepEqual(read('acme-bucket\r\n'), [{name: 'text', text: 'acme-bucket'}, {name: 'return'}]);
		assert.deepEqual(read('acme-bucket\n'), [{name: 'text', text: 'acme-bucket'}, {name: 'return'}]);
		assert.deepEqual(read('a\rb'), [{name: 'text', text: 'a'}, {name: 'return'}, {name: 'text', text: 'b'}]);
	});

	test('a bracketed paste is one paste, without its newlines, however Ink split it', () => {
		assert.deepEqual(read('\u001B[200~', 'acme-\nbucket\r\n', '\u001B[201~'), [{name: 'paste', text: 'acme-bucket'}]);
		assert.deepEqual(read('\u001B[200~acme\u001B[201~x'), [{name: 'paste', text: 'acme'}, {name: 'text', text: 'x'}]);
	});

	test('control keys are keys, never text: Ctrl-U, Ctrl-W, Ctrl-A, Ctrl-E, Tab, Ctrl-C', () => {
		assert.deepEqual(read('a\u0015b\u0017\u0001\u0005\t\u0003'), [
			{name: 'text', text: 'a'},
			{name: 'ctrl', letter: 'u'},
			{name: 'text', text: 'b'},
			{name: 'ctrl', letter: 'w'},
			{name: 'ctrl', letter: 'a'},
			{name: 'ctrl', letter: 'e'},
			{name: 'tab'},
			{name: 'ctrl', letter: 'c'},
		]);
	});

	test('arrows, Home/End in their spellings, Delete, Shift-Tab, word moves; unknown sequences vanish', () => {
		assert.deepEqual(read('\u001B[A', '\u001B[B', '\u001B[D', '\u001B[C', '\u001B[H', '\u001B[F', '\u001B[1~', '\u001B[4~', '\u001BOH', '\u001B[3~', '\u001B[Z', '\u001B[1;5D', '\u001B[1;5C', '\u001B[15~', '\u001B'), [
			{name: 'up'},
			{name: 'down'},
			{name: 'left'},
			{name: 'right'},
			{name: 'home'},
			{name: 'end'},
			{name: 'home'},
			{name: 'end'},
			{name: 'home'},
			{name: 'delete'},
			{name: 'backtab'},
			{name: 'wordleft'},
			{name: 'wordright'},
			{name: 'escape'},
		]);
	});

	test('NUL, other C0 and C1 controls are dropped', () => {
		assert.deepEqual(read('a\u0000\u001C\u0085b'), [{name: 'text', text: 'a'}, {name: 'text', text: 'b'}]);
		assert.equal(withoutControls('a\u0000b\u007Fc\u009B\td\n'), 'abcd');
	});
});
