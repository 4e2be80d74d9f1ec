// startWizard as the CLI calls it: its own streams, the demo simulator started in-process after the
// first frame, exit codes, and the terminal left as it was found (raw mode off, cursor shown).
import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {EventEmitter} from 'node:events';
import {act} from 'react';
import {demoPortFrom, startWizard} from '../../source/wizard/start.js';
import {DEMO_ROLE_IDS, startSimulator, type Simulator} from '../../source/simulator/index.js';
import {keys, stripAnsi, waitFor} from './helpers.js';

class FakeStdin extends EventEmitter {
	isTTY = true;
	rawModes: boolean[] = [];
	private data: string | null = null;
	write(data: string) {
		this.data = data;
		this.emit('readable');
	}

	read = () => {
		const {data} = this;
		this.data = null;
		return data;
	};

	setRawMode(mode: boolean) {
		this.rawModes.push(mode);
	}

	setEncoding() {}
	resume() {}
	pause() {}
	ref() {}
	unref() {}
}

class FakeStdout extends EventEmitter {
	isTTY = true;
	columns: number;
	rows = 40;
	output = '';
	constructor(columns: number) {
		super();
		this.columns = columns;
	}

	write = (chunk: string) => {
		this.output += chunk;
		return true;
	};

	/** The text after the last screen clear, roughly what a person sees. */
	screen() {
		return stripAnsi(this.output);
	}
}

async function press(stdin: FakeStdin, key: string) {
	await act(async () => {
		stdin.write(key);
	});
	await act(async () => {
		await new Promise(resolve => setTimeout(resolve, 20));
	});
}

/** Servers listening in this process (the simulator is one). */
function listeningServers(): number {
	return process.getActiveResourcesInfo().filter(name => name === 'TCPServerWrap').length;
}

async function until(stdout: FakeStdout, text: string, from = 0) {
	await waitFor(() => stdout.screen().slice(from).includes(text), {what: text, timeoutMs: 8000});
	return stdout.screen().length;
}

describe('startWizard', () => {
	test('--demo: the first frame is the key question, drawn before the simulator starts, which then starts without a key; the whole flow runs and the simulator is closed', async () => {
		const stdin = new FakeStdin();
		const stdout = new FakeStdout(80);
		const serversBefore = listeningServers();
		const running = startWizard({demo: true, stdin: stdin as never, stdout: stdout as never, stderr: new FakeStdout(80) as never, env: {}});
		// startWizard has not awaited anything yet: this is the frame render() wrote.
		assert.match(stdout.screen(), /Which Atlas credentials\?\n❯ Use the demo key demokeyq/);
		assert.match(stdout.screen(), /Demo: Atlas simulator; nothing leaves this machine\./, 'no address before the simulator listens');
		assert.equal(listeningServers(), serversBefore, 'no server listens yet');
		let mark = await until(stdout, 'Demo: Atlas simulator at http://127.0.0.1:');
		const baseUrl = /simulator at (http:\/\/127\.0\.0\.1:\d+);/.exec(stdout.screen())![1]!;
		// The address joins the banner without wrapping it at 80 columns: the screen does not shift.
		assert.match(stdout.screen(), /^Demo: Atlas simulator at http:\/\/127\.0\.0\.1:\d+; nothing leaves this machine\.$/m);
		await press(stdin, keys.enter);
		mark = await until(stdout, 'Which project? (3 found)', mark);
		await press(stdin, keys.enter);
		mark = await until(stdout, 'Authorized roles:', mark);
		await press(stdin, keys.down);
		await press(stdin, keys.enter);
		mark = await until(stdout, 'acme-atlas-snapshots, acme-atlas-snapshots-eu', mark);
		for (const char of 'acme-atlas-snapshots-eu') await press(stdin, char);
		await press(stdin, keys.enter);
		mark = await until(stdout, 'Register this export bucket?', mark);
		assert.match(stdout.screen().slice(mark - 2000), new RegExp(DEMO_ROLE_IDS.productionArchive));
		assert.ok(stdout.screen().slice(mark - 2000).includes(`POST ${baseUrl}/api/atlas/v2/groups/`), 'the preview goes to the simulator');
		await press(stdin, keys.enter);
		mark = await until(stdout, 'Export bucket registered.', mark);
		await press(stdin, keys.enter);
		const code = await running;
		assert.equal(code, 0);
		assert.equal(stdin.rawModes.at(-1), false, 'raw mode is off at the end');
		assert.ok(stdout.output.lastIndexOf('\u001B[?25h') > stdout.output.lastIndexOf('\u001B[?25l'), 'the cursor is shown again');
		assert.ok(!stdout.output.includes('7c1d9e2a-4b3f-4e8a-9d6c-2f5b8a1e0c47'), 'the demo private key is never shown');
		await assert.rejects(fetch(baseUrl), 'the simulator is closed');
	});

	test('io.onFirstFrame runs once, when the first frame is on screen and before the demo simulator starts', async () => {
		const stdin = new FakeStdin();
		const stdout = new FakeStdout(80);
		const calls: Array<{screen: string; simulatorStarted: boolean}> = [];
		let simulatorStarted = false;
		const running = startWizard({
			demo: true, stdin: stdin as never, stdout: stdout as never, stderr: new FakeStdout(80) as never, env: {},
			io: {onFirstFrame: () => calls.push({screen: stdout.screen(), simulatorStarted})},
			async startSimulator(options) {
				simulatorStarted = true;
				return startSimulator(options);
			},
		});
		await waitFor(() => simulatorStarted, {what: 'the simulator start'});
		assert.equal(calls.length, 1);
		assert.match(calls[0]!.screen, /Which Atlas credentials\?\n❯ Use the demo key demokeyq/);
		assert.equal(calls[0]!.simulatorStarted, false);
		await until(stdout, 'Demo: Atlas simulator at http://127.0.0.1:');
		await act(async () => {
			stdin.write(keys.ctrlC);
		});
		assert.equal(await running, 130);
		assert.equal(calls.length, 1, 'once per run');
	});

	test('--demo: Ctrl-C while the simulator is still starting exits 130, and the simulator is closed once it is up', async () => {
		const stdin = new FakeStdin();
		const stdout = new FakeStdout(80);
		let release!: () => void;
		const gate = new Promise<void>(resolve => {
			release = resolve;
		});
		let starting = false;
		let simulator: Simulator | undefined;
		const running = startWizard({
			demo: true, stdin: stdin as never, stdout: stdout as never, stderr: new FakeStdout(80) as never, env: {},
			async startSimulator(options) {
				starting = true;
				await gate;
				simulator = await startSimulator(options);
				return simulator;
			},
		});
		assert.equal(starting, false, 'the start waits for the first frame to be out');
		await waitFor(() => starting, {what: 'the simulator start began without a key'});
		await act(async () => {
			stdin.write(keys.ctrlC);
		});
		release();
		assert.equal(await running, 130);
		assert.equal(stdin.rawModes.at(-1), false);
		assert.ok(simulator, 'the start went on');
		await assert.rejects(fetch(simulator.baseUrl), 'the simulator is closed');
	});

	test('--demo: a simulator that cannot start is reported by the step that waited for it, without a stack trace', async () => {
		const stdin = new FakeStdin();
		const stdout = new FakeStdout(120);
		const running = startWizard({
			demo: true, stdin: stdin as never, stdout: stdout as never, stderr: new FakeStdout(120) as never, env: {},
			async startSimulator() {
				throw new Error('listen EADDRNOTAVAIL: address not available 127.0.0.1');
			},
		});
		const mark = await until(stdout, 'Use the demo key demokeyq');
		await press(stdin, keys.enter);
		await until(stdout, '✖ The built-in Atlas simulator could not start: listen EADDRNOTAVAIL: address not available 127.0.0.1', mark);
		const screen = stdout.screen();
		const lastFrame = screen.slice(screen.lastIndexOf('atlas-export-bucket · step'));
		assert.match(lastFrame, /✖ The built-in Atlas simulator could not start: .*\n→ Nothing left this machine\. The demo needs to listen on 127\.0\.0\.1/);
		assert.match(lastFrame, /Demo: Atlas simulator; nothing leaves this machine\./, 'no address for a simulator that never listened');
		assert.match(lastFrame, /Which Atlas credentials\?/, 'the key step shows it');
		assert.doesNotMatch(stdout.screen(), /^\s+at /m, 'no stack trace');
		assert.doesNotMatch(stdout.screen(), /Stored profiles could not be read/, 'the demo has no stored profiles to fail on');
		await press(stdin, keys.ctrlC);
		assert.equal(await running, 130);
	});

	test('Ctrl-C exits with 130 and restores the terminal', async () => {
		const stdin = new FakeStdin();
		const stdout = new FakeStdout(40);
		const running = startWizard({stdin: stdin as never, stdout: stdout as never, stderr: new FakeStdout(40) as never, env: {}, profilesDir: '/nonexistent/wizard-test-profiles', keychain: async () => ({available: false, reason: 'test'})});
		await until(stdout, 'Which Atlas credentials?');
		await press(stdin, keys.ctrlC);
		assert.equal(await running, 130);
		assert.equal(stdin.rawModes.at(-1), false);
		assert.ok(stdout.output.lastIndexOf('\u001B[?25h') > stdout.output.lastIndexOf('\u001B[?25l'));
	});

	test('a cancel signal from the CLI (SIGINT handler) exits with 130 too', async () => {
		const stdin = new FakeStdin();
		const stdout = new FakeStdout(80);
		const controller = new AbortController();
		const running = startWizard({io: {stdin: stdin as never, stdout: stdout as never, stderr: new FakeStdout(80) as never, env: {}, signal: controller.signal}, profilesDir: '/nonexistent/wizard-test-profiles', keychain: async () => ({available: false, reason: 'test'})});
		await until(stdout, 'Which Atlas credentials?');
		await act(async () => {
			controller.abort();
		});
		assert.equal(await running, 130);
	});
});

describe('ATLAS_EXPORT_BUCKET_DEMO_PORT', () => {
	test('a port number from 1 to 65535, anything else named in the error; unset or empty is any free port', () => {
		assert.equal(demoPortFrom({}), undefined);
		assert.equal(demoPortFrom({ATLAS_EXPORT_BUCKET_DEMO_PORT: ' '}), undefined);
		assert.equal(demoPortFrom({ATLAS_EXPORT_BUCKET_DEMO_PORT: '47017'}), 47_017);
		for (const bad of ['0', '65536', '80x', '-1', '1e3']) {
			assert.throws(() => demoPortFrom({ATLAS_EXPORT_BUCKET_DEMO_PORT: bad}), new RegExp(`from 1 to 65535, not "${bad}"`));
		}
	});

	test('--demo starts its simulator on that port', async () => {
		const stdin = new FakeStdin();
		const stdout = new FakeStdout(80);
		let port: number | undefined;
		const running = startWizard({
			demo: true, stdin: stdin as never, stdout: stdout as never, stderr: new FakeStdout(80) as never, env: {ATLAS_EXPORT_BUCKET_DEMO_PORT: '47017'},
			async startSimulator(options) {
				port = options.port;
				return startSimulator({...options, port: 0});
			},
		});
		await until(stdout, 'Demo: Atlas simulator at http://127.0.0.1:');
		assert.equal(port, 47_017);
		await act(async () => {
			stdin.write(keys.ctrlC);
		});
		assert.equal(await running, 130);
	});
});
