// The state of a one-line text field and what each key does to it, as a pure function (the @inkjs/ui
// split: this reducer, a hook for keys in use-text-field.ts, a view in components/text-field.tsx).
// Readline's keys: ←/→, Home/End and Ctrl-A/Ctrl-E, Backspace/Delete, Ctrl-U (clear to the start),
// Ctrl-K (clear to the end), Ctrl-W and Alt-Backspace (delete the word before the cursor).
import {withoutControls, type Key} from './keys.js';

export type TextFieldState = {value: string; cursor: number};

export type TextFieldResult = {state: TextFieldState; submit?: true};

export function textFieldState(value: string): TextFieldState {
	return {value, cursor: value.length};
}

function wordStartBefore(value: string, cursor: number): number {
	let index = cursor;
	while (index > 0 && /\s/.test(value[index - 1]!)) index--;
	while (index > 0 && !/\s/.test(value[index - 1]!)) index--;
	return index;
}

function wordEndAfter(value: string, cursor: number): number {
	let index = cursor;
	while (index < value.length && /\s/.test(value[index]!)) index++;
	while (index < value.length && !/\s/.test(value[index]!)) index++;
	return index;
}

function edit({value, cursor}: TextFieldState, from: number, to: number, insert = ''): TextFieldState {
	return {value: value.slice(0, from) + insert + value.slice(to), cursor: from + insert.length};
}

/** What `key` does to the field; keys a field does not use (↑, Tab, Esc, …) leave it unchanged. */
export function applyTextKey(state: TextFieldState, key: Key): TextFieldResult {
	const {value, cursor} = state;
	switch (key.name) {
		case 'text':
		case 'paste': {
			const text = withoutControls(key.text);
			return {state: text === '' ? state : edit(state, cursor, cursor, text)};
		}

		case 'return': {
			return {state, submit: true};
		}

		case 'backspace': {
			return {state: cursor === 0 ? state : edit(state, cursor - 1, cursor)};
		}

		case 'delete': {
			return {state: cursor === value.length ? state : edit(state, cursor, cursor + 1)};
		}

		case 'left': {
			return {state: {value, cursor: Math.max(0, cursor - 1)}};
		}

		case 'right': {
			return {state: {value, cursor: Math.min(value.length, cursor + 1)}};
		}

		case 'home': {
			return {state: {value, cursor: 0}};
		}

		case 'end': {
			return {state: {value, cursor: value.length}};
		}

		case 'wordleft': {
			return {state: {value, cursor: wordStartBefore(value, cursor)}};
		}

		case 'wordright': {
			return {state: {value, cursor: wordEndAfter(value, cursor)}};
		}

		case 'ctrl': {
			switch (key.letter) {
				case 'a': {
					return {state: {value, cursor: 0}};
				}

				case 'e': {
					return {state: {value, cursor: value.length}};
				}

				case 'b': {
					return {state: {value, cursor: Math.max(0, cursor - 1)}};
				}

				case 'f': {
					return {state: {value, cursor: Math.min(value.length, cursor + 1)}};
				}

				case 'u': {
					return {state: edit(state, 0, cursor)};
				}

				case 'k': {
					return {state: edit(state, cursor, value.length)};
				}

				case 'w': {
					return {state: edit(state, wordStartBefore(value, cursor), cursor)};
				}

				case 'd': {
					return {state: cursor === value.length ? state : edit(state, cursor, cursor + 1)};
				}

				default: {
					return {state};
				}
			}
		}

		default: {
			return {state};
		}
	}
}
