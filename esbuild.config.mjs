// Builds dist/ (the published bin): dist/app.cjs, the whole program (source/cli.tsx) in one
// CommonJS bundle, and dist/cli.js, the executable that runs it through a V8 code cache
// (source/bin.ts). One bundle starts much faster than hundreds of ESM files resolved one by one, and
// a script (unlike an ES module on Node 20) can use a code cache; bench/README.md has the figures.
import {createHash} from 'node:crypto';
import {readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {checkedReplace, inputPatches} from './source/bundle/input-patches.mjs';
import {inkOutputRows} from './source/bundle/ink-output-rows.mjs';

// Each build plugin below patches one dependency file at build time. `replace` fails the build when
// the text to replace is not there, so that an update of the dependency stops the build instead of
// silently undoing the patch.
function patchDependency(name, filter, edit) {
	return {
		name,
		setup(plugin) {
			plugin.onLoad({filter}, ({path}) => ({contents: edit(readFileSync(path, 'utf8'), checkedReplace(path, name), path), loader: 'js'}));
		},
	};
}

// yoga-layout (Ink's layout engine) embeds its WebAssembly as a base64 data: URL, "fetches" it (Node
// 20 has a global fetch, so the first frame waited ~30 ms for undici to load) and instantiates it
// asynchronously behind a top-level await, which a CommonJS bundle cannot have. Instantiate the same
// bytes synchronously instead, through Emscripten's instantiateWasm hook: the module is then ready
// when loadYoga() returns (calledRun), with no fetch and no await.
const yogaDataUrl = /"data:application\/octet-stream;base64,([A-Za-z\d+/=]+)"/;
const yogaSyncWasm = patchDependency('yoga-sync-wasm', /yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/, (source, replace, path) => {
	const binary = readFileSync(new URL('../binaries/yoga-wasm-base64-esm.js', `file://${path}`), 'utf8');
	const base64 = yogaDataUrl.exec(binary)?.[1];
	if (!base64) throw new Error('yoga-layout changed: review the yoga-sync-wasm plugin in esbuild.config.mjs');
	return replace(source, 'await loadYoga()', `(() => {
		const yoga = {instantiateWasm(imports, receive) {
			const module = new WebAssembly.Module(Buffer.from(${JSON.stringify(base64)}, 'base64'));
			receive(new WebAssembly.Instance(module, imports), module);
			return {};
		}};
		loadYoga(yoga);
		if (!yoga.calledRun) throw new Error('yoga-layout did not start synchronously');
		return yoga;
	})()`);
});
// The data: URL itself is then never read: keep one copy of the bytes in the bundle, not two.
const yogaWithoutDataUrl = patchDependency('yoga-without-data-url', /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/,
	(source, replace) => replace(source, yogaDataUrl, '"data:application/octet-stream;base64,"'));

// Ink's reconciler awaits its devtools at the top level when DEV=true. This build has no devtools
// (react-devtools-core is an empty module below), and a CommonJS bundle has no top-level await.
const inkWithoutDevtools = patchDependency('ink-without-devtools', /ink[\\/]build[\\/]reconciler\.js$/,
	(source, replace) => replace(replace(source, "await import('./devtools.js');", ''), 'await loadPackageJson()', '{}'));

// Ink measures and slices every line with Intl.Segmenter (string-width, slice-ansi, ansi-tokenize),
// each created when the module loads, and string-width compiles /^\p{RGI_Emoji}$/v then too. The
// build swaps both for stand-ins created on first need (source/bundle/lazy-graphemes.ts, which says
// what they cost and why the results are the same).
const lazyGraphemesModule = fileURLToPath(new URL('source/bundle/lazy-graphemes.ts', import.meta.url));
const rgiEmoji = 'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;';
const lazyGraphemes = patchDependency('lazy-graphemes', /node_modules[\\/](string-width[\\/]index|slice-ansi[\\/]tokenize-ansi|@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize)\.js$/, (source, replace) => {
	let patched = replace(source, /new Intl\.Segmenter\(/g, '__lazyGraphemeSegmenter(');
	// Only string-width 8 compiles the pattern (wrap-ansi's string-width 7 has none).
	if (patched.includes('RGI_Emoji}$/v')) patched = replace(patched, rgiEmoji, 'const rgiEmojiRegex = __lazyRgiEmojiPattern();');
	const shims = `import {lazyGraphemeSegmenter as __lazyGraphemeSegmenter, lazyRgiEmojiPattern as __lazyRgiEmojiPattern} from ${JSON.stringify(lazyGraphemesModule)};`;
	return `${shims}\n${patched}`;
});

// child_process and the many built-in modules under it cost ~1.5 ms at every start, for code that
// never runs here: terminal-size's fallbacks when stdout has no width (the wizard only runs on a
// terminal) and commander's executable subcommands (this CLI has none). Load it on first use.
const lazyChildProcess = [
	patchDependency('lazy-child-process', /node_modules[\\/]terminal-size[\\/]index\.js$/, (source, replace) => replace(source,
		"import {execFileSync} from 'node:child_process';",
		"const execFileSync = (...arguments_) => require('node:child_process').execFileSync(...arguments_);")),
	patchDependency('lazy-child-process', /node_modules[\\/]commander[\\/]lib[\\/]command\.js$/, (source, replace) => replace(source,
		"const childProcess = require('node:child_process');",
		"const childProcess = {spawn: (...arguments_) => require('node:child_process').spawn(...arguments_)};")),
];

// Every ES module that imports React (ours, Ink's, the ink-* components: about a hundred) got its
// own copy of a CommonJS package's exports from esbuild (__toESM: React's 44 names, each a property
// with a getter), some 3,000 property definitions before the first frame. One ES module per package
// re-exports its names once, from the production file the bundle holds; ES importers link to it
// directly, while require() (react-reconciler's) still gets the package itself.
const require_ = createRequire(import.meta.url);
const esmFacades = {
	react: 'react/cjs/react.production.js',
	'react/jsx-runtime': 'react/cjs/react-jsx-runtime.production.js',
};
const esmFacade = {
	name: 'esm-facade',
	setup(plugin) {
		plugin.onResolve({filter: /^react(\/jsx-runtime)?$/}, ({path, kind, namespace}) =>
			kind === 'import-statement' && namespace === 'file' ? {path, namespace: 'esm-facade'} : undefined);
		plugin.onLoad({filter: /.*/, namespace: 'esm-facade'}, ({path}) => {
			const file = fileURLToPath(new URL(`node_modules/${esmFacades[path]}`, import.meta.url));
			const names = Object.keys(require_(file)).filter(name => name !== 'default');
			if (names.length === 0) throw new Error(`${path} exports nothing: review the esm-facade plugin in esbuild.config.mjs`);
			const real = JSON.stringify(require_.resolve(path));
			return {contents: `import facade from ${real};\nexport default facade;\nexport const {${names.join(', ')}} = facade;\n`, loader: 'js', resolveDir: '.'};
		});
	},
};

// Start clean: nothing stale in the package.
rmSync('dist', {recursive: true, force: true});

// Both outputs are CommonJS: code that asks for import.meta.url (keytar's path, yoga, bin.ts's
// app.cjs) gets its own file's URL.
const importMetaUrl = "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;";
const common = {
	bundle: true,
	format: 'cjs',
	define: {'import.meta.url': '__importMetaUrl'},
	platform: 'node',
	target: 'node20',
	minify: true,
	legalComments: 'linked',
	sourcemap: false,
	logLevel: 'warning',
};

await build({
	...common,
	entryPoints: ['source/cli.tsx'],
	outfile: 'dist/app.cjs',
	// keytar is a native addon and optional: it is loaded lazily at run time, never bundled.
	external: ['keytar'],
	// Ink imports react-devtools-core only when DEV is set, and digest-fetch imports node-fetch only
	// where no global fetch exists (never on Node 20+): empty modules keep both out.
	alias: {'react-devtools-core': './source/bundle/empty-module.ts', 'node-fetch': './source/bundle/empty-module.ts'},
	define: {...common.define, 'process.env.NODE_ENV': '"production"'},
	banner: {js: importMetaUrl},
	plugins: [esmFacade, yogaSyncWasm, yogaWithoutDataUrl, inkWithoutDevtools, lazyGraphemes, ...lazyChildProcess, ...[...inputPatches, inkOutputRows].map(patch => patchDependency(patch.name, patch.filter, patch.edit))],
});

// The app runs as a script (vm.Script, for the code cache), which has no loader for import().
const app = readFileSync('dist/app.cjs', 'utf8');
if (/\bimport\(/.test(app)) throw new Error('dist/app.cjs still contains import(): a script run from the code cache cannot load it');

// The executable is CommonJS too (dist/package.json says so; the package itself is ESM): Node then
// starts it without its ES module loader, about 5 ms sooner.
writeFileSync('dist/package.json', `${JSON.stringify({type: 'commonjs'}, undefined, '\t')}\n`);
await build({
	...common,
	entryPoints: ['source/bin.ts'],
	outfile: 'dist/cli.js',
	// The code cache's file name carries the bundle's hash, computed here, not at every start.
	define: {...common.define, __APP_BUNDLE_HASH__: JSON.stringify(createHash('sha256').update(app).digest('hex').slice(0, 32))},
	banner: {js: `#!/usr/bin/env node\n${importMetaUrl}`},
});
