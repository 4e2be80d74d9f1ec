// The code cache behind dist/cli.js, on a small CommonJS bundle in a temporary directory: written
// once, accepted after, rewritten when stale or corrupt, never in the way when it cannot be used.
// Whether V8 accepts a cache is checked in a fresh process each time: within one process V8 serves a
// script it has compiled already from memory and never looks at the cache.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {chmodSync, chownSync, copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, test, type TestContext} from 'node:test';
import {cacheFileFor as cacheFileForKey, loadWithCodeCache, maxCacheBytes} from '../../source/bundle/code-cache.js';

// As the build does: the key is a hash of the bundle's content (here computed by the test, there by
// esbuild.config.mjs; never by the loader).
const keyOf = (bundle: string) => createHash('sha256').update(readFileSync(bundle)).digest('hex').slice(0, 32);
const cacheFileFor = (bundle: string, cacheDir: string) => cacheFileForKey(bundle, cacheDir, keyOf(bundle));

const codeCacheModule = fileURLToPath(new URL('../../source/bundle/code-cache.ts', import.meta.url));

function workspace(t: TestContext) {
	const dir = mkdtempSync(path.join(tmpdir(), 'aeb-code-cache-'));
	t.after(() => rmSync(dir, {recursive: true, force: true}));
	const bundle = path.join(dir, 'app.cjs');
	// Enough functions for a cache worth the name; exports what the wrapper handed it.
	const functions = Array.from({length: 50}, (_, index) => `function f${index}(x) { return x * ${index} + 1; }`).join('\n');
	writeFileSync(bundle, `${functions}\nconst path = require('node:path');\nmodule.exports = {sum: f1(2) + f49(1), file: __filename, dir: __dirname, base: path.basename(__filename), self: this === exports};\n`);
	return {dir, bundle, cacheDir: path.join(dir, 'cache')};
}

/** Loads the bundle in a fresh node process (saving the cache when asked); returns state and exports. */
function loadInChild(bundle: string, cacheDir: string, {save = false, env = {}}: {save?: boolean; env?: NodeJS.ProcessEnv} = {}) {
	const script = [
		`import {loadWithCodeCache} from ${JSON.stringify(codeCacheModule)};`,
		`const loaded = loadWithCodeCache(${JSON.stringify(bundle)}, {cacheDir: ${JSON.stringify(cacheDir)}, bundleKey: ${JSON.stringify(keyOf(bundle))}, env: process.env});`,
		save ? 'loaded.saveCache();' : '',
		'console.log(JSON.stringify({state: loaded.state, exports: loaded.exports}));',
	].join('\n');
	const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {encoding: 'utf8', env: {PATH: process.env.PATH, ...env}, timeout: 60_000});
	assert.equal(child.status, 0, child.stderr);
	return JSON.parse(child.stdout) as {state: string; exports: Record<string, unknown>};
}

describe('loadWithCodeCache', () => {
	test('runs the bundle as CommonJS: module.exports, require, __filename, __dirname, this', t => {
		const {bundle, cacheDir} = workspace(t);
		const {exports} = loadWithCodeCache(bundle, {cacheDir, bundleKey: keyOf(bundle), env: {}});
		assert.deepEqual(exports, {sum: 53, file: bundle, dir: path.dirname(bundle), base: 'app.cjs', self: true});
	});

	test('no cache: "missing"; saveCache writes it (0600, in a 0700 directory); the next start accepts it', t => {
		const {bundle, cacheDir} = workspace(t);
		const file = cacheFileFor(bundle, cacheDir);
		assert.equal(loadInChild(bundle, cacheDir, {save: true}).state, 'missing');
		assert.equal(statSync(file).mode & 0o777, 0o600);
		assert.equal(statSync(cacheDir).mode & 0o777, 0o700);
		const second = loadInChild(bundle, cacheDir);
		assert.equal(second.state, 'accepted');
		assert.equal(second.exports.sum, 53);
		assert.deepEqual(readdirSync(cacheDir), [path.basename(file)], 'no temporary file left');
	});

	test('without saveCache, the cache is written when the process exits', t => {
		const {bundle, cacheDir} = workspace(t);
		assert.equal(loadInChild(bundle, cacheDir).state, 'missing');
		assert.equal(loadInChild(bundle, cacheDir).state, 'accepted');
	});

	test('saveCache writes at once: a process that never exits normally still leaves its cache', t => {
		const {bundle, cacheDir} = workspace(t);
		const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e',
			`import {loadWithCodeCache} from ${JSON.stringify(codeCacheModule)}; loadWithCodeCache(${JSON.stringify(bundle)}, {cacheDir: ${JSON.stringify(cacheDir)}, bundleKey: ${JSON.stringify(keyOf(bundle))}, env: {}}).saveCache(); process.kill(process.pid, 'SIGKILL');`,
		], {encoding: 'utf8'});
		assert.equal(child.signal, 'SIGKILL');
		assert.equal(existsSync(cacheFileFor(bundle, cacheDir)), true);
	});

	test('an accepted cache is left as it is', t => {
		const {bundle, cacheDir} = workspace(t);
		loadInChild(bundle, cacheDir, {save: true});
		const file = cacheFileFor(bundle, cacheDir);
		utimesSync(file, new Date(1000), new Date(1000));
		assert.equal(loadInChild(bundle, cacheDir, {save: true}).state, 'accepted');
		assert.equal(statSync(file).mtimeMs, 1000);
	});

	test('a corrupt cache is rejected by V8, the bundle still runs, and saving replaces it', t => {
		const {bundle, cacheDir} = workspace(t);
		loadInChild(bundle, cacheDir, {save: true});
		writeFileSync(cacheFileFor(bundle, cacheDir), 'not a V8 code cache, just bytes');
		const run = loadInChild(bundle, cacheDir, {save: true});
		assert.equal(run.state, 'rejected');
		assert.equal(run.exports.sum, 53);
		assert.equal(loadInChild(bundle, cacheDir).state, 'accepted');
	});

	test('a rebuilt bundle gets its own cache file, and saving it removes the old build\'s only', t => {
		const {bundle, cacheDir} = workspace(t);
		loadInChild(bundle, cacheDir, {save: true});
		const oldFile = cacheFileFor(bundle, cacheDir);
		const otherBundle = path.join(cacheDir, 'other-1-node0-x.v8cache');
		writeFileSync(otherBundle, 'another bundle: not ours to remove');
		writeFileSync(bundle, 'module.exports = {rebuilt: true};\n');
		const rebuilt = loadInChild(bundle, cacheDir, {save: true});
		assert.equal(rebuilt.state, 'missing');
		assert.deepEqual(rebuilt.exports, {rebuilt: true});
		assert.equal(existsSync(oldFile), false);
		assert.equal(existsSync(otherBundle), true);
		assert.equal(loadInChild(bundle, cacheDir).state, 'accepted');
	});

	test('NODE_DISABLE_COMPILE_CACHE=1 or no cache directory: "disabled", nothing written', t => {
		const {bundle, cacheDir} = workspace(t);
		const off = loadWithCodeCache(bundle, {cacheDir, bundleKey: keyOf(bundle), env: {NODE_DISABLE_COMPILE_CACHE: '1'}});
		assert.equal(off.state, 'disabled');
		off.saveCache();
		assert.equal(existsSync(cacheDir), false);
		assert.equal(loadWithCodeCache(bundle, {cacheDir: undefined, bundleKey: keyOf(bundle), env: {}}).state, 'disabled');
	});

	test('a cache directory that cannot be created costs the cache, never the program', t => {
		const {dir, bundle} = workspace(t);
		const blocked = path.join(dir, 'blocked');
		writeFileSync(blocked, 'a file where the cache directory should be');
		const run = loadWithCodeCache(bundle, {cacheDir: path.join(blocked, 'cache'), bundleKey: keyOf(bundle), env: {}});
		assert.equal(run.state, 'missing');
		assert.doesNotThrow(() => run.saveCache());
		assert.equal((run.exports as {sum: number}).sum, 53);
	});

	test('no build hash (an unbuilt launcher): "disabled"', t => {
		const {bundle, cacheDir} = workspace(t);
		assert.equal(loadWithCodeCache(bundle, {cacheDir, bundleKey: undefined, env: {}}).state, 'disabled');
	});
});

// A planted cache is code: V8 takes a cache made from ANY script of the same length. These tests plant
// what an attacker could and check that the program's own code runs.
describe('loadWithCodeCache refuses a cache someone else could have written', () => {
	/** A cache compiled from a different script of the same length, at the bundle's cache path. */
	function plantForeignCache(dir: string, bundle: string, cacheDir: string) {
		const own = readFileSync(bundle, 'utf8');
		const foreignDir = path.join(dir, 'foreign');
		mkdirSync(foreignDir);
		const foreignBundle = path.join(foreignDir, 'app.cjs');
		const foreign = own.replace('self: this === exports', 'self: "FOREIGN!!!!!!!"');
		assert.equal(Buffer.byteLength(foreign), Buffer.byteLength(own));
		writeFileSync(foreignBundle, foreign);
		loadInChild(foreignBundle, path.join(foreignDir, 'cache'), {save: true});
		copyFileSync(cacheFileFor(foreignBundle, path.join(foreignDir, 'cache')), cacheFileFor(bundle, cacheDir));
	}

	test('a same-length cache from another script would run foreign code: in a 0777 directory it is refused', t => {
		const {dir, bundle, cacheDir} = workspace(t);
		mkdirSync(cacheDir, {mode: 0o700});
		plantForeignCache(dir, bundle, cacheDir);
		// The threat is real: in a directory only we can write, V8 runs the planted code.
		const planted = loadInChild(bundle, cacheDir);
		assert.equal(planted.state, 'accepted');
		assert.equal(planted.exports.self, 'FOREIGN!!!!!!!');
		chmodSync(cacheDir, 0o777);
		const run = loadInChild(bundle, cacheDir, {save: true});
		assert.equal(run.state, 'refused');
		assert.equal(run.exports.self, true, 'the program\'s own code ran');
		assert.equal(statSync(cacheDir).mode & 0o777, 0o777, 'a directory the tool did not create is never chmodded');
		for (const mode of [0o770, 0o707]) {
			chmodSync(cacheDir, mode);
			assert.equal(loadInChild(bundle, cacheDir).state, 'refused', mode.toString(8));
		}
	});

	test('a symbolic link to /dev/zero is refused without reading it', t => {
		const {bundle, cacheDir} = workspace(t);
		mkdirSync(cacheDir, {mode: 0o700});
		symlinkSync('/dev/zero', cacheFileFor(bundle, cacheDir));
		const run = loadInChild(bundle, cacheDir, {env: {NODE_DEBUG: 'code-cache'}});
		assert.equal(run.state, 'refused');
		assert.equal(run.exports.sum, 53);
	});

	test('a FIFO is refused at once, never waited on', {skip: process.platform === 'win32'}, t => {
		const {bundle, cacheDir} = workspace(t);
		mkdirSync(cacheDir, {mode: 0o700});
		const fifo = spawnSync('mkfifo', [cacheFileFor(bundle, cacheDir)]);
		assert.equal(fifo.status, 0, String(fifo.stderr));
		// loadInChild fails (status null) if the child is still waiting after its timeout.
		const run = loadInChild(bundle, cacheDir);
		assert.equal(run.state, 'refused');
		assert.equal(run.exports.sum, 53);
	});

	test('a symbolic link to a valid cache, or a symlinked directory, is refused; saving replaces the link, not its target', t => {
		const {dir, bundle, cacheDir} = workspace(t);
		loadInChild(bundle, cacheDir, {save: true});
		const real = path.join(dir, 'real-cache');
		copyFileSync(cacheFileFor(bundle, cacheDir), real);
		const target = readFileSync(real);
		rmSync(cacheFileFor(bundle, cacheDir));
		symlinkSync(real, cacheFileFor(bundle, cacheDir));
		assert.equal(loadInChild(bundle, cacheDir, {save: true}).state, 'refused');
		assert.equal(lstatSync(cacheFileFor(bundle, cacheDir)).isFile(), true, 'the link was replaced by a file');
		assert.deepEqual(readFileSync(real), target, 'the link\'s target was not written');
		const linkedDir = path.join(dir, 'linked-cache');
		symlinkSync(cacheDir, linkedDir);
		assert.equal(loadInChild(bundle, linkedDir, {save: true}).state, 'refused');
		assert.equal(loadInChild(bundle, cacheDir).state, 'accepted');
	});

	test('a cache larger than the bundle could produce is refused (V8 would otherwise be handed it)', t => {
		const {bundle, cacheDir} = workspace(t);
		mkdirSync(cacheDir, {mode: 0o700});
		writeFileSync(cacheFileFor(bundle, cacheDir), Buffer.alloc(maxCacheBytes(statSync(bundle).size) + 1), {mode: 0o600});
		const run = loadInChild(bundle, cacheDir, {save: true});
		assert.equal(run.state, 'refused');
		assert.equal(run.exports.sum, 53);
		assert.equal(loadInChild(bundle, cacheDir).state, 'accepted', 'saving replaced it');
	});

	test('a cache file writable by others is refused', t => {
		const {bundle, cacheDir} = workspace(t);
		loadInChild(bundle, cacheDir, {save: true});
		chmodSync(cacheFileFor(bundle, cacheDir), 0o666);
		assert.equal(loadInChild(bundle, cacheDir).state, 'refused');
	});

	test('a cache file or directory owned by another user is refused (as root: chown to nobody)', {skip: process.getuid?.() !== 0 && 'needs root to chown'}, t => {
		const {dir, bundle, cacheDir} = workspace(t);
		mkdirSync(cacheDir, {mode: 0o700});
		plantForeignCache(dir, bundle, cacheDir);
		chownSync(cacheFileFor(bundle, cacheDir), 65_534, 65_534);
		const run = loadInChild(bundle, cacheDir);
		assert.equal(run.state, 'refused');
		assert.equal(run.exports.self, true);
		chownSync(cacheFileFor(bundle, cacheDir), 0, 0);
		chownSync(cacheDir, 65_534, 65_534);
		assert.equal(loadInChild(bundle, cacheDir).state, 'refused');
	});
});
