// The built executable (`node dist/cli.js`, built by `npm run build`; npm test builds first), run as
// its own process with pipes for stdin and stdout: what a script or CI job sees.
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, test} from 'node:test';
import {DEMO_EXPORT_BUCKET_ID, DEMO_PROJECTS, DEMO_ROLE_IDS} from '../source/simulator/index.js';
import {authorizationValues, builtCli, builtCliEnv, root, runBuilt, simEnv, simulator, tempDir} from './commands/helpers.js';

const packageVersion = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {version: string}).version;
const commands = ['create', 'list', 'describe', 'delete', 'roles', 'projects', 'login', 'logout', 'profiles', 'simulator'];

describe('built CLI: help, version, usage errors', () => {
	test('--help lists every command, the exit codes and examples', async t => {
		const run = await runBuilt(['--help'], {env: {ATLAS_EXPORT_BUCKET_CONFIG_DIR: tempDir(t)}});
		assert.equal(run.code, 0, run.stderr);
		for (const command of commands) assert.match(run.stdout, new RegExp(`^  ${command}\\b`, 'm'));
		assert.match(run.stdout, /Exit codes:[\s\S]*130/);
		assert.match(run.stdout, /Examples:/);
		assert.doesNotMatch(run.stdout, /--projectId|--iamRoleId|--bucketId/, 'aliases are hidden');
	});

	test('every command has --help with examples', async t => {
		const env = {ATLAS_EXPORT_BUCKET_CONFIG_DIR: tempDir(t)};
		for (const command of commands) {
			const run = await runBuilt([command, '--help'], {env});
			assert.equal(run.code, 0, `${command}: ${run.stderr}`);
			assert.match(run.stdout, new RegExp(`Usage: atlas-export-bucket ${command}`));
			assert.match(run.stdout, /Examples:\n {2}\$ atlas-export-bucket /, command);
		}
	});

	test('a subcommand\'s --help shows its own options and one line pointing at the global ones', async t => {
		const run = await runBuilt(['list', '--help'], {env: {ATLAS_EXPORT_BUCKET_CONFIG_DIR: tempDir(t)}});
		assert.equal(run.code, 0, run.stderr);
		assert.match(run.stdout, /^ {2}--project-id <id> /m);
		assert.doesNotMatch(run.stdout, /--base-url|--private-key-stdin|--timeout|Global Options:/);
		const pointer = run.stdout.split('\n').filter(line => line.startsWith('Global options'));
		assert.deepEqual(pointer, ['Global options (--profile, --json, --verbose, ...): atlas-export-bucket --help']);
		assert.ok(pointer[0]!.length <= 80);
	});

	test('an unknown command suggests the nearest one (exit 2)', async t => {
		const env = {ATLAS_EXPORT_BUCKET_CONFIG_DIR: tempDir(t)};
		const typo = await runBuilt(['lsit'], {env});
		assert.equal(typo.code, 2);
		assert.match(typo.stderr, /unknown command 'lsit'\s*\(Did you mean list\?\)/i);
		const other = await runBuilt(['profile'], {env});
		assert.match(other.stderr, /Did you mean profiles\?/i);
		assert.equal(typo.stdout + other.stdout, '');
	});

	test('--version prints the package version', async t => {
		const run = await runBuilt(['--version'], {env: {ATLAS_EXPORT_BUCKET_CONFIG_DIR: tempDir(t)}});
		assert.equal(run.code, 0);
		assert.equal(run.stdout.trim(), packageVersion);
	});

	test('unknown options, commands and bad values exit 2', async t => {
		const env = {ATLAS_EXPORT_BUCKET_CONFIG_DIR: tempDir(t)};
		for (const args of [['list', '--nope'], ['frobnicate'], ['list', '--timeout', 'soon'], ['list', '--api-version', 'v3'], ['simulator', '--port', 'x']]) {
			const run = await runBuilt(args, {env});
			assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
			assert.match(run.stderr, /error/i);
		}
	});
});

describe('built CLI: output to a reader that leaves early', () => {
	test('`--help | head -1` style: the closed pipe ends the output quietly, exit 0, no stack trace', async t => {
		const child = spawn(process.execPath, [builtCli, '--help'], {cwd: root, env: builtCliEnv({ATLAS_EXPORT_BUCKET_CONFIG_DIR: tempDir(t)}), stdio: ['ignore', 'pipe', 'pipe']});
		// Our end of stdout closes before the CLI has started, so its first write meets EPIPE.
		child.stdout.destroy();
		let stderr = '';
		child.stderr.on('data', chunk => {
			stderr += String(chunk);
		});
		const [code] = await new Promise<[number | null]>(resolve => child.on('close', exitCode => resolve([exitCode])));
		assert.equal(code, 0, stderr);
		assert.equal(stderr, '');
	});
});

describe('built CLI: no subcommand without a terminal', () => {
	test('prints the equivalent command and exits 2, no Ink', async t => {
		const run = await runBuilt(['--project-id', DEMO_PROJECTS.production.id], {env: {ATLAS_EXPORT_BUCKET_CONFIG_DIR: tempDir(t)}});
		assert.equal(run.code, 2);
		assert.equal(run.stdout, '');
		assert.match(run.stderr, /needs a terminal \(stdin is not a terminal\)/);
		assert.match(run.stderr, new RegExp(`atlas-export-bucket create --project-id ${DEMO_PROJECTS.production.id} --iam-role-id <id> --bucket <name> --yes`));
		assert.doesNotMatch(run.stderr, /\u001B\[/, 'no terminal escape sequences');
	});

	test('CI set: same message, also for --demo', async t => {
		const run = await runBuilt(['--demo'], {env: {ATLAS_EXPORT_BUCKET_CONFIG_DIR: tempDir(t), CI: 'true'}});
		assert.equal(run.code, 2);
		assert.match(run.stderr, /\(CI is set\)/);
		assert.match(run.stderr, /create --project-id <id> --iam-role-id <id> --bucket <name> --yes/);
		assert.match(run.stderr, /simulator/);
	});
});

describe('built CLI against the simulator', () => {
	test('list: table, then --json', async t => {
		const sim = await simulator(t);
		const env = simEnv(sim, tempDir(t));
		const human = await runBuilt(['list', '--project-id', DEMO_PROJECTS.production.id], {env});
		assert.equal(human.code, 0, human.stderr);
		assert.match(human.stdout, /^ID {2,}BUCKET NAME {2,}IAM ROLE ID\n/);
		const json = await runBuilt(['list', '--projectId', DEMO_PROJECTS.production.id, '--json'], {env});
		assert.equal(json.code, 0, json.stderr);
		// As Atlas sent it: `_id` (not the client's `id`), and no region or links in a list item.
		const listed = JSON.parse(json.stdout) as Array<Record<string, unknown>>;
		assert.equal(listed[0]!._id, DEMO_EXPORT_BUCKET_ID);
		assert.equal('id' in listed[0]!, false);
		assert.equal('region' in listed[0]!, false);
		assert.equal(json.stderr, '');
	});

	test('create: refuses without --yes (exit 2); with --yes creates, describe and delete follow', async t => {
		const sim = await simulator(t);
		const env = simEnv(sim, tempDir(t), {MONGODB_ATLAS_PROJECT_ID: DEMO_PROJECTS.production.id});
		const args = ['create', '--iam-role-id', DEMO_ROLE_IDS.productionArchive, '--bucket', 'acme-backup-archive'];
		const refused = await runBuilt(args, {env});
		assert.equal(refused.code, 2);
		assert.match(refused.stderr, /Add --yes/);
		assert.equal(sim.log.length, 0);

		const created = await runBuilt([...args, '--yes', '--json'], {env});
		assert.equal(created.code, 0, created.stderr);
		const bucket = JSON.parse(created.stdout) as {_id: string; bucketName: string};
		assert.equal(bucket.bucketName, 'acme-backup-archive');
		assert.match(bucket._id, /^[a-f\d]{24}$/);

		const described = await runBuilt(['describe', '--bucket-id', bucket._id], {env});
		assert.equal(described.code, 0, described.stderr);
		assert.match(described.stdout, /acme-backup-archive/);

		const again = await runBuilt([...args, '--yes'], {env});
		assert.equal(again.code, 2, 'the same bucket with the same role is refused');
		assert.match(again.stderr, new RegExp(`already registered .*: export bucket ${bucket._id}\\. Nothing was sent\\.`));

		const deleted = await runBuilt(['delete', '--bucket-id', bucket._id, '--yes'], {env});
		assert.equal(deleted.code, 0, deleted.stderr);
		assert.match(deleted.stdout, /deleted/);
		assert.equal((await runBuilt(['delete', '--bucket-id', bucket._id], {env})).code, 2, 'no --yes without a terminal');
	});

	test('roles and projects', async t => {
		const sim = await simulator(t);
		const env = simEnv(sim, tempDir(t));
		const roles = await runBuilt(['roles', '--project-id', DEMO_PROJECTS.production.id], {env});
		assert.equal(roles.code, 0, roles.stderr);
		assert.match(roles.stdout, /unauthorized/);
		const projects = await runBuilt(['projects', '--json'], {env});
		assert.equal(projects.code, 0, projects.stderr);
		assert.equal((JSON.parse(projects.stdout) as unknown[]).length, 3);
	});

	test('exit codes: 3 for refused keys, 1 for an API error', async t => {
		const sim = await simulator(t);
		const wrong = await runBuilt(['projects'], {env: simEnv(sim, tempDir(t), {MONGODB_ATLAS_PRIVATE_API_KEY: 'nope'})});
		assert.equal(wrong.code, 3);
		assert.doesNotMatch(wrong.stderr, /\n\s+at /, 'no stack trace');
		const missing = await runBuilt(['describe', '--project-id', DEMO_PROJECTS.production.id, '--bucket-id', 'cccccccccccccccccccccccc'], {env: simEnv(sim, tempDir(t))});
		assert.equal(missing.code, 1);
	});

	test('--private-key-stdin with --verbose: works, and neither the key nor Authorization is printed', async t => {
		const sim = await simulator(t);
		const env = simEnv(sim, tempDir(t));
		delete env.MONGODB_ATLAS_PRIVATE_API_KEY;
		const run = await runBuilt(['list', '--project-id', DEMO_PROJECTS.production.id, '--private-key-stdin', '--verbose'], {env, input: `${sim.keys.privateKey}\n`});
		assert.equal(run.code, 0, run.stderr);
		assert.match(run.stderr, /> GET /);
		assert.match(run.stderr, /authorization: \[redacted\]/);
		const output = run.stdout + run.stderr;
		assert.ok(!output.includes(sim.keys.privateKey));
		for (const value of authorizationValues(sim)) assert.ok(!output.includes(value));
	});
});

describe('built CLI: simulator --json', () => {
	test('prints one JSON line that works as a base URL and key pair, and stops cleanly on SIGTERM', async t => {
		const child = spawn(process.execPath, [builtCli, 'simulator', '--json', '--port', '0'], {
			cwd: root,
			env: builtCliEnv({ATLAS_EXPORT_BUCKET_CONFIG_DIR: tempDir(t)}),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		t.after(() => {
			if (child.exitCode === null) child.kill('SIGKILL');
		});
		let stderr = '';
		child.stderr.on('data', chunk => {
			stderr += String(chunk);
		});
		const line = await new Promise<string>((resolve, reject) => {
			let buffer = '';
			child.stdout.on('data', chunk => {
				buffer += String(chunk);
				const end = buffer.indexOf('\n');
				if (end >= 0) resolve(buffer.slice(0, end));
			});
			child.on('exit', code => reject(new Error(`simulator exited early (${code}): ${stderr}`)));
		});
		const info = JSON.parse(line) as {baseUrl: string; publicKey: string; privateKey: string; projects: Array<{id: string; name: string}>};
		assert.match(info.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
		assert.ok(info.projects.some(project => project.id === DEMO_PROJECTS.production.id));

		const list = await runBuilt(['list', '--project-id', DEMO_PROJECTS.production.id, '--base-url', info.baseUrl, '--json'], {
			env: {ATLAS_EXPORT_BUCKET_CONFIG_DIR: tempDir(t), MONGODB_ATLAS_PUBLIC_API_KEY: info.publicKey, MONGODB_ATLAS_PRIVATE_API_KEY: info.privateKey},
		});
		assert.equal(list.code, 0, list.stderr);

		const exited = new Promise<{code: number | null; signal: NodeJS.Signals | null}>(resolve => {
			child.on('exit', (code, signal) => resolve({code, signal}));
		});
		child.kill('SIGTERM');
		assert.deepEqual(await exited, {code: 0, signal: null});
		assert.equal(stderr, '');
	});
});
