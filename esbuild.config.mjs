// Bundles source/cli.tsx into dist/ (the published bin). One bundle starts much faster than
// hundreds of ESM files resolved one by one; see bench/README.md for the figures.
import {readFileSync, rmSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
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
// each created when the module loads, and string-width compiles /^\p{RGI_Emoji}$/v then too. The
// build swaps both for stand-ins created on first need (source/bundle/lazy-graphemes.ts, which says
// what they cost and why the results are the same).
const lazyGraphemesModule = fileURLToPath(new URL('source/bundle/lazy-graphemes.ts', import.meta.url));
const lazyGraphemes = {
	name: 'lazy-graphemes',
	setup(plugin) {
		plugin.onLoad({filter: /node_modules[\\/](string-width[\\/]index|slice-ansi[\\/]tokenize-ansi|@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize)\.js$/}, ({path}) => {
			let source = readFileSync(path, 'utf8');
			const segmenters = /new Intl\.Segmenter\(/g;
			if (!segmenters.test(source)) throw new Error(`${path} changed: review the lazy-graphemes plugin in esbuild.config.mjs`);
			source = source.replace(segmenters, '__lazyGraphemeSegmenter(');
			source = source.replace('const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;', 'const rgiEmojiRegex = __lazyRgiEmojiPattern();');
			if (source.includes('\\p{RGI_Emoji}$/v')) throw new Error(`${path} changed: review the lazy-graphemes plugin in esbuild.config.mjs`);
			const shims = `import {lazyGraphemeSegmenter as __lazyGraphemeSegmenter, lazyRgiEmojiPattern as __lazyRgiEmojiPattern} from ${JSON.stringify(lazyGraphemesModule)};`;
			return {contents: `${shims}\n${source}`, loader: 'js'};
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
	alias: {'react-devtools-core': './source/bundle/empty-module.ts', 'node-fetch': './source/bundle/empty-module.ts'},
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
