// The executable (dist/cli.js): runs the program (dist/app.cjs, built from cli.tsx) through the V8
// code cache. Kept to these few lines: this file is compiled on every start, the app only once.
import {fileURLToPath} from 'node:url';
import {loadWithCodeCache} from './bundle/code-cache.js';
import type {main} from './cli.js';
import {applyMemoryFlags} from './v8-flags.js';

// Node compiles its built-in modules from its own code cache only while V8's flags are unchanged
// (5 to 10 ms more otherwise): load the ones the first frame needs (the terminal's streams, React's
// clock, signal-exit's checks) before the flags change.
for (const name of ['node:tty', 'node:net', 'node:stream', 'node:perf_hooks', 'node:assert']) require(name);
applyMemoryFlags();

// A hash of dist/app.cjs, written in by the build (esbuild.config.mjs): names the cache file without
// hashing the bundle at every start. Unbuilt (no hash): no cache.
declare const __APP_BUNDLE_HASH__: string | undefined;
const bundleKey = typeof __APP_BUNDLE_HASH__ === 'string' ? __APP_BUNDLE_HASH__ : undefined;

// env-paths asks the OS for the home directory as it loads, which throws for a user without one (a
// container started with an arbitrary uid and no HOME): then the program runs without a cache.
void import('env-paths')
	.then(({default: envPaths}) => envPaths('atlas-export-bucket', {suffix: ''}).cache, () => undefined)
	.then(cacheDir => {
		const app = loadWithCodeCache(fileURLToPath(new URL('app.cjs', import.meta.url)), {cacheDir, bundleKey});
		// The wizard is on screen: keep what start-up compiled (a run that had no usable cache).
		(app.exports as {main: typeof main}).main({onFirstFrame: app.saveCache});
	});
