// Loads the CommonJS app bundle (dist/app.cjs) with a V8 code cache, so that a start after the first
// one skips parsing and compiling what the first one compiled (Node 22's module.enableCompileCache()
// does this; Node 20 has nothing like it for a program's own code). A run without a usable cache
// writes one, into the user's cache directory, when the caller says start-up is done (saveCache) or
// else at exit. NODE_DISABLE_COMPILE_CACHE=1 turns it off, as it does Node's own compile cache;
// NODE_DEBUG=code-cache reports what happened (and why a cache was refused) on stderr.
//
// A code cache is code: V8 only checks that a cache was made for a source of the same LENGTH (and the
// same V8 version and flags), so whoever can write the file runs code in this process, which may hold
// an Atlas private key. A cache is therefore used only when nobody else could have written it: a
// regular file (opened without following a link, without waiting on a FIFO, checked on the opened
// descriptor), owned by this user and writable by nobody else, no larger than this bundle could
// produce, in a directory (itself not a link) owned by this user that no group or other user can
// write to. The file name carries a hash of the bundle computed when the bundle was built (no hashing
// at start). Any refusal only costs the cache: the bundle is then compiled from its source.
import {closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, type Stats, writeSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {debuglog} from 'node:util';
import {Script} from 'node:vm';

const debug = debuglog('code-cache');

export type CodeCacheOptions = {
	/** Where cache files go; undefined: no cache. */
	cacheDir: string | undefined;
	/** A hash of the bundle's content, computed when it was built; undefined: no cache. */
	bundleKey: string | undefined;
	env?: NodeJS.ProcessEnv;
};

/** refused: a cache file or directory that someone else could have written (NODE_DEBUG says why). */
export type CodeCacheState = 'disabled' | 'accepted' | 'rejected' | 'missing' | 'refused';

// The CommonJS wrapper, as Node's own loader puts around a .cjs file.
export const wrapCommonJs = (source: string) => `(function (exports, require, module, __filename, __dirname) {${source}\n})`;

const runtime = `node${process.versions.node}-${process.arch}.v8cache`;

/** One file per bundle build and Node version, so that two installs sharing a directory never fight. */
export function cacheFileFor(bundlePath: string, cacheDir: string, bundleKey: string): string {
	return path.join(cacheDir, `${path.basename(bundlePath, path.extname(bundlePath))}-${bundleKey}-${runtime}`);
}

/** The largest cache this bundle could produce: V8's cache of a script is about its size, never 4x. */
export const maxCacheBytes = (bundleBytes: number) => 4 * bundleBytes + 64 * 1024;

export type LoadedBundle = {
	/** The bundle's module.exports. */
	exports: unknown;
	state: CodeCacheState;
	/** Writes the cache now (once, and only when there was none usable): it then holds what ran so far. */
	saveCache(): void;
};

/** Loads and runs `bundlePath` (CommonJS) with the code cache. */
export function loadWithCodeCache(bundlePath: string, {cacheDir, bundleKey, env = process.env}: CodeCacheOptions): LoadedBundle {
	const bytes = readFileSync(bundlePath);
	const enabled = cacheDir !== undefined && bundleKey !== undefined && /^[\w-]+$/.test(bundleKey) && env.NODE_DISABLE_COMPILE_CACHE !== '1';
	const cacheFile = enabled ? cacheFileFor(bundlePath, cacheDir, bundleKey) : undefined;
	const cached = cacheFile ? readCache(cacheFile, maxCacheBytes(bytes.length)) : undefined;
	const cachedData = cached?.data;
	const script = new Script(wrapCommonJs(bytes.toString('utf8')), {filename: bundlePath, ...(cachedData ? {cachedData} : {})});
	const state: CodeCacheState = !cacheFile ? 'disabled' : cached?.refused ? 'refused' : !cachedData ? 'missing' : script.cachedDataRejected ? 'rejected' : 'accepted';
	debug('%s %s%s', state, cacheFile ?? '', cached?.refused ? `: ${cached.refused}` : '');

	// A directory someone else can write to is not written to either: nothing there would be used.
	let saved = !cacheFile || state === 'accepted' || cached?.directoryRefused === true;
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

const uid = process.getuid?.();
const ownedByUser = (stats: Stats) => uid === undefined || stats.uid === uid;
const writableByOthers = (stats: Stats) => (stats.mode & 0o022) !== 0;

/** Why `dir` cannot hold a cache, or undefined when only this user can write to it. */
function unsafeDirectory(dir: string): string | undefined {
	const stats = lstatSync(dir);
	if (stats.isSymbolicLink()) return 'the directory is a symbolic link';
	if (!stats.isDirectory()) return 'not a directory';
	if (!ownedByUser(stats)) return `the directory belongs to uid ${stats.uid}`;
	if (uid !== undefined && writableByOthers(stats)) return `the directory is writable by others (mode ${(stats.mode & 0o777).toString(8)})`;
	return undefined;
}

type CacheRead = {data?: Buffer; refused?: string; directoryRefused?: boolean};

// O_NOFOLLOW: a link is refused by open itself; O_NONBLOCK: a FIFO opens at once (and is then refused).
const readFlags = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

function readCache(file: string, maxBytes: number): CacheRead {
	let fd: number;
	try {
		fd = openSync(file, readFlags);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT' || code === 'ENOTDIR') return {};
		return {refused: code === 'ELOOP' ? 'the file is a symbolic link' : `cannot open it (${code})`};
	}
	try {
		const stats = fstatSync(fd);
		if (!stats.isFile()) return {refused: 'not a regular file'};
		if (!ownedByUser(stats)) return {refused: `the file belongs to uid ${stats.uid}`};
		if (uid !== undefined && writableByOthers(stats)) return {refused: 'the file is writable by others'};
		if (stats.size > maxBytes) return {refused: `${stats.size} bytes, more than this bundle could produce (${maxBytes})`};
		const directory = unsafeDirectory(path.dirname(file));
		if (directory) return {refused: directory, directoryRefused: true};
		// Read through the descriptor, never more than the size checked above.
		const data = Buffer.allocUnsafe(stats.size);
		let filled = 0;
		for (let read = 1; filled < data.length && read > 0; filled += read) read = readSync(fd, data, filled, data.length - filled, filled);
		return filled === 0 ? {} : {data: data.subarray(0, filled)};
	} catch (error) {
		return {refused: error instanceof Error ? error.message : String(error)};
	} finally {
		closeSync(fd);
	}
}

function writeCache(file: string, data: Buffer): void {
	const dir = path.dirname(file);
	// A fresh name opened with O_EXCL (never an existing file or link), renamed over the cache file at
	// once: a process starting meanwhile reads the old file or the new one, never half of one.
	// node:crypto (a dozen built-in modules) loads here, at the one write, never at start.
	const {randomBytes} = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
	const temporary = `${file}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
	let created = false;
	try {
		// A directory made here is 0700; one that exists is used only as it is (never chmodded).
		mkdirSync(dir, {recursive: true, mode: 0o700});
		const unsafe = unsafeDirectory(dir);
		if (unsafe) throw new Error(unsafe);
		const fd = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
		created = true;
		try {
			for (let written = 0; written < data.length;) written += writeSync(fd, data, written);
		} finally {
			closeSync(fd);
		}
		renameSync(temporary, file);
		created = false;
		debug('written %s', file);
		removeOtherBuilds(file);
	} catch (error) {
		debug('not written: %s', error instanceof Error ? error.message : String(error));
		if (created) {
			try {
				rmSync(temporary, {force: true});
			} catch {}
		}
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
