// Text from a hostile server never reaches the terminal with its control characters: names in
// tables, error details, --verbose; --json keeps JSON escaping (and still parses to what was sent).
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {hostileServer, json} from '../support/hostile-server.js';
import {runInProcess, tempDir} from './helpers.js';

const evilName = 'Evil\u001b]0;pwned\u0007\u001b]52;c;ZWNobyBoaQ==\u0007\u001b[2J\u009b2J\nFAKE ROW';
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

function env(baseUrl: string, dir: string) {
	return {MONGODB_ATLAS_PUBLIC_API_KEY: 'hostilek', MONGODB_ATLAS_PRIVATE_API_KEY: 'p', MONGODB_ATLAS_OPS_MANAGER_URL: baseUrl, ATLAS_EXPORT_BUCKET_CONFIG_DIR: dir};
}

describe('hostile text from the server', () => {
	test('projects: the name is shown inert, on one line; --json escapes it and parses back', async t => {
		const server = await hostileServer((_request, response) => json(response, 200, {results: [{id: '6650a1f2c3d4e5f6a7b8c9d0', name: evilName}], totalCount: 1}));
		t.after(() => server.close());
		const human = await runInProcess(['projects'], {env: env(server.baseUrl, tempDir(t))});
		assert.equal(human.code, 0, human.stderr);
		assert.doesNotMatch(human.stdout, RAW_CONTROL);
		assert.match(human.stdout, /Evil\\x1B\]0;pwned\\x07/);
		assert.doesNotMatch(human.stdout, /^FAKE ROW/m, 'a newline in a name does not make a line');
		const machine = await runInProcess(['projects', '--json'], {env: env(server.baseUrl, tempDir(t))});
		assert.doesNotMatch(machine.stdout, RAW_CONTROL);
		assert.equal(JSON.parse(machine.stdout)[0].name, evilName);
	});

	test('an error detail, errorCode and --verbose bodies are shown inert', async t => {
		const server = await hostileServer((_request, response) => json(response, 400, {error: 400, errorCode: 'EVIL\u001b[2J', detail: `bad ${evilName}`}));
		t.after(() => server.close());
		const run = await runInProcess(['projects', '--verbose'], {env: env(server.baseUrl, tempDir(t))});
		assert.equal(run.code, 1);
		assert.doesNotMatch(run.stderr, RAW_CONTROL);
		assert.match(run.stderr, /EVIL\\x1B\[2J/);
	});

	test('an HTML page title is shown inert', async t => {
		const server = await hostileServer((_request, response) => {
			response.writeHead(502, {'content-type': 'text/html'});
			response.end('<html><head><title>Gateway \u001b]0;pwned\u0007</title></head></html>');
		});
		t.after(() => server.close());
		const run = await runInProcess(['projects'], {env: env(server.baseUrl, tempDir(t))});
		assert.equal(run.code, 1);
		assert.doesNotMatch(run.stderr, RAW_CONTROL);
		assert.match(run.stderr, /Gateway \\x1B\]0;pwned\\x07/);
	});
});
