// Text that came from outside (AWS CLI output, Atlas values) is data: before it reaches a terminal,
// escape sequences and other control characters are removed, so it cannot move the cursor, change
// colours or the window title. Line breaks and tabs are kept where a message spans lines.

// CSI (ESC [ … final byte) and OSC (ESC ] … BEL or ESC \) sequences, then any other C0/C1 control.
const ESCAPE_SEQUENCES = /\u001B\[[0-?]*[ -/]*[@-~]|\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)?|\u009B[0-?]*[ -/]*[@-~]/g;
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
const CONTROLS_AND_BREAKS = /[\u0000-\u001F\u007F-\u009F]/g;

/** Safe to print: control characters removed; newlines and tabs kept unless `singleLine`. */
export function plainText(text: string, options: {singleLine?: boolean} = {}): string {
	const withoutSequences = text.replace(ESCAPE_SEQUENCES, '');
	return options.singleLine ? withoutSequences.replace(CONTROLS_AND_BREAKS, ' ') : withoutSequences.replace(/\r\n?/g, '\n').replace(CONTROLS, '');
}
