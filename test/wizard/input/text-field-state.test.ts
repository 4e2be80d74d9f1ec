import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {applyTextKey, textFieldState, type TextFieldState} from '../../../source/wizard/input/text-field-state.js';
import {createKeyReader} from '../../../source/wizard/input/keys.js';

function typed(start: TextFieldState, ...events: string[]): TextFieldState & {submitted: boolean} {
	const reader = createKeyReader();
	let state = start;
	let submitted = false;
	for (const key of events.flatMap(event => reader.read(event))) {
		const result = applyTextKey(state, key);
		state = result.state;
		submitted ||= Boolean(result.submit);
	}

	return {...state, submitted};
}

describe('applyTextKey', () => {
	test('every Backspace of a burst deletes one character', () => {
		assert.deepEqual(typed(textFieldState(''), 'abcdef\u007F\u007F\u007F'), {value: 'abc', cursor: 3, submitted: false});
	});

	test('arrows move the cursor; typing inserts and Delete removes at it', () => {
		assert.deepEqual(typed(textFieldState('acme'), '\u001B[D', '\u001B[D', 'XY', '\u001B[3~'), {value: 'acXYe', cursor: 4, submitted: false});
	});

	test('Home/End and Ctrl-A/Ctrl-E jump to the ends', () => {
		assert.equal(typed(textFieldState('bucket'), '\u001B[H', 's3-').value, 's3-bucket');
		assert.equal(typed(textFieldState('bucket'), '\u0001', 'my-', '\u0005', '-eu').value, 'my-bucket-eu');
		assert.equal(typed(textFieldState('bucket'), '\u001B[H', '\u001B[F', '!').value, 'bucket!');
	});

	test('Ctrl-U clears up to the cursor, Ctrl-W deletes the word before it, Ctrl-K to the end', () => {
		assert.deepEqual(typed(textFieldState('s3://acme'), '\u0015'), {value: '', cursor: 0, submitted: false});
		assert.equal(typed(textFieldState('one two  '), '\u0017').value, 'one ');
		assert.equal(typed(textFieldState('acme-bucket'), '\u001B[D', '\u001B[D', '\u000B').value, 'acme-buck');
	});

	test('a paste with Enter inserts then submits; control characters never enter the value', () => {
		assert.deepEqual(typed(textFieldState(''), 'acme\u0000-bu\u009Bcket\r'), {value: 'acme-bucket', cursor: 11, submitted: true});
		assert.equal(typed(textFieldState(''), '\u001B[200~', 'ab\tc\n', '\u001B[201~').value, 'abc');
	});
});
