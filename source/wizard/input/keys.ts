// Turns what Ink's stdin emits into single keys, in order. Ink splits escape sequences apart but hands
// a run of plain bytes over as one string: three Backspaces in one read are "\x7f\x7f\x7f", a paste
// with Enter is "name\r", Ctrl-U is "\x15". Its useInput then sees no key at all, and components
// inserted those bytes into values. Every event goes through `createKeyReader().read()` instead: each
// key comes out on its own, control characters never come out as text, and a bracketed paste
// (ESC[200~ … ESC[201~) comes out as one `paste` whatever Ink split it into.

export type Key =
	| {name: 'text'; text: string}
	| {name: 'paste'; text: string}
	| {name: 'ctrl'; letter: string}
	| {name: SimpleKeyName};

type SimpleKeyName =
		| 'return'
		| 'escape'
		| 'tab'
		| 'backtab'
		| 'backspace'
		| 'delete'
		| 'left'
		| 'right'
		| 'up'
		| 'down'
		| 'home'
		| 'end'
		| 'pageup'
		| 'pagedown'
		| 'wordleft'
		| 'wordright';

export type KeyName = Key['name'];

const PASTE_START = '\u001B[200~';
const PASTE_END = '\u001B[201~';

// C0 controls, DEL and C1 controls: never part of a value.
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;

/** A value as typed or pasted, without any control character (a paste's newlines and tabs go too). */
export function withoutControls(text: string): string {
	return text.replace(CONTROL, '');
}

// Final byte of a CSI/SS3 sequence → key; modifiers (ESC[1;5D) are ignored except word moves.
const byFinal: Record<string, SimpleKeyName> = {A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end', Z: 'backtab'};
const byNumber: Record<string, SimpleKeyName> = {1: 'home', 7: 'home', 4: 'end', 8: 'end', 3: 'delete', 5: 'pageup', 6: 'pagedown'};

function escapeSequence(sequence: string): Key | undefined {
	if (sequence === '\u001B' || sequence === '\u001B\u001B') return {name: 'escape'};
	// Alt/Meta + b/f: word left/right, as readline does.
	if (sequence === '\u001Bb') return {name: 'wordleft'};
	if (sequence === '\u001Bf') return {name: 'wordright'};
	if (sequence === '\u001B\u007F') return {name: 'ctrl', letter: 'w'};
	const csi = /^\u001B{1,2}(?:\[|O)(?:(\d+)(?:;(\d+))?([~^$])|(?:1;(\d+))?([A-Za-z]))$/.exec(sequence);
	if (!csi) return undefined;
	const [, number, , , modifier, final] = csi;
	if (number !== undefined) {
		const name = byNumber[number];
		return name ? {name} : undefined;
	}

	const name = byFinal[final!.toUpperCase()];
	if (!name) return undefined;
	// Ctrl or Alt with ←/→ (ESC[1;5D, ESC[1;3C) moves by word.
	if (modifier && modifier !== '2' && (name === 'left' || name === 'right')) return {name: name === 'left' ? 'wordleft' : 'wordright'};
	return {name};
}

function plainKeys(run: string, keys: Key[]): void {
	let text = '';
	const flush = () => {
		if (text !== '') keys.push({name: 'text', text});
		text = '';
	};

	for (let index = 0; index < run.length; index++) {
		const char = run[index]!;
		const code = char.charCodeAt(0);
		if (code >= 0x20 && code !== 0x7F && !(code >= 0x80 && code <= 0x9F)) {
			text += char;
			continue;
		}

		flush();
		if (char === '\r' || char === '\n') {
			// CRLF is one Enter.
			if (char === '\r' && run[index + 1] === '\n') index++;
			keys.push({name: 'return'});
		} else if (char === '\t') {
			keys.push({name: 'tab'});
		} else if (char === '\u007F' || char === '\b') {
			keys.push({name: 'backspace'});
		} else if (code >= 1 && code <= 26) {
			keys.push({name: 'ctrl', letter: String.fromCharCode(code + 96)});
		}
		// NUL, ESC alone inside a run, FS..US and C1 controls: dropped.
	}

	flush();
}

export type KeyReader = {
	/** The keys in one event from Ink's stdin (one escape sequence, or a run of plain bytes). */
	read(event: string): Key[];
};

/** One reader per terminal: a bracketed paste can span several events. */
export function createKeyReader(): KeyReader {
	let paste: string | undefined;
	const read = (event: string): Key[] => {
		const keys: Key[] = [];
		let rest = event;
		while (rest !== '') {
			if (paste !== undefined) {
				const end = rest.indexOf(PASTE_END);
				if (end === -1) {
					paste += rest;
					return keys;
				}

				paste += rest.slice(0, end);
				const text = withoutControls(paste);
				paste = undefined;
				if (text !== '') keys.push({name: 'paste', text});
				rest = rest.slice(end + PASTE_END.length);
				continue;
			}

			const start = rest.indexOf(PASTE_START);
			const before = start === -1 ? rest : rest.slice(0, start);
			if (before !== '') readPlainOrEscape(before, keys);
			if (start === -1) return keys;
			paste = '';
			rest = rest.slice(start + PASTE_START.length);
		}

		return keys;
	};

	return {read};
}

function readPlainOrEscape(event: string, keys: Key[]): void {
	// Ink gives an escape sequence as an event of its own; anything else is a run of plain bytes.
	if (event.startsWith('\u001B')) {
		const key = escapeSequence(event);
		if (key) {
			keys.push(key);
			return;
		}

		// An unknown sequence is dropped whole: none of it is text.
		if (/^\u001B(?:\[|O)/.test(event)) return;
		plainKeys(event.slice(1), keys);
		return;
	}

	plainKeys(event, keys);
}
