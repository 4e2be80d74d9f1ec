// Loads the CommonJS app bundle (dist/app.cjs) with a V8 code cache, so that a start after the first
// one skips parsing and compiling what the first one compiled (Node 22's module.enableCompileCache()
// does this; Node 20 has nothing like it for a program's own code). A run without a usable cache
// writes one, into the user's cache directory, when the caller says start-up is done (saveCache) or
// else at exit. V8 checks that a cache belongs to this source, V8 version and V8 flags, and ignores
// it otherwise; any cache problem only costs the cache. NODE_DISABLE_COMPILE_CACHE=1 turns it off,
// as it does Node's own compile cache; NODE_DEBUG=code-cache reports what happened on stderr.
import {mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {debuglog} from 'node:util';
import {Script} from 'node:vm';

const debug = debuglog('code-cache');

export type CodeCacheOptions = {
	/** Where cache files go; undefined: no cache. */
	cacheDir: string | undefined;
	env?: NodeJS.ProcessEnv;
};

export type CodeCacheState = 'disabled' | 'accepted' | 'rejected' | 'missing';

// The CommonJS wrapper, as Node's own loader puts around a .cjs file.
const wrap = (source: string) => `(function (exports, require, module, __filename, __dirname) {${source}\n})`;

const runtime = `node${process.versions.node}-${process.arch}.v8cache`;

/** One file per bundle build and Node version, so that two installs sharing a directory never fight. */
export function cacheFileFor(bundlePath: string, cacheDir: string): string {
	const {size, mtimeMs} = statSync(bundlePath);
	return path.join(cacheDir, `${path.basename(bundlePath, path.extname(bundlePath))}-${size}-${Math.trunc(mtimeMs)}-${runtime}`);
}

export type LoadedBundle = {
	/** The bundle's module.exports. */
	exports: unknown;
	state: CodeCacheState;
	/** Writes the cache now (once, and only when there was none usable): it then holds what ran so far. */
	saveCache(): void;
};

/** Loads and runs `bundlePath` (CommonJS) with the code cache. */
export function loadWithCodeCache(bundlePath: string, {cacheDir, env = process.env}: CodeCacheOptions): LoadedBundle {
	const source = readFileSync(bundlePath, 'utf8');
	const enabled = cacheDir !== undefined && env.NODE_DISABLE_COMPILE_CACHE !== '1';
	const cacheFile = enabled ? cacheFileFor(bundlePath, cacheDir) : undefined;
	const cachedData = cacheFile ? readCache(cacheFile) : undefined;
	const script = new Script(wrap(source), {filename: bundlePath, ...(cachedData ? {cachedData} : {})});
	const state: CodeCacheState = !cacheFile ? 'disabled' : !cachedData ? 'missing' : script.cachedDataRejected ? 'rejected' : 'accepted';
	debug('%s %s', state, cacheFile ?? '');

	let saved = !cacheFile || state === 'accepted';
	const saveCache = () => {
		if (saved) return;
		saved = true;
		writeCache(cacheFile!, script.createCachedData());
	};

	process.once('exit', saveCache);
	const module = {exports: {}};
	const run = script.runInThisContext() as (...parameters: unknown[]) => void;
	run.call(module.exports, module.exports, createRequire(bundlePath), module, bundlePath, path.dirname(bundlePath));
	return {exports: module.exports, state, saveCache};
}

function readCache(file: string): Buffer | undefined {
	try {
		return readFileSync(file);
	} catch {
		return undefined;
	}
}

function writeCache(file: string, data: Buffer): void {
	const temporary = `${file}.${process.pid}.tmp`;
	try {
		mkdirSync(path.dirname(file), {recursive: true, mode: 0o700});
		writeFileSync(temporary, data, {mode: 0o600});
		// Atomic: a process starting meanwhile reads the old file or the new one, never half of one.
		renameSync(temporary, file);
		debug('written %s', file);
		removeOtherBuilds(file);
	} catch (error) {
		debug('not written: %s', error instanceof Error ? error.message : String(error));
		try {
			rmSync(temporary, {force: true});
		} catch {}
	}
}

// Earlier builds of the same bundle (an upgrade, a rebuild) for this Node: their caches are dead.
function removeOtherBuilds(file: string): void {
	const name = path.basename(file);
	const bundle = name.slice(0, name.indexOf('-'));
	for (const other of readdirSync(path.dirname(file))) {
		if (other !== name && other.startsWith(`${bundle}-`) && other.endsWith(`-${runtime}`)) rmSync(path.join(path.dirname(file), other), {force: true});
	}
}
