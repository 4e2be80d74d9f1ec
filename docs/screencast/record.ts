// `npm run screencast`: drives the built CLI's --demo through the main path in a real 80x24 terminal
// (tmux), at a person's pace, and writes what the terminal showed:
//   docs/screencast/wizard.cast  the asciicast v2 recording (screens, timed by the script, not the clock)
//   docs/wizard.svg              the animated SVG shown at the top of the README
//   docs/<still>.svg             still SVGs of the beats that ask for one (the confirm screen)
// The run is deterministic: fixed demo data (ids counted, not random), terminal size, demo port and an
// empty home, and screens timed by the script, so a re-run gives the same files and a reviewer sees in
// the diff what changed on screen.
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {castToSvg} from './svg.js';
import {toAsciicast, type Frame} from './asciicast.js';
import {FINISHED, mainPath, TYPING_PACE, type Beat} from './scenes.js';
import {openTerminal} from './tmux-terminal.js';

export const COLUMNS = 80;
export const ROWS = 24;
/** The demo's simulator listens here during the recording, so the address on screen never changes. */
export const DEMO_PORT = 47017;
const TITLE = 'atlas-export-bucket --demo';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type Recording = {frames: Frame[]; stills: Map<string, Frame>; end: number};

/**
 * Runs `beats` against `node dist/cli.js --demo` and returns the settled screens with script times.
 * `port`: the demo's port (tests pass a free one, so that two runs at once do not collide).
 */
export async function record(beats: Beat[] = mainPath, options: {cli?: string; port?: number} = {}): Promise<Recording> {
	const home = mkdtempSync(path.join(tmpdir(), 'aeb-screencast-'));
	const terminal = await openTerminal({
		argv: [process.execPath, options.cli ?? path.join(root, 'dist/cli.js'), '--demo'],
		env: {
			PATH: process.env.PATH ?? '/usr/bin:/bin',
			HOME: home,
			XDG_CONFIG_HOME: path.join(home, 'config'),
			XDG_CACHE_HOME: path.join(home, 'cache'),
			TERM: 'xterm-256color',
			LANG: 'C.UTF-8',
			ATLAS_EXPORT_BUCKET_DEMO_PORT: String(options.port ?? DEMO_PORT),
		},
		columns: COLUMNS,
		rows: ROWS,
	});
	const frames: Frame[] = [];
	const stills = new Map<string, Frame>();
	let time = 0;
	try {
		for (const beat of beats) {
			if (beat.keys) await terminal.press(...beat.keys);
			if (beat.type) {
				for (const [index, character] of [...beat.type].entries()) {
					await terminal.type(character);
					const typed = beat.type.slice(0, index + 1);
					frames.push({time, screen: await terminal.settle(screen => screen.includes(typed), `"${typed}" typed (${beat.what})`, {quietMs: 150})});
					time += TYPING_PACE;
				}
			}

			const screen = await terminal.settle(text => text.includes(beat.until), `${JSON.stringify(beat.until)} (${beat.what})`);
			const frame = {time, screen};
			frames.push(frame);
			if (beat.still) stills.set(beat.still, frame);
			time += beat.hold;
		}
	} finally {
		await terminal.close();
		rmSync(home, {recursive: true, force: true});
	}

	return {frames, stills, end: time};
}

/** The SVG options of every picture: a window frame, the terminal's own size. */
const svgOptions = {window: true, cursor: false, paddingX: 12, paddingY: 12, width: COLUMNS, height: ROWS} as const;

export function renderRecording(recording: Recording): {cast: string; svg: string; stills: Map<string, string>} {
	const cast = toAsciicast({columns: COLUMNS, rows: ROWS, title: TITLE, frames: recording.frames, end: recording.end});
	const stills = new Map<string, string>();
	for (const [name, frame] of recording.stills) {
		// A cast of that one screen, drawn at its moment (a terminal is blank at time 0).
		const still = toAsciicast({columns: COLUMNS, rows: ROWS, title: TITLE, frames: [{time: 0.5, screen: frame.screen}], end: 1});
		stills.set(name, castToSvg(still, {...svgOptions, at: 500}));
	}

	return {cast, svg: castToSvg(cast, svgOptions), stills};
}

async function main(): Promise<void> {
	const recording = await record();
	if (!recording.frames.some(frame => frame.screen.includes(FINISHED))) throw new Error(`screencast: the recording did not reach "${FINISHED}"`);
	const {cast, svg, stills} = renderRecording(recording);
	const docs = path.join(root, 'docs');
	mkdirSync(path.join(docs, 'screencast'), {recursive: true});
	writeFileSync(path.join(docs, 'screencast/wizard.cast'), cast);
	writeFileSync(path.join(docs, 'wizard.svg'), svg);
	for (const [name, still] of stills) writeFileSync(path.join(docs, `${name}.svg`), still);
	console.log(`screencast: ${recording.frames.length} screens, ${recording.end.toFixed(1)} s -> docs/wizard.svg, docs/screencast/wizard.cast${[...stills.keys()].map(name => `, docs/${name}.svg`).join('')}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	await main();
}
