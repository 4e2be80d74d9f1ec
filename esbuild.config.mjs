// Bundles source/cli.tsx into dist/ (the published bin). One bundle starts much faster than
// hundreds of ESM files resolved one by one; see bench/README.md for the figures.
import {build} from 'esbuild';

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
	// Ink imports react-devtools-core only when DEV is set; an empty module keeps it out.
	alias: {'react-devtools-core': './source/empty-module.ts'},
	define: {'process.env.NODE_ENV': '"production"'},
	banner: {js: "#!/usr/bin/env node\nimport {createRequire as __createRequire} from 'node:module';const require = __createRequire(import.meta.url);"},
	logLevel: 'warning',
});
