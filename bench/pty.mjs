// A real pseudo-terminal for the benchmarks, from util-linux `script` (in every Debian/Ubuntu base
// system): `script -qfec CMD /dev/null` runs CMD on a fresh pty, copies our pipe to its input and its
// output to our pipe. The command sets the window size first (`stty`), so the reference and the CLI
// pay exactly the same harness cost. Everything is bounded by timeouts.
import {spawn, spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';

const ANSI = /\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007]*\u0007|[@-Z\\-_])/g;

export function stripAnsi(text) {
	return text.replace(ANSI, '').replaceAll('\r', '');
}

export function hasScript() {
	return spawnSync('script', ['--version'], {stdio: 'ignore'}).status === 0;
}

const quote = value => `'${String(value).replaceAll("'", `'\\''`)}'`;

/**
 * Starts `argv` in a 100x30 pty. Returns helpers to wait for text, type keys, read the node
 * process's peak RSS (VmHWM) and wait for the exit.
 */
export function openPty(argv, {env = process.env, columns = 100, rows = 30, cwd} = {}) {
	const command = `stty cols ${columns} rows ${rows} 2>/dev/null; exec ${argv.map(quote).join(' ')}`;
	const started = performance.now();
	const child = spawn('script', ['-qfec', command, '/dev/null'], {env: {...env, SHELL: '/bin/sh'}, stdio: ['pipe', 'pipe', 'pipe'], cwd});
	let raw = '';
	let text = '';
	const waiters = new Set();
	const check = () => {
		for (const waiter of waiters) {
			for (const marker of waiter.markers) {
				const at = text.indexOf(marker, waiter.from);
				if (at === -1) continue;
				waiters.delete(waiter);
				clearTimeout(waiter.timer);
				waiter.resolve({at: performance.now(), index: at + marker.length, marker});
				break;
			}
		}
	};

	child.stdout.setEncoding('utf8');
	child.stdout.on('data', chunk => {
		raw += chunk;
		text = stripAnsi(raw);
		check();
	});
	child.stderr.resume();
	const exited = new Promise(resolve => {
		child.on('close', code => resolve({code, at: performance.now()}));
	});
	let peakKb = 0;
	let pid;
	const sample = () => {
		pid ??= findNodePid(child.pid);
		if (pid === undefined) return;
		try {
			const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
			if (match) peakKb = Math.max(peakKb, Number(match[1]));
		} catch {}
	};

	return {
		started,
		child,
		get text() {
			return text;
		},
		/** Resolves when `marker` (or one of several) appears after text index `from`; rejects after timeoutMs. */
		waitFor(marker, {from = 0, timeoutMs = 10_000} = {}) {
			const markers = Array.isArray(marker) ? marker : [marker];
			return new Promise((resolve, reject) => {
				const waiter = {markers, from, resolve, timer: setTimeout(() => {
					waiters.delete(waiter);
					reject(new Error(`timed out after ${timeoutMs} ms waiting for ${JSON.stringify(marker)}; screen text:\n${text.slice(-1500)}`));
				}, timeoutMs)};
				waiters.add(waiter);
				check();
			});
		},
		type(keys) {
			child.stdin.write(keys);
			return performance.now();
		},
		/**
		 * Types `keys` until `expected` shows after `from` (at most `attempts` times, retryMs apart):
		 * Ink drops a key that arrives while a component re-subscribes to input. Returns when the first
		 * attempt was sent, the wait result and how many attempts it took.
		 */
		async press(keys, expected, {from = 0, attempts = 3, retryMs = 1000} = {}) {
			const sent = performance.now();
			for (let attempt = 1; ; attempt++) {
				child.stdin.write(keys);
				try {
					return {sent, attempts: attempt, ...(await this.waitFor(expected, {from, timeoutMs: attempt < attempts ? retryMs : 10_000}))};
				} catch (error) {
					if (attempt >= attempts) throw error;
				}
			}
		},
		/** Samples VmHWM of the node process (the pty's child) every intervalMs until stopped. */
		sampleMemory(intervalMs = 10) {
			sample();
			const timer = setInterval(sample, intervalMs);
			return () => {
				clearInterval(timer);
				sample();
				return peakKb;
			};
		},
		async exit(timeoutMs = 10_000) {
			const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
			const result = await exited;
			clearTimeout(timer);
			return result;
		},
		kill() {
			if (child.exitCode === null) child.kill('SIGKILL');
		},
	};
}

// `script` forks the command (sh, which execs node): the node process is script's child.
function findNodePid(scriptPid) {
	try {
		const children = readFileSync(`/proc/${scriptPid}/task/${scriptPid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
		for (const pid of children) {
			if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'node') return pid;
		}
	} catch {}
	return undefined;
}
