// The README's screencast is recorded by a script that drives the built CLI's --demo: this runs that
// script against today's build, so a change to the wizard that the script no longer walks through
// fails here instead of leaving an older UI in the README. Timings are the script's own, never compared.
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {describe, test} from 'node:test';
import {promisify} from 'node:util';
import {toAsciicast} from '../../docs/screencast/asciicast.js';
import {COLUMNS, record, renderRecording, ROWS} from '../../docs/screencast/record.js';
import {FINISHED, mainPath} from '../../docs/screencast/scenes.js';
import {plainScreen} from '../../docs/screencast/tmux-terminal.js';
import {DEMO_KEYS} from '../../source/simulator/seed.js';
import {freePort} from '../support/free-port.js';

/** The words an SVG draws, in order (svg-term writes one <text> per word). */
const svgWords = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map(match => match[1]).join(' ');

const hasTmux = await promisify(execFile)('sh', ['-c', 'command -v tmux']).then(() => true, () => false);

describe('asciicast', () => {
	test('a v2 header, one repaint per changed screen, and the last screen held until the end', () => {
		const lines = toAsciicast({columns: 4, rows: 2, title: 't', end: 3, frames: [
			{time: 0, screen: 'a\nb\n'},
			{time: 1, screen: 'a\nb\n'},
			{time: 1.5, screen: '\u001B[1mc\u001B[0m\n'},
		]}).trimEnd().split('\n').map(line => JSON.parse(line) as unknown);
		assert.deepEqual(lines[0], {version: 2, width: 4, height: 2, title: 't', env: {TERM: 'xterm-256color'}});
		assert.deepEqual(lines.slice(1), [
			[0, 'o', '\u001B[?25l\u001B[H\u001B[2Ja\u001B[0m\r\nb\u001B[0m'],
			[1.5, 'o', '\u001B[H\u001B[2J\u001B[1mc\u001B[0m\u001B[0m\r\n\u001B[0m'],
			[3, 'o', ''],
		]);
	});
});

describe('the screencast script', {skip: hasTmux ? false : 'tmux is not installed (bash .ci/run installs it)'}, () => {
	test(`walks the built --demo through every beat, past "${FINISHED}", and renders it without a secret`, async () => {
		const recording = await record(mainPath, {port: await freePort()});
		// The screens as text (the recording keeps tmux's colour sequences).
		const screens = recording.frames.map(frame => plainScreen(frame.screen));
		assert.ok(screens.some(screen => screen.includes(FINISHED)), 'a screen shows the registered bucket');
		assert.ok(screens.at(-1)?.includes(mainPath.at(-1)!.until), 'the last screen is the last beat');
		for (const beat of mainPath) assert.ok(screens.some(screen => screen.includes(beat.until)), `a screen shows ${beat.until}`);
		for (const screen of screens) assert.ok(screen.split('\n').length <= ROWS + 1, 'no screen is taller than the terminal');

		const {cast, svg, stills} = renderRecording(recording);
		assert.equal((JSON.parse(cast.split('\n')[0]!) as {width: number}).width, COLUMNS);
		assert.ok(svgWords(stills.get('confirm') ?? '').includes('Request that will be sent'), 'the confirm still shows the exact request');
		assert.ok(svgWords(svg).includes(FINISHED), 'the animation reaches the registered bucket');
		for (const text of [cast, svg, ...stills.values()]) {
			assert.ok(!text.includes(DEMO_KEYS.privateKey), 'the private key is nowhere in the recording');
		}
	});
});
