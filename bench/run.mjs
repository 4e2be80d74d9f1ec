#!/usr/bin/env node
// `npm run bench`: the figures of issue 5, each with a reference measured in the same run on this
// machine. Loopback only (except the install size: the packed tarball installed from the npm
// registry into a temporary prefix), bounded loops. Prints a table, saves bench/results/latest.json
// (git-ignored) and rewrites the "Latest figures" section of bench/README.md (--no-readme: print it
// only). Needs the built CLI (the npm script builds it first), util-linux `script` and tsx (for the
// simulator that the request and latency figures are counted on). Method: bench/README.md.
//
//   node --import tsx bench/run.mjs [--runs N] [--skip-tests] [--no-readme] [--only-size]
//   (--only-size: only the install size, which needs no quiet machine; prints, never writes the README)
//   node --import tsx bench/run.mjs --only per-run-requests   # only the command runs of both credential kinds (no timing)
//   node --import tsx bench/run.mjs --only startup            # only the first-frame figures (needs a quiet machine)
import {spawn} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {hasScript, openPty} from './pty.mjs';
import {installSize} from './size.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist', 'cli.js');
const args = process.argv.slice(2);
const option = (name, fallback) => {
	const at = args.indexOf(name);
	return at === -1 ? fallback : Number(args[at + 1]);
};

const runs = Math.min(Math.max(option('--runs', 11), 3), 50);
const walks = Math.min(Math.max(option('--walks', 5), 1), 20);
const skipTests = args.includes('--skip-tests');
const onlySize = args.includes('--only-size');
const writeReadme = !args.includes('--no-readme') && !onlySize;
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;

if (!hasScript()) {
	console.error('bench: util-linux `script` is missing (apt-get install bsdutils): no pseudo-terminal, nothing measured.');
	process.exit(1);
}

const median = values => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const ms = value => `${value.toFixed(0)} ms`;
const mb = kb => `${(kb / 1024).toFixed(1)} MB`;

// A clean environment: a private HOME (no profiles), no D-Bus session (the keychain reports itself
// unavailable and the wizard goes on), no CI, a colour terminal.
const home = mkdtempSync(path.join(tmpdir(), 'aeb-bench-'));
const baseEnv = {PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), TERM: 'xterm-256color', LANG: process.env.LANG ?? 'C.UTF-8'};

const results = [];
const record = (figure, value, reference, target, pass, note = '') => {
	results.push({figure, value, reference, target, pass, note});
	console.log(`  ${figure}: ${value} (reference ${reference}; ${target}) ${pass === undefined ? '' : pass ? 'PASS' : 'FAIL'}${note ? ` - ${note}` : ''}`);
};

// 1. First interactive frame of --demo in a pty vs `node -e 0` in the same pty harness.
async function timeToExit(argv) {
	const pty = openPty(argv, {env: baseEnv});
	const {at} = await pty.exit();
	return at - pty.started;
}

async function firstFrame({earlyKey = false, env = baseEnv} = {}) {
	const pty = openPty([process.execPath, cli, '--demo'], {env});
	try {
		// A key typed before anything is on screen: the wizard must not lose it.
		if (earlyKey) pty.type('\u001B[B');
		const frame = await pty.waitFor('Which Atlas credentials?');
		await pty.waitFor('Enter a key pair', {from: frame.index});
		const frameMs = performance.now() - pty.started;
		let keyMs;
		let keyRetries = 0;
		let earlyKeyKept;
		if (earlyKey) {
			earlyKeyKept = await pty.waitFor('❯ Use the demo service account', {timeoutMs: 1500}).then(() => true, () => false);
		} else {
			const answer = await pty.press('\u001B[B', '❯ Use the demo service account', {from: frame.index});
			keyMs = answer.at - answer.sent;
			keyRetries = answer.attempts - 1;
		}

		pty.type('\u0003');
		const {code} = await pty.exit();
		if (code !== 130) throw new Error(`Ctrl-C should exit 130, got ${code}`);
		return {frameMs, keyMs, keyRetries, earlyKeyKept};
	} finally {
		pty.kill();
	}
}

// The floor: a bundled, minified Ink hello world with one text input (stock Ink).
async function buildFloor() {
	const {build} = await import('esbuild');
	const outfile = path.join(root, 'bench', 'results', 'floor', 'hello.js');
	await build({
		entryPoints: [path.join(root, 'bench', 'floor', 'hello.mjs')],
		outfile,
		bundle: true,
		format: 'esm',
		platform: 'node',
		target: 'node20',
		minify: true,
		alias: {'react-devtools-core': path.join(root, 'source', 'bundle', 'empty-module.ts')},
		define: {'process.env.NODE_ENV': '"production"'},
		banner: {js: "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);"},
		logLevel: 'warning',
	});
	return outfile;
}

async function floorFrame(file) {
	const pty = openPty([process.execPath, file], {env: baseEnv});
	try {
		await pty.waitFor('Your name:');
		const frameMs = performance.now() - pty.started;
		pty.type('\u0003');
		await pty.exit();
		return frameMs;
	} finally {
		pty.kill();
	}
}

async function benchStartup() {
	console.log(`1. first interactive frame, ${runs} runs each, interleaved`);
	// Warm the file cache first: every run then reads from memory. The first run also writes the CLI's
	// code cache (into the private HOME), as any first start does; the "first start" runs below
	// disable it instead, to show what a start without it costs.
	await timeToExit([process.execPath, '-e', '0']);
	await firstFrame();
	const noCodeCache = {...baseEnv, NODE_DISABLE_COMPILE_CACHE: '1'};
	const floorFile = await buildFloor();
	await floorFrame(floorFile);
	const floor = [];
	const reference = [];
	const harness = [];
	const frames = [];
	const coldFrames = [];
	const keys = [];
	let lostKeys = 0;
	for (let run = 0; run < runs; run++) {
		reference.push(await timeToExit([process.execPath, '-e', '0']));
		harness.push(await timeToExit(['true']));
		floor.push(await floorFrame(floorFile));
		coldFrames.push((await firstFrame({env: noCodeCache})).frameMs);
		const {frameMs, keyMs, keyRetries} = await firstFrame();
		frames.push(frameMs);
		keys.push(keyMs);
		lostKeys += keyRetries;
	}

	const early = await firstFrame({earlyKey: true});
	const ratio = median(frames) / median(reference);
	record('first interactive frame (median)', ms(median(frames)), `node -e 0 ${ms(median(reference))}`, `${ratio.toFixed(2)}x, target <= 2x`, ratio <= 2,
		`harness alone (true) ${ms(median(harness))}; floor, a bundled stock-Ink hello world with one text input: ${ms(median(floor))} (${(median(floor) / median(reference)).toFixed(2)}x); first key answered in ${ms(median(keys))} (${lostKeys} of ${runs} first keys had to be retyped); a key typed at launch ${early.earlyKeyKept ? 'kept' : 'LOST'}`);
	record('first interactive frame, first start (median)', ms(median(coldFrames)), `node -e 0 ${ms(median(reference))}`, `${(median(coldFrames) / median(reference)).toFixed(2)}x, reported`, undefined,
		'no code cache yet (NODE_DISABLE_COMPILE_CACHE=1), as on the very first start after an install or upgrade');
	return {frames, coldFrames, reference, harness, floor, keys, lostKeys, earlyKeyKept: early.earlyKeyKept};
}

// The whole wizard through the pty: the demo (in-process simulator), or against a simulator in this
// process (its log gives the requests and the simulator's own handling time).
async function walk(pty, {demo}) {
	let retries = 0;
	const press = async (keys, expected, from) => {
		// A person's pace: a key sent within a few ms of a re-render can meet a stale input handler.
		await new Promise(resolve => setTimeout(resolve, 100));
		const result = await pty.press(keys, expected, {from});
		retries += result.attempts - 1;
		return result;
	};

	let mark = 0;
	if (demo) {
		mark = (await pty.waitFor('Which Atlas credentials?', {timeoutMs: 15_000})).index;
		await pty.waitFor('Use the demo key', {from: mark});
		mark = (await press('\r', 'step 2 of 5', mark)).index;
	}

	// With keys in the environment the wizard checks them at once, without a question.
	mark = (await pty.waitFor('Which project? (3 found)', {from: mark, timeoutMs: 15_000})).index;
	await pty.waitFor('Esc to go back', {from: mark});
	mark = (await press('\r', 'step 3 of 5', mark)).index;
	mark = (await pty.waitFor('Authorized roles:', {from: mark})).index;
	await pty.waitFor('Esc to go back', {from: mark});
	mark = (await press('\u001B[B', '❯', mark)).index;
	mark = (await press('\r', 'step 4 of 5', mark)).index;
	// The step lists the buckets already registered (to flag a duplicate before sending): type after.
	mark = (await pty.waitFor('Already registered here', {from: mark})).index;
	await pty.waitFor('Esc to go back', {from: mark});
	mark = (await press('acme-atlas-snapshots-eu', 'acme-atlas-snapshots-eu', mark)).index;
	mark = (await press('\r', 'Register this export bucket?', mark)).index;
	// The summary is complete once the exact request is shown.
	await pty.waitFor('"iamRoleId"', {from: mark});
	mark = (await pty.waitFor('Esc to go back', {from: mark})).index;
	const created = await press('\r', ['Registering the export bucket', 'Export bucket registered.'], mark);
	const result = await pty.waitFor('Export bucket registered.', {from: mark});
	// The result screen ends with what to do next (export a snapshot, automatic export, Done): Enter
	// on its default, Done, exits.
	await pty.waitFor('❯ Done', {from: result.index});
	return {confirmed: created.sent, resultAt: result.at, retries};
}

async function benchDemoMemory() {
	console.log(`3. peak RSS of a whole --demo wizard run, ${walks} runs`);
	const peaks = [];
	for (let run = 0; run < walks; run++) {
		const pty = openPty([process.execPath, cli, '--demo'], {env: baseEnv});
		try {
			const stop = pty.sampleMemory();
			await walk(pty, {demo: true});
			const peak = stop();
			pty.type('\r');
			const {code} = await pty.exit();
			if (code !== 0) throw new Error(`the demo should exit 0, got ${code}`);
			peaks.push(peak);
		} finally {
			pty.kill();
		}
	}

	// Reference: an idle node process in the same harness.
	const idle = openPty([process.execPath, '-e', 'setTimeout(() => {}, 300)'], {env: baseEnv});
	const stop = idle.sampleMemory(5);
	await idle.exit();
	const idleKb = stop();
	const peak = Math.max(...peaks);
	record('peak RSS, whole demo run (max of runs)', mb(peak), `idle node ${mb(idleKb)}`, `${(peak / idleKb).toFixed(2)}x idle node, target <= 70 MB`, peak <= 70 * 1024);
	return {peaksKb: peaks, idleKb};
}

async function benchRequests() {
	console.log(`2 and 4. requests and confirm-to-result time against a simulator on loopback, ${walks} runs`);
	const {startSimulator} = await import('../source/simulator/index.js');
	const counts = [];
	const overheads = [];
	const handlings = [];
	const elapsed = [];
	let retyped = 0;
	for (let run = 0; run < walks; run++) {
		const simulator = await startSimulator();
		const pty = openPty([process.execPath, cli, '--base-url', simulator.baseUrl], {
			env: {...baseEnv, MONGODB_ATLAS_PUBLIC_API_KEY: simulator.keys.publicKey, MONGODB_ATLAS_PRIVATE_API_KEY: simulator.keys.privateKey},
		});
		try {
			const {confirmed, resultAt, retries} = await walk(pty, {demo: false});
			retyped += retries;
			pty.type('\r');
			const {code} = await pty.exit();
			if (code !== 0) throw new Error(`the wizard should exit 0, got ${code}`);
			const log = [...simulator.log];
			const authenticated = log.filter(entry => entry.authenticated);
			const challenges = log.filter(entry => !entry.authenticated);
			const bodies = log.filter(entry => entry.body !== undefined).map(entry => `${entry.method} ${entry.path} ${entry.body}`);
			const creates = authenticated.filter(entry => entry.method === 'POST' && entry.path.endsWith('/backup/exportBuckets'));
			counts.push({
				requests: log.length,
				apiCalls: authenticated.length,
				challenges: challenges.length,
				bodiesSentTwice: bodies.length - new Set(bodies).size,
				creates: creates.length,
				calls: log.map(entry => `${entry.authenticated ? '' : '(401) '}${entry.method} ${entry.path}`),
			});
			const handlingMs = creates.reduce((sum, entry) => sum + entry.handlingMs, 0);
			handlings.push(handlingMs);
			elapsed.push(resultAt - confirmed);
			overheads.push(resultAt - confirmed - handlingMs);
		} finally {
			pty.kill();
			await simulator.close();
		}
	}

	const worst = counts.reduce((a, b) => (b.requests - b.apiCalls > a.requests - a.apiCalls ? b : a));
	const okRequests = counts.every(count => count.requests === count.apiCalls + 1 && count.bodiesSentTwice === 0 && count.creates === 1);
	record('HTTP requests, whole wizard run', `${worst.requests} requests (${worst.challenges} Digest challenge)`, `${worst.apiCalls} API calls`, `target = API calls + 1, no body sent twice (${worst.bodiesSentTwice} sent twice)`, okRequests);
	const overhead = median(overheads);
	record('confirm -> result screen (median)', ms(median(elapsed)), `simulator handling ${median(handlings).toFixed(1)} ms`, `${overhead.toFixed(1)} ms above it, target <= 50 ms`, overhead <= 50,
		`from the Enter on Create to "Export bucket registered." on the pty, minus the create request's handlingMs; keys retyped during ${walks} walks: ${retyped}`);
	return {counts, overheads, handlings, elapsed};
}

// 2b. Requests per command run, for both kinds of credential: an API key pays one Digest challenge per
// run; a service account one token request per run at most (none when the keychain holds a token:
// the bench environment has no D-Bus session, so no keychain and every run asks for its token).
const COMMAND_RUNS = [
	['projects', '--json'],
	['list', '--project-id', '6650a1f2c3d4e5f6a7b8c9d0', '--json'],
	['roles', '--project-id', '6650a1f2c3d4e5f6a7b8c9d0', '--json'],
	['describe', '--project-id', '6650a1f2c3d4e5f6a7b8c9d0', '--bucket-id', '6650c3f4a5b6c7d8e9f0a1b2', '--json'],
];

function runCli(argv, env) {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [cli, ...argv], {env, stdio: ['ignore', 'ignore', 'pipe']});
		let stderr = '';
		child.stderr.on('data', chunk => {
			stderr += chunk;
		});
		child.on('error', reject);
		child.on('close', code => (code === 0 ? resolve() : reject(new Error(`${argv.join(' ')} exited ${code}: ${stderr}`))));
	});
}

async function benchRequestsPerRun() {
	console.log(`2b. HTTP requests per command run, API key and service account (${COMMAND_RUNS.length} commands each)`);
	const {startSimulator} = await import('../source/simulator/index.js');
	const perKind = {};
	for (const kind of ['apiKey', 'serviceAccount']) {
		const simulator = await startSimulator();
		const credentials = kind === 'apiKey'
			? {MONGODB_ATLAS_PUBLIC_API_KEY: simulator.keys.publicKey, MONGODB_ATLAS_PRIVATE_API_KEY: simulator.keys.privateKey}
			: {MONGODB_ATLAS_CLIENT_ID: simulator.serviceAccount.clientId, MONGODB_ATLAS_CLIENT_SECRET: simulator.serviceAccount.clientSecret};
		const rows = [];
		try {
			for (const argv of COMMAND_RUNS) {
				simulator.controls.clearLog();
				await runCli(argv, {...baseEnv, ...credentials, MONGODB_ATLAS_OPS_MANAGER_URL: simulator.baseUrl});
				const log = [...simulator.log];
				const apiCalls = log.filter(entry => entry.authenticated).length;
				const tokenRequests = log.filter(entry => entry.path === '/api/oauth/token').length;
				const challenges = log.filter(entry => !entry.authenticated && entry.path.startsWith('/api/atlas/')).length;
				rows.push({command: argv[0], requests: log.length, apiCalls, tokenRequests, challenges});
			}
		} finally {
			await simulator.close();
		}
		perKind[kind] = rows;
		const extra = kind === 'apiKey' ? 'Digest challenge' : 'token request';
		const overhead = rows.map(row => row.requests - row.apiCalls);
		const pass = rows.every(row => row.requests - row.apiCalls <= 1) && (kind === 'apiKey' || rows.every(row => row.challenges === 0));
		record(
			`HTTP requests per command run, ${kind === 'apiKey' ? 'API key' : 'service account'}`,
			rows.map(row => `${row.command} ${row.requests}`).join(', '),
			`API calls ${rows.map(row => row.apiCalls).join(', ')}`,
			`target <= API calls + 1 ${extra} (extra: ${overhead.join(', ')})`,
			pass,
		);
	}
	return perKind;
}

async function benchTests() {
	if (skipTests) return undefined;
	console.log('5. whole test suite (npm test: typecheck, build, every test)');
	const started = performance.now();
	const output = await new Promise((resolve, reject) => {
		const child = spawn('npm', ['test'], {cwd: root, stdio: ['ignore', 'pipe', 'pipe']});
		let text = '';
		child.stdout.on('data', chunk => {
			text += chunk;
		});
		child.stderr.on('data', chunk => {
			text += chunk;
		});
		const timer = setTimeout(() => child.kill('SIGKILL'), 10 * 60_000);
		child.on('close', code => {
			clearTimeout(timer);
			if (code === 0) resolve(text);
			else reject(new Error(`npm test failed (${code}):\n${text.slice(-3000)}`));
		});
	});
	const seconds = (performance.now() - started) / 1000;
	const summary = output.trim().split('\n').at(-1);
	record('npm test wall time', `${seconds.toFixed(1)} s`, `${summary}, ${(await import('node:os')).availableParallelism()} cores`, 'target < 120 s', seconds < 120);
	return {seconds, summary};
}

if (only === 'startup') {
	await benchStartup();
	rmSync(home, {recursive: true, force: true});
	process.exit(results.every(entry => entry.pass !== false) ? 0 : 1);
}

if (only === 'per-run-requests') {
	const perRun = await benchRequestsPerRun();
	rmSync(home, {recursive: true, force: true});
	console.log(JSON.stringify(perRun, null, '\t'));
	process.exit(results.every(entry => entry.pass !== false) ? 0 : 1);
}

const startup = onlySize ? undefined : await benchStartup();
const requests = onlySize ? undefined : await benchRequests();
const perRunRequests = onlySize ? undefined : await benchRequestsPerRun();
const memory = onlySize ? undefined : await benchDemoMemory();
console.log('4. production install of the packed tarball (npm pack, npm install --omit=dev from the registry)');
const sizes = await installSize(root);
record('production install of the packed tarball (with keytar)', `${sizes.packages} packages, ${mb(sizes.totalKb)}`, `dist/ ${mb(sizes.distKb)}`, 'target <= 4 MB', sizes.totalKb <= 4 * 1024 && sizes.keytar,
	`largest: ${sizes.largest.map(entry => `${entry.name} ${mb(entry.kb)}`).join(', ')}; keytar ${sizes.keytar ? 'built' : 'MISSING'}; the tarball holds ${sizes.tarball.join(', ')}`);
const tests = onlySize ? undefined : await benchTests();
rmSync(home, {recursive: true, force: true});

const table = [
	'| Figure | Measured | Reference (same run) | Ratio / target | Result |',
	'| --- | --- | --- | --- | --- |',
	...results.map(entry => `| ${entry.figure} | ${entry.value} | ${entry.reference} | ${entry.target} | ${entry.pass === undefined ? 'reported' : entry.pass ? 'pass' : 'FAIL'} |`),
];
const notes = results.filter(entry => entry.note).map(entry => `- ${entry.figure}: ${entry.note}.`);
const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? 'unknown CPU';
const section = [
	`Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${(await import('node:os')).availableParallelism()} cores (${cpu}), Node ${process.versions.node}, ${runs} start-up runs, ${walks} whole-wizard runs.`,
	'',
	...table,
	'',
	...notes,
	...(requests ? [`- Requests of one run: ${requests.counts[0].calls.join(', ')}.`] : []),
].join('\n');

console.log(`\n${table.join('\n')}\n`);
mkdirSync(path.join(root, 'bench', 'results'), {recursive: true});
writeFileSync(path.join(root, 'bench', 'results', 'latest.json'), `${JSON.stringify({when: new Date().toISOString(), node: process.versions.node, results, startup, requests, perRunRequests, memory, sizes, tests}, null, '\t')}\n`);

const readmePath = path.join(root, 'bench', 'README.md');
const begin = '<!-- latest-figures:start -->';
const end = '<!-- latest-figures:end -->';
const readme = readFileSync(readmePath, 'utf8');
if (writeReadme && readme.includes(begin) && readme.includes(end)) {
	writeFileSync(readmePath, `${readme.slice(0, readme.indexOf(begin) + begin.length)}\n${section}\n${readme.slice(readme.indexOf(end))}`);
	console.log('bench/README.md: "Latest figures" updated.');
} else {
	console.log(`Latest figures (paste into bench/README.md):\n\n${section}\n`);
}

process.exitCode = results.every(entry => entry.pass !== false) ? 0 : 1;
