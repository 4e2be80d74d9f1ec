// Bundles source/cli.tsx into dist/ (the published bin). One bundle starts much faster than
// hundreds of ESM files resolved one by one; see bench/README.md for the figures.
import {readFileSync, rmSync} from 'node:fs';
import {build} from 'esbuild';

// yoga-layout (Ink's layout engine) embeds its WebAssembly as a base64 data: URL and, because Node 20
// has a global fetch, "fetches" that URL: the first frame then waits for undici to load (~30 ms, see
// bench/README.md). Hand it the bytes instead (Emscripten's wasmBinary option): same module, no fetch.
const yogaWasmBinary = {
	name: 'yoga-wasm-binary',
	setup(plugin) {
		const dataUrl = /"data:application\/octet-stream;base64,([A-Za-z\d+/=]+)"/;
		plugin.onLoad({filter: /yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/}, ({path}) => {
			const binaryPath = new URL('../binaries/yoga-wasm-base64-esm.js', `file://${path}`);
			const base64 = dataUrl.exec(readFileSync(binaryPath, 'utf8'))?.[1];
			const source = readFileSync(path, 'utf8');
			const call = 'await loadYoga()';
			if (!base64 || !source.includes(call)) throw new Error('yoga-layout changed: review the yoga-wasm-binary plugin in esbuild.config.mjs');
			return {contents: source.replace(call, `await loadYoga({wasmBinary: Buffer.from(${JSON.stringify(base64)}, 'base64')})`), loader: 'js'};
		});
		// The data: URL itself is then never read: keep one copy of the bytes in the bundle, not two.
		plugin.onLoad({filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/}, ({path}) => {
			const source = readFileSync(path, 'utf8');
			if (!dataUrl.test(source)) throw new Error('yoga-layout changed: review the yoga-wasm-binary plugin in esbuild.config.mjs');
			return {contents: source.replace(dataUrl, '"data:application/octet-stream;base64,"'), loader: 'js'};
		});
	},
};

// Chunk names carry content hashes: start clean so stale chunks never pile up in the package.
rmSync('dist', {recursive: true, force: true});

// Ink measures and slices every line with Intl.Segmenter (string-width, slice-ansi, ansi-tokenize),
// each created at import; creating the first one loads ICU's break rules (about 10 ms), and
// string-width also parses /^\p{RGI_Emoji}$/v at import (about 8 ms). Text made only of code points
// that never join a neighbour into one grapheme (controls but CR, so ANSI escapes too; Latin-1 and
// Latin extensions, general punctuation, arrows, symbols, box drawing, braille, dingbats; no combining
// marks, joiners, selectors, Hangul or emoji modifiers)
// is one grapheme per UTF-16 unit, so it is segmented as such; anything else goes to a real
// Intl.Segmenter, created on first need. The RGI emoji test runs only on segments that contain an
// Emoji code point outside ASCII (every RGI emoji sequence does; a lone digit is never one).
// Same results (compared on random mixes of these and emoji, marks, Hangul, CR LF); no cost for plain text.
const lazySegmenterSource = String.raw`
const __simpleGraphemeText = /^[\u0000-\u000C\u000E-\u02FF\u2000-\u200A\u2010-\u2027\u202F-\u205F\u2070-\u20CF\u2100-\u2BFF]*$/;
class __SimpleSegments {
	constructor(text) { this.text = text; }
	*[Symbol.iterator]() { for (let index = 0; index < this.text.length; index++) yield {segment: this.text[index], index, input: this.text}; }
	containing(index = 0) {
		const at = Math.trunc(Number(index)) || 0;
		return at >= 0 && at < this.text.length ? {segment: this.text[at], index: at, input: this.text} : undefined;
	}
}
function __lazyGraphemeSegmenter(...options) {
	let segmenter;
	return {
		segment(input) {
			const text = String(input);
			if (__simpleGraphemeText.test(text)) return new __SimpleSegments(text);
			segmenter ??= new Intl.Segmenter(...options);
			return segmenter.segment(text);
		},
	};
}
`;
const lazyRgiEmojiSource = String.raw`(() => {
	let pattern;
	const emojiCodePoint = /(?![\u0000-\u007F])\p{Emoji}/u;
	return {test: segment => emojiCodePoint.test(segment) && (pattern ??= new RegExp('^\\p{RGI_Emoji}$', 'v')).test(segment)};
})()`;
const lazyGraphemes = {
	name: 'lazy-graphemes',
	setup(plugin) {
		plugin.onLoad({filter: /node_modules[\\/](string-width[\\/]index|slice-ansi[\\/]tokenize-ansi|@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize)\.js$/}, ({path}) => {
			let source = readFileSync(path, 'utf8');
			const segmenters = /new Intl\.Segmenter\(/g;
			if (!segmenters.test(source)) throw new Error(`${path} changed: review the lazy-graphemes plugin in esbuild.config.mjs`);
			source = source.replace(segmenters, '__lazyGraphemeSegmenter(');
			source = source.replace('const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;', () => `const rgiEmojiRegex = ${lazyRgiEmojiSource};`);
			return {contents: `${source}\n${lazySegmenterSource}`, loader: 'js'};
		});
	},
};

await build({
	entryPoints: {cli: 'source/cli.tsx'},
	outdir: 'dist',
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	minify: true,
	legalComments: 'linked',
	sourcemap: false,
	// keytar is a native addon and optional: it is loaded lazily at run time, never bundled.
	external: ['keytar'],
	// Ink imports react-devtools-core only when DEV is set, and digest-fetch imports node-fetch only
	// where no global fetch exists (never on Node 20+): empty modules keep both out.
	alias: {'react-devtools-core': './source/empty-module.ts', 'node-fetch': './source/empty-module.ts'},
	define: {'process.env.NODE_ENV': '"production"'},
	// CommonJS dependencies bundled into ESM still expect require and __filename (write-file-atomic).
	banner: {
		js: [
			'#!/usr/bin/env node',
			"import {createRequire as __createRequire} from 'node:module';",
			"import {fileURLToPath as __fileURLToPath} from 'node:url';",
			'const require = __createRequire(import.meta.url);',
			'const __filename = __fileURLToPath(import.meta.url);',
		].join('\n'),
	},
	plugins: [yogaWasmBinary, lazyGraphemes],
	logLevel: 'warning',
});
