// A stand-in for the AWS CLI, put on PATH by tests as `aws`: it checks its arguments as the real
// `aws iam create-role` / `put-role-policy` parse them, reads the policy documents the way the CLI
// does (file:// path relative to the working directory, valid JSON required), insists on JSON output
// without a pager, and prints create-role's documented output. FAKE_AWS_LOG receives one JSON line
// per run; FAKE_AWS_FAIL=<operation>:<message> makes that operation fail as AWS does (exit 254).
import {chmod, mkdtemp, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';

const script = String.raw`#!/usr/bin/env node
const fs = require('node:fs');
const path = require('node:path');
const args = process.argv.slice(2);
const log = process.env.FAKE_AWS_LOG;
if (log) fs.appendFileSync(log, JSON.stringify({args, cwd: process.cwd(), pager: process.env.AWS_PAGER, output: process.env.AWS_DEFAULT_OUTPUT}) + '\n');
const usage = message => { process.stderr.write('\nusage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\n\naws: error: ' + message + '\n'); process.exit(252); };
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
const documentOption = operation === 'create-role' ? 'assume-role-policy-document' : 'policy-document';
const value = options[documentOption];
if (!value.startsWith('file://')) usage('the test expects a file:// document');
const file = path.resolve(value.slice('file://'.length));
let text;
try { text = fs.readFileSync(file, 'utf8'); } catch (error) {
	process.stderr.write('\nError parsing parameter \'--' + documentOption + '\': Unable to load paramfile ' + value + ': [Errno 2] No such file or directory: \'' + value.slice(7) + '\'\n');
	process.exit(252);
}
let document;
try { document = JSON.parse(text); } catch {
	process.stderr.write('\nAn error occurred (MalformedPolicyDocument) when calling the ' + (operation === 'create-role' ? 'CreateRole' : 'PutRolePolicy') + ' operation: This policy contains invalid Json\n');
	process.exit(254);
}
const fail = process.env.FAKE_AWS_FAIL;
if (fail && fail.startsWith(operation + ':')) { process.stderr.write('\n' + fail.slice(operation.length + 1) + '\n'); process.exit(254); }
if (operation === 'create-role') {
	process.stdout.write(JSON.stringify({Role: {Path: '/', RoleName: options['role-name'], RoleId: 'AROA3XFRBF23EXAMPLE12', Arn: 'arn:aws:iam::123456789012:role/' + options['role-name'], CreateDate: '2026-12-02T05:00:00+00:00', AssumeRolePolicyDocument: document}}, null, 4) + '\n');
}
`;

/** A directory holding an executable `aws` (the stand-in); put it first on PATH. */
export async function fakeAwsDir(): Promise<string> {
	const dir = await mkdtemp(path.join(tmpdir(), 'fake-aws-'));
	const file = path.join(dir, 'aws');
	await writeFile(file, script);
	await chmod(file, 0o755);
	return dir;
}
