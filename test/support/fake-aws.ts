// A stand-in for the AWS CLI, put on PATH by tests as `aws` (the runner's tests and the wizard's):
// it checks its arguments as the real `aws iam create-role` / `put-role-policy` parse them, reads the
// policy documents the way the CLI does (file:// path relative to the working directory, valid JSON
// required), insists on JSON output without a pager, keeps the roles it created as IAM does
// (create-role of an existing name: EntityAlreadyExists; put-role-policy on a missing role:
// NoSuchEntity), and prints create-role's documented output. Everything lives in one temporary
// directory: the executable, a log with one JSON line per run (the document it read included), and
// a failure the test sets or clears between runs.
import {chmod, mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';

/** The account the stand-in creates roles in. */
export const FAKE_AWS_ACCOUNT = '123456789012';

const script = String.raw`
const fs = require('node:fs');
const path = require('node:path');
const state = process.env.FAKE_AWS_STATE;
const args = process.argv.slice(2);
const log = entry => { if (state) fs.appendFileSync(path.join(state, 'log.jsonl'), JSON.stringify({args, cwd: process.cwd(), pager: process.env.AWS_PAGER, output: process.env.AWS_DEFAULT_OUTPUT, ...entry}) + '\n'); };
const usage = message => { log({}); process.stderr.write('\nusage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\n\naws: error: ' + message + '\n'); process.exit(252); };
const refuse = (code, operation, message) => { process.stderr.write('\nAn error occurred (' + code + ') when calling the ' + operation + ' operation: ' + message + '\n'); process.exit(254); };
if (process.env.AWS_PAGER !== '' || process.env.AWS_DEFAULT_OUTPUT !== 'json') usage('the test wants AWS_PAGER="" and AWS_DEFAULT_OUTPUT=json');
const [service, operation, ...rest] = args;
if (service !== 'iam') usage('argument command: Invalid choice');
const options = {};
for (let index = 0; index < rest.length; index += 2) {
	if (!rest[index].startsWith('--') || rest[index + 1] === undefined) usage('unexpected argument ' + rest[index]);
	options[rest[index].slice(2)] = rest[index + 1];
}
const expected = {
	'create-role': ['role-name', 'assume-role-policy-document'],
	'put-role-policy': ['role-name', 'policy-name', 'policy-document'],
}[operation];
if (!expected) usage('argument operation: Invalid choice');
const missing = expected.filter(name => options[name] === undefined);
if (missing.length) usage('the following arguments are required: ' + missing.map(name => '--' + name).join(', '));
const extra = Object.keys(options).filter(name => !expected.includes(name));
if (extra.length) usage('Unknown options: ' + extra.map(name => '--' + name).join(', '));
const apiName = operation === 'create-role' ? 'CreateRole' : 'PutRolePolicy';
const documentOption = operation === 'create-role' ? 'assume-role-policy-document' : 'policy-document';
const value = options[documentOption];
if (!value.startsWith('file://')) usage('the test expects a file:// document');
const file = path.resolve(value.slice('file://'.length));
let text;
try { text = fs.readFileSync(file, 'utf8'); } catch (error) {
	log({});
	process.stderr.write('\nError parsing parameter \'--' + documentOption + '\': Unable to load paramfile ' + value + ': [Errno 2] No such file or directory: \'' + value.slice(7) + '\'\n');
	process.exit(252);
}
let document;
try { document = JSON.parse(text); } catch {
	log({});
	refuse('MalformedPolicyDocument', apiName, 'This policy contains invalid Json');
}
log({document});
let fail = process.env.FAKE_AWS_FAIL;
if (state) try { fail = fs.readFileSync(path.join(state, 'fail'), 'utf8'); } catch {}
if (fail && fail.startsWith(operation + ':')) { process.stderr.write('\n' + fail.slice(operation.length + 1) + '\n'); process.exit(254); }
const roleName = options['role-name'];
const roleFile = state && path.join(state, 'roles', encodeURIComponent(roleName) + '.json');
const exists = roleFile !== undefined && fs.existsSync(roleFile);
if (operation === 'create-role') {
	if (exists) refuse('EntityAlreadyExists', apiName, 'Role with name ' + roleName + ' already exists.');
	const role = {Path: '/', RoleName: roleName, RoleId: 'AROA3XFRBF23EXAMPLE12', Arn: 'arn:aws:iam::${FAKE_AWS_ACCOUNT}:role/' + roleName, CreateDate: '2026-12-02T05:00:00+00:00', AssumeRolePolicyDocument: document};
	if (roleFile) fs.writeFileSync(roleFile, JSON.stringify(role));
	process.stdout.write(JSON.stringify({Role: role}, null, 4) + '\n');
} else if (state && !exists) {
	refuse('NoSuchEntity', apiName, 'The role with name ' + roleName + ' cannot be found.');
}
`;

export type FakeAwsCall = {args: string[]; cwd: string; pager?: string; output?: string; document?: unknown};

export type FakeAwsOperation = 'create-role' | 'put-role-policy';

export type FakeAws = {
	/** The directory holding the executable `aws`. */
	dir: string;
	/** An environment that finds this `aws` first on PATH, with the given variables added. */
	env(extra?: Record<string, string>): NodeJS.ProcessEnv;
	/** Every run so far, in order (args as received; the policy document when it could be read). */
	calls(): Promise<FakeAwsCall[]>;
	/** From now on `operation` fails with this text on stderr and exit code 254, as AWS refusals do. */
	fail(operation: FakeAwsOperation, message: string): Promise<void>;
	clearFailure(): Promise<void>;
	remove(): Promise<void>;
};

export async function fakeAws(): Promise<FakeAws> {
	const dir = await mkdtemp(path.join(tmpdir(), 'fake-aws-'));
	const state = path.join(dir, 'state');
	await mkdir(path.join(state, 'roles'), {recursive: true});
	const file = path.join(dir, 'aws');
	// The node running the tests runs the stand-in too, whatever PATH the code under test passes on.
	await writeFile(file, `#!${process.execPath}\n${script}`);
	await chmod(file, 0o755);
	return {
		dir,
		env: (extra = {}) => ({PATH: `${dir}${path.delimiter}${process.env.PATH ?? ''}`, FAKE_AWS_STATE: state, ...extra}),
		async calls() {
			const text = await readFile(path.join(state, 'log.jsonl'), 'utf8').catch(() => '');
			return text.split('\n').filter(Boolean).map(line => JSON.parse(line) as FakeAwsCall);
		},
		fail: async (operation, message) => writeFile(path.join(state, 'fail'), `${operation}:${message}`),
		clearFailure: async () => rm(path.join(state, 'fail'), {force: true}),
		remove: async () => rm(dir, {recursive: true, force: true}),
	};
}
