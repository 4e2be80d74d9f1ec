// Text from a server or a file is data: before it reaches a terminal, every control character that
// could drive the terminal (ESC and so CSI/OSC/DCS sequences, BEL, DEL, the C1 range, and the bidi
// overrides that reorder what is shown) is replaced by a visible escape such as `\x1B`. Tab and, where
// the caller allows it, newline pass. Used at the boundaries: every line a command writes (io.ts), the
// Atlas layer's mapped values and error messages, and the wizard's text components.

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const UNSAFE_WITH_NEWLINES = /[\u0000-\u0009\u000a-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function visible(char: string): string {
	const code = char.charCodeAt(0);
	if (char === '\n') return '\\n';
	if (char === '\r') return '\\r';
	return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Multi-line text (a message, a table): newlines and tabs kept, every other control made visible. */
export function terminalSafe(text: string): string {
	return text.replace(UNSAFE, visible);
}

/** One-line text (a name, an id, a table cell): newlines made visible too, so a value cannot fake a line. */
export function terminalSafeLine(text: string): string {
	return text.replace(UNSAFE_WITH_NEWLINES, char => (char === '\t' ? ' ' : visible(char)));
}

/** JSON for a terminal: JSON.stringify leaves DEL and the C1 range raw; they become \u escapes (still valid JSON). */
export function terminalSafeJson(json: string): string {
	// eslint-disable-next-line no-control-regex
	return json.replace(/[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, char => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
