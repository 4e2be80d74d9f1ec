#!/usr/bin/env node
// The one test command (`npm test`). It exists because `node --test` on Node 20 neither expands
// globs nor finds .ts files, and a run that executes zero tests exits 0. This script:
//  1. re-runs itself inside a private D-Bus session with an unlocked gnome-keyring, when those tools
//     exist, so the keychain suite talks to a real Secret Service;
//  2. collects test/**/*.test.ts(x) (or the files/folders given as arguments);
//  3. runs them with node's test runner through tsx;
//  4. fails when no file or no test ran, and prints "N passed, N failed" as its last line.
import {spawn, spawnSync} from 'node:child_process';
import {mkdtempSync, readdirSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const marker = 'ATLAS_EXPORT_BUCKET_TEST_KEYRING';

function hasCommand(name) {
	return spawnSync('sh', ['-c', `command -v ${name}`], {stdio: 'ignore'}).status === 0;
}

if (!process.env[marker]) {
	const canKeyring = hasCommand('dbus-run-session') && hasCommand('gnome-keyring-daemon');
	if (canKeyring) {
		const self = [process.execPath, fileURLToPath(import.meta.url), ...process.argv.slice(2)]
			.map(arg => `'${arg.replaceAll("'", `'\\''`)}'`)
			.join(' ');
		// A fresh, private keyring in a throw-away home: nothing touches the user's own keyring.
		const keyringHome = spawnSync('mktemp', ['-d'], {encoding: 'utf8'}).stdout.trim();
		const script = `echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec ${self}`;
		const child = spawn('dbus-run-session', ['--', 'sh', '-c', script], {
			stdio: 'inherit',
			env: {...process.env, [marker]: 'available', XDG_DATA_HOME: keyringHome, XDG_RUNTIME_DIR: keyringHome},
		});
		child.on('exit', code => process.exit(code ?? 1));
		process.on('SIGINT', () => child.kill('SIGINT'));
	} else {
		if (process.env.CI) {
			console.error('test: dbus-run-session and gnome-keyring-daemon are required in CI (bash .ci/run installs them).');
			process.exit(1);
		}
		console.error('test: no dbus-run-session/gnome-keyring-daemon here: the real-keychain suite will be SKIPPED.');
		console.error('test: install them (apt-get install dbus gnome-keyring) or run `bash .ci/run` to include it.');
		process.env[marker] = 'unavailable';
		await runTests();
	}
} else {
	await runTests();
}

function collect(target, files) {
	const stat = statSync(target);
	if (stat.isDirectory()) {
		for (const entry of readdirSync(target).sort()) {
			if (entry === 'fixtures' || entry === 'node_modules') continue;
			collect(path.join(target, entry), files);
		}
	} else if (/\.test\.tsx?$/.test(target)) {
		files.push(target);
	}
}

// Ink (through is-in-ci) writes only the last frame when it thinks it runs in CI, which would blind
// every terminal test; tests that need CI set it themselves for the process they start.
function testEnvironment() {
	// A private cache directory: the built CLI writes its code cache there, not in the user's.
	const env = {...process.env, NODE_ENV: 'test', XDG_CACHE_HOME: mkdtempSync(path.join(tmpdir(), 'atlas-export-bucket-test-cache-'))};
	for (const key of Object.keys(env)) {
		if (key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key.startsWith('CI_')) delete env[key];
	}
	return env;
}

async function runTests() {
	const targets = process.argv.slice(2);
	const files = [];
	for (const target of targets.length > 0 ? targets : ['test']) collect(path.resolve(root, target), files);
	if (files.length === 0) {
		console.error('test: no test files found');
		process.exit(1);
	}

	const args = [
		'--import',
		'tsx',
		// The input libraries' build patches, applied as they load (source/bundle/input-patches.mjs).
		'--import',
		'./test/support/input-patches.mjs',
		'--test',
		'--test-reporter=spec',
		'--test-concurrency=2',
		// A file whose tests failed must not hang the run on a handle it left open.
		'--test-force-exit',
		'--test-timeout=120000',
		...files.map(file => path.relative(root, file)),
	];
	const env = testEnvironment();
	const child = spawn(process.execPath, args, {cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env});
	const counts = {tests: 0, pass: 0, fail: 0, skipped: 0, todo: 0};
	let buffer = '';
	child.stdout.on('data', chunk => {
		process.stdout.write(chunk);
		buffer += chunk.toString('utf8');
	});
	const code = await new Promise(resolve => child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0))));
	rmSync(env.XDG_CACHE_HOME, {recursive: true, force: true});
	for (const match of buffer.matchAll(/^ℹ (tests|pass|fail|skipped|todo) (\d+)$/gm)) counts[match[1]] = Number(match[2]);

	console.log(`${counts.pass} passed, ${counts.fail} failed, ${counts.skipped} skipped`);
	if (counts.tests === 0) {
		console.error('test: no test was executed: failing on purpose');
		process.exit(1);
	}
	process.exit(code === 0 && counts.fail === 0 ? 0 : code || 1);
}
