import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {once} from 'node:events';
import path from 'node:path';
import {PassThrough} from 'node:stream';
import {describe, test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {DEMO_KEYS, DEMO_PROJECTS, DEMO_SERVICE_ACCOUNT, runSimulatorCommand} from '../../source/simulator/index.js';
import {authorization, DigestClient} from './digest-helper.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
	return new Promise((resolve, reject) => {
		let buffer = '';
		const onData = (chunk: Buffer | string) => {
			buffer += chunk.toString();
			const end = buffer.indexOf('\n');
			if (end !== -1) {
				stream.off('data', onData);
				resolve(buffer.slice(0, end));
			}
		};
		stream.on('data', onData);
		stream.once('end', () => reject(new Error(`stream ended before a line: ${buffer}`)));
	});
}

describe('simulator command', () => {
	test('--json prints exactly one JSON line with the base URL, demo keys, demo service account and projects, and serves until stopped', async () => {
		const stdout = new PassThrough();
		const chunks: string[] = [];
		stdout.on('data', chunk => chunks.push(chunk.toString()));
		const controller = new AbortController();
		const running = runSimulatorCommand({json: true, stdout, signal: controller.signal});
		const line = JSON.parse(await firstLine(stdout));
		assert.deepEqual(Object.keys(line), ['baseUrl', 'publicKey', 'privateKey', 'clientId', 'clientSecret', 'projects']);
		assert.equal(line.clientId, DEMO_SERVICE_ACCOUNT.clientId);
		assert.equal(line.clientSecret, DEMO_SERVICE_ACCOUNT.clientSecret);
		assert.match(line.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
		assert.equal(line.publicKey, DEMO_KEYS.publicKey);
		assert.equal(line.privateKey, DEMO_KEYS.privateKey);
		assert.deepEqual(line.projects[0], {id: DEMO_PROJECTS.production.id, name: DEMO_PROJECTS.production.name});

		const client = new DigestClient(line.baseUrl, line);
		assert.equal((await client.send('/api/atlas/v2/groups')).status, 200);

		controller.abort();
		await running;
		assert.equal(chunks.join('').split('\n').filter(Boolean).length, 1);
		await assert.rejects(fetch(`${line.baseUrl}/api/atlas/v2`), 'the server is closed after stopping');
	});

	test('without --json it prints human lines with the URL and the demo key pair, on the chosen host and port', async () => {
		const stdout = new PassThrough();
		let text = '';
		stdout.on('data', chunk => {
			text += chunk.toString();
		});
		const controller = new AbortController();
		const running = runSimulatorCommand({stdout, signal: controller.signal, host: '127.0.0.1', port: 0});
		await firstLine(stdout);
		await new Promise(resolve => setImmediate(resolve));
		controller.abort();
		await running;
		assert.match(text, /listening on http:\/\/127\.0\.0\.1:\d+/);
		assert.ok(text.includes(DEMO_KEYS.publicKey));
		assert.ok(text.includes(DEMO_KEYS.privateKey));
		assert.ok(text.includes(`export MONGODB_ATLAS_CLIENT_ID=${DEMO_SERVICE_ACCOUNT.clientId}`));
		assert.ok(text.includes(`export MONGODB_ATLAS_CLIENT_SECRET=${DEMO_SERVICE_ACCOUNT.clientSecret}`));
		assert.ok(text.includes('Demo Production'));
		const url = /listening on (\S+)/.exec(text)?.[1];
		assert.ok(text.includes(`export MONGODB_ATLAS_OPS_MANAGER_URL=${url}\n`));
		assert.ok(text.includes(`export MONGODB_ATLAS_PROJECT_ID=${DEMO_PROJECTS.production.id}\n`));
	});

	test('nonceTtlMs and iamPropagationDelayMs reach the simulator', async () => {
		const stdout = new PassThrough();
		const controller = new AbortController();
		const running = runSimulatorCommand({json: true, stdout, signal: controller.signal, nonceTtlMs: 1});
		const line = JSON.parse(await firstLine(stdout));
		const first = await fetch(`${line.baseUrl}/api/atlas/v2`);
		await first.arrayBuffer();
		const nonce = /nonce="([^"]+)"/.exec(first.headers.get('www-authenticate') ?? '')?.[1] ?? '';
		await new Promise(resolve => setTimeout(resolve, 10));
		const second = await fetch(`${line.baseUrl}/api/atlas/v2`, {
			headers: {accept: 'application/vnd.atlas.2023-01-01+json', authorization: authorization({...DEMO_KEYS, method: 'GET', uri: '/api/atlas/v2', nonce, nc: 1})},
		});
		assert.match(second.headers.get('www-authenticate') ?? '', /stale=true/);
		controller.abort();
		await running;
	});

	test('a port already in use is a clear error, not a stack trace', async () => {
		const stdout = new PassThrough();
		const controller = new AbortController();
		const running = runSimulatorCommand({json: true, stdout, signal: controller.signal});
		const {baseUrl} = JSON.parse(await firstLine(stdout));
		const port = Number(new URL(baseUrl).port);
		await assert.rejects(runSimulatorCommand({json: true, port, stdout: new PassThrough()}), {
			message: `The simulator cannot listen on 127.0.0.1:${port}: the port is already in use. Choose another with --port, or 0 for a free one.`,
		});
		controller.abort();
		await running;
	});

	test('as a process it stops cleanly on SIGINT and on SIGTERM', async () => {
		for (const signal of ['SIGINT', 'SIGTERM'] as const) {
			const child = spawn(
				process.execPath,
				['--import', 'tsx', '--input-type=module', '-e', "import {runSimulatorCommand} from './source/simulator/serve.ts'; await runSimulatorCommand({json: true});"],
				{cwd: root, stdio: ['ignore', 'pipe', 'pipe']},
			);
			const line = JSON.parse(await firstLine(child.stdout));
			const client = new DigestClient(line.baseUrl, line);
			assert.equal((await client.send('/api/atlas/v2')).status, 200);
			child.kill(signal);
			const [code] = await once(child, 'exit');
			assert.equal(code, 0, `${signal} exit code`);
		}
	});
});
