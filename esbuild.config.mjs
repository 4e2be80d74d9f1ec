// Bundles source/cli.tsx into dist/ (the published bin). One bundle starts much faster than
// hundreds of ESM files resolved one by one; see bench/README.md for the figures.
import {rmSync} from 'node:fs';
import {build} from 'esbuild';

// Chunk names carry content hashes: start clean so stale chunks never pile up in the package.
rmSync('dist', {recursive: true, force: true});

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
	logLevel: 'warning',
});
