// Argument parsing and dispatch. Only commander is loaded up front: each command module, and the
// wizard, is imported when it is about to run, so `--help` and the first frame stay fast.
import {terminalSafe} from '../text/terminal-safe.js';
import {Command, CommanderError, Help, InvalidArgumentError, Option} from 'commander';
import packageJson from '../../package.json' with {type: 'json'};
import {API_VERSIONS} from '../atlas/types.js';
import {ExitCode, exitCodeHelp} from './exit-codes.js';
import type {CommandIo} from './io.js';

const name = 'atlas-export-bucket';

function seconds(value: string): number {
	const parsed = Number(value);
	if (value.trim() === '' || !Number.isFinite(parsed) || parsed < 0) throw new InvalidArgumentError('expected a number of seconds, e.g. 30.');
	return parsed;
}

function port(value: string): number {
	const parsed = Number(value);
	if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65_535) throw new InvalidArgumentError('expected a port number from 0 to 65535.');
	return parsed;
}

// The Atlas CLI spells these in camelCase; both spellings land on the same option value.
function projectIdOptions(description: string): Option[] {
	return [new Option('--project-id <id>', description), new Option('--projectId <id>').hideHelp()];
}

function bucketIdOptions(): Option[] {
	return [
		new Option('--bucket-id <id>', 'export bucket id (24 hex characters, from `list`)'),
		new Option('--bucketId <id>').hideHelp(),
	];
}

function examples(lines: string[]): string {
	return `\nExamples:\n${lines.map(line => `  $ ${line}`).join('\n')}\n`;
}

function commandHelp(lines: string[]): string {
	return `${examples(lines)}\n${exitCodeHelp}\n`;
}

const globalHelp = `
Credentials: an API key (MONGODB_ATLAS_PUBLIC_API_KEY and MONGODB_ATLAS_PRIVATE_API_KEY, or
--private-key-stdin) or a service account (MONGODB_ATLAS_CLIENT_ID and MONGODB_ATLAS_CLIENT_SECRET,
or --client-secret-stdin), or a profile saved with \`login\` (keychain). MONGODB_ATLAS_PROJECT_ID
supplies a default project, MONGODB_ATLAS_OPS_MANAGER_URL the base URL. Precedence: flag >
environment > profile. No flag ever takes a private key or a client secret.
${examples([
	`${name}                      # the wizard, in a terminal`,
	`${name} --demo               # the wizard against a built-in Atlas simulator`,
	`${name} create --project-id <id> --iam-role-id <id> --bucket <name> --yes`,
	`${name} list --project-id <id> --json`,
])}
${exitCodeHelp}
`;

// A subcommand's --help lists its own options; the global ones are one line away. Subcommands inherit
// this from the program (commander copies the help configuration to each .command()).
const globalOptionsPointer = `Global options (--profile, --json, --verbose, ...): ${name} --help`;

function formatHelp(this: Help, command: Command, helper: Help): string {
	const text = Help.prototype.formatHelp.call(this, command, helper);
	return command.parent ? `${text}\n${globalOptionsPointer}\n` : text;
}

export function buildProgram(io: CommandIo, setExitCode: (code: number) => void): Command {
	const run = (load: () => Promise<(options: never, io: CommandIo) => Promise<number>>) =>
		async (_options: unknown, command: Command) => {
			const handler = await load();
			setExitCode(await handler(command.optsWithGlobals() as never, io));
		};

	const program = new Command(name)
		.description('Register an AWS S3 bucket as a MongoDB Atlas snapshot export bucket.')
		.version(packageJson.version, '-V, --version', 'print the version')
		.helpOption('-h, --help', 'show help')
		.exitOverride()
		.configureOutput({
			writeOut: text => io.stdout.write(terminalSafe(text)),
			writeErr: text => io.stderr.write(terminalSafe(text)),
		})
		.showSuggestionAfterError()
		.configureHelp({formatHelp})
		.option('--profile <name>', 'stored profile to use (see `profiles`)')
		.option('--base-url <url>', 'Atlas base URL (env MONGODB_ATLAS_OPS_MANAGER_URL; default https://cloud.mongodb.com)')
		.addOption(new Option('--api-version <version>', 'Atlas Admin API generation').choices(API_VERSIONS))
		.option('--pretty', 'ask Atlas for pretty-printed JSON')
		.option('--envelope', 'ask Atlas to wrap responses in an envelope')
		.option('--json', 'print the API object as Atlas sent it, as JSON on stdout, nothing else')
		.option('--timeout <seconds>', 'timeout of each request (default 30)', seconds)
		.option('--verbose', 'print each request and response on stderr (secrets redacted)')
		.option('--no-color', 'plain output (also NO_COLOR or TERM=dumb)')
		.option('--private-key-stdin', 'read the private API key from stdin')
		.option('--client-secret-stdin', "read the service account's client secret from stdin")
		.option('--demo', 'run the wizard against a built-in Atlas simulator (nothing leaves this machine)')
		.addOption(projectIdOptions('project id (env MONGODB_ATLAS_PROJECT_ID; login stores it, the wizard pre-selects it)')[0]!)
		.addOption(projectIdOptions('')[1]!)
		.addHelpText('after', globalHelp);

	program
		.command('create')
		.description('register an S3 bucket as an export bucket of a project')
		.addOption(projectIdOptions('project id (24 hex characters; env MONGODB_ATLAS_PROJECT_ID)')[0]!)
		.addOption(projectIdOptions('')[1]!)
		.option('--iam-role-id <id>', "Atlas's id of an authorized AWS IAM role (from `roles`), not an AWS id")
		.addOption(new Option('--iamRoleId <id>').hideHelp())
		.option('--bucket <name>', 'S3 bucket name (the bare name, not s3:// or an ARN)')
		.option('--require-private-networking', 'export over AWS PrivateLink only')
		.option('--wait-for-iam [seconds]', 'retry CANNOT_ASSUME_ROLE while IAM propagates (default 60)', seconds)
		.option('-y, --yes', 'do not ask for confirmation (required when stdin is not a terminal)')
		.addHelpText('after', commandHelp([
			`${name} create --project-id 5f1d0c7e9a2b3c4d5e6f7a8b --iam-role-id 6a1b2c3d4e5f60718293a4b5 --bucket my-snapshots --yes`,
			`${name} create --projectId <id> --iamRoleId <id> --bucket <name> --wait-for-iam 90 --yes --json`,
		]))
		.action(run(async () => (await import('./create.js')).runCreate));

	program
		.command('list')
		.description("list a project's export buckets")
		.addOption(projectIdOptions('project id (env MONGODB_ATLAS_PROJECT_ID)')[0]!)
		.addOption(projectIdOptions('')[1]!)
		.addHelpText('after', commandHelp([`${name} list --project-id <id>`, `${name} list --project-id <id> --json`]))
		.action(run(async () => (await import('./list.js')).runList));

	program
		.command('describe')
		.description('show one export bucket')
		.addOption(projectIdOptions('project id (env MONGODB_ATLAS_PROJECT_ID)')[0]!)
		.addOption(projectIdOptions('')[1]!)
		.addOption(bucketIdOptions()[0]!)
		.addOption(bucketIdOptions()[1]!)
		.addHelpText('after', commandHelp([`${name} describe --project-id <id> --bucket-id <id>`, `${name} describe --project-id <id> --bucket-id <id> --json`]))
		.action(run(async () => (await import('./describe.js')).runDescribe));

	program
		.command('delete')
		.description('remove an export bucket from a project (the S3 bucket itself is untouched)')
		.addOption(projectIdOptions('project id (env MONGODB_ATLAS_PROJECT_ID)')[0]!)
		.addOption(projectIdOptions('')[1]!)
		.addOption(bucketIdOptions()[0]!)
		.addOption(bucketIdOptions()[1]!)
		.option('-y, --yes', 'do not ask for confirmation (required when stdin is not a terminal)')
		.addHelpText('after', commandHelp([`${name} delete --project-id <id> --bucket-id <id>`, `${name} delete --project-id <id> --bucket-id <id> --yes`]))
		.action(run(async () => (await import('./delete.js')).runDelete));

	const rolesCommand = program
		.command('roles')
		.description("list a project's AWS IAM roles (cloud provider access), authorized or not")
		.addOption(projectIdOptions('project id (env MONGODB_ATLAS_PROJECT_ID)')[0]!)
		.addOption(projectIdOptions('')[1]!)
		.addHelpText('after', commandHelp([`${name} roles --project-id <id>`, `${name} roles create --project-id <id> --bucket <name> --out .`, `${name} roles authorize --project-id <id> --role-id <id> --iam-role-arn <arn> --wait-for-iam`]))
		.action(run(async () => (await import('./roles.js')).runRoles));
	const roleSubcommand = (sub: string) => {
		const command = rolesCommand.command(sub);
		for (const option of projectIdOptions('project id (env MONGODB_ATLAS_PROJECT_ID)')) command.addOption(option);
		return command;
	};
	roleSubcommand('create')
		.description("create an AWS IAM role's Atlas side; prints its trust policy, the export permission policy and the aws commands")
		.option('--bucket <name>', 'S3 bucket the role will export to (adds the permission policy)')
		.option('--out <dir>', 'write the policy documents into this directory')
		.addHelpText('after', commandHelp([`${name} roles create --project-id <id> --bucket my-snapshots --out .`, `${name} roles create --projectId <id> --bucket my-snapshots --json`]))
		.action(run(async () => (await import('./roles-setup.js')).runRolesCreate));
	roleSubcommand('policy')
		.description("print (and with --out write) an existing role's trust and permission policies; changes nothing in Atlas")
		.option('--role-id <id>', "Atlas's role id (from `roles`)")
		.addOption(new Option('--roleId <id>').hideHelp())
		.option('--bucket <name>', 'S3 bucket the role will export to')
		.option('--out <dir>', 'write the policy documents into this directory')
		.addHelpText('after', commandHelp([`${name} roles policy --project-id <id> --role-id <id> --bucket my-snapshots --out .`]))
		.action(run(async () => (await import('./roles-setup.js')).runRolesPolicy));
	roleSubcommand('authorize')
		.description('authorize an Atlas role with the ARN of the AWS IAM role that trusts it')
		.option('--role-id <id>', "Atlas's role id (from `roles` or `roles create`)")
		.addOption(new Option('--roleId <id>').hideHelp())
		.option('--iam-role-arn <arn>', 'ARN of the AWS IAM role (arn:aws:iam::<account>:role/<name>)')
		.addOption(new Option('--iamAssumedRoleArn <arn>').hideHelp())
		.option('--wait-for-iam [seconds]', 'retry CANNOT_ASSUME_ROLE while IAM propagates (default 60)', seconds)
		.addHelpText('after', commandHelp([`${name} roles authorize --project-id <id> --role-id <id> --iam-role-arn arn:aws:iam::123456789012:role/atlas-export --wait-for-iam`]))
		.action(run(async () => (await import('./roles-setup.js')).runRolesAuthorize));

	const clusterOptions = (): Option[] => [
		new Option('--cluster <name>', 'cluster name (from `clusters`)'),
		new Option('--clusterName <name>').hideHelp(),
	];
	const withCluster = (command: Command): Command => {
		for (const option of [...projectIdOptions('project id (env MONGODB_ATLAS_PROJECT_ID)'), ...clusterOptions()]) command.addOption(option);
		return command;
	};

	program
		.command('clusters')
		.description("list a project's clusters and whether each can export snapshots (and why not)")
		.addOption(projectIdOptions('project id (env MONGODB_ATLAS_PROJECT_ID)')[0]!)
		.addOption(projectIdOptions('')[1]!)
		.addHelpText('after', commandHelp([`${name} clusters --project-id <id>`, `${name} clusters --project-id <id> --json`]))
		.action(run(async () => (await import('./clusters.js')).runClusters));

	withCluster(program.command('snapshots'))
		.description("list a cluster's backup snapshots, newest first (only completed ones can be exported)")
		.addHelpText('after', commandHelp([`${name} snapshots --project-id <id> --cluster <name>`, `${name} snapshots --projectId <id> --clusterName <name> --json`]))
		.action(run(async () => (await import('./clusters.js')).runSnapshots));

	withCluster(program.command('export'))
		.description('export a backup snapshot to a registered export bucket (starts an export job)')
		.option('--snapshot-id <id>', 'snapshot to export (from `snapshots`)')
		.addOption(new Option('--snapshotId <id>').hideHelp())
		.option('--latest', 'export the newest completed snapshot')
		.addOption(bucketIdOptions()[0]!)
		.addOption(bucketIdOptions()[1]!)
		.option('--watch', 'follow the job until it ends (progress on stderr; exit 0 Successful, 1 Failed or Cancelled)')
		.option('--interval <seconds>', 'with --watch: seconds between reads (default 5)', seconds)
		.addHelpText('after', commandHelp([
			`${name} export --project-id <id> --cluster <name> --latest --bucket-id <id> --watch`,
			`${name} export --projectId <id> --clusterName <name> --snapshotId <id> --bucketId <id> --json`,
		]))
		.action(run(async () => (await import('./export.js')).runExport));

	const exportsCommand = withCluster(program.command('exports'))
		.description("list a cluster's snapshot export jobs (`exports describe` shows one)")
		.addHelpText('after', commandHelp([`${name} exports --project-id <id> --cluster <name>`, `${name} exports describe --project-id <id> --cluster <name> --export-id <id>`]))
		.action(run(async () => (await import('./exports.js')).runExports));
	withCluster(exportsCommand.command('describe'))
		.description('show one export job: state, collections exported, S3 prefix')
		.option('--export-id <id>', 'export job id (from `export` or `exports`)')
		.addOption(new Option('--exportId <id>').hideHelp())
		.addHelpText('after', commandHelp([`${name} exports describe --project-id <id> --cluster <name> --export-id <id>`]))
		.action(run(async () => (await import('./exports.js')).runExportsDescribe));

	withCluster(program.command('auto-export'))
		.description("turn a cluster's automatic snapshot export on (bucket and frequency) or off")
		.addOption(bucketIdOptions()[0]!)
		.addOption(bucketIdOptions()[1]!)
		.addOption(new Option('--frequency <frequency>', 'how often Atlas exports a snapshot').choices(['monthly', 'yearly']))
		.option('--disable', 'turn automatic export off')
		.option('-y, --yes', 'do not ask for confirmation (required when stdin is not a terminal)')
		.addHelpText('after', commandHelp([
			`${name} auto-export --project-id <id> --cluster <name> --bucket-id <id> --frequency monthly`,
			`${name} auto-export --project-id <id> --cluster <name> --disable --yes`,
		]))
		.action(run(async () => (await import('./auto-export.js')).runAutoExport));

	program
		.command('projects')
		.description('list the projects the API key can see')
		.addHelpText('after', commandHelp([`${name} projects`, `${name} projects --profile work --json`]))
		.action(run(async () => (await import('./projects.js')).runProjects));

	program
		.command('login')
		.description('verify an API key pair (or a service account) with Atlas and save it: the secret in the OS keychain, the rest in a profile')
		.option('--service-account', 'log in with a service account (client id and secret) instead of an API key')
		.addHelpText('after', commandHelp([
			`${name} login                                # asks for the keys`,
			`${name} login --profile work --project-id <id>`,
			`printf '%s' "$PRIVATE_KEY" | MONGODB_ATLAS_PUBLIC_API_KEY=abcdefgh ${name} login --private-key-stdin`,
			`${name} login --service-account              # asks for the client id and secret`,
			`printf '%s' "$SECRET" | MONGODB_ATLAS_CLIENT_ID=mdb_sa_id_… ${name} login --service-account --client-secret-stdin`,
		]))
		.action(run(async () => (await import('./login.js')).runLogin));

	program
		.command('logout')
		.description("remove a profile and its secret from the keychain (a service account's access token is revoked)")
		.addHelpText('after', commandHelp([`${name} logout`, `${name} logout --profile work`]))
		.action(run(async () => (await import('./logout.js')).runLogout));

	program
		.command('profiles')
		.description('list saved profiles (name, kind, public key or client id, default project; never a secret)')
		.addHelpText('after', commandHelp([`${name} profiles`, `${name} profiles --json`]))
		.action(run(async () => (await import('./profiles.js')).runProfiles));

	program
		.command('simulator')
		.description('run the embedded Atlas simulator in the foreground (demo data, demo key pair)')
		.option('--port <n>', 'port to listen on (default: a free one)', port)
		.option('--host <address>', 'address to bind', '127.0.0.1')
		.addHelpText('after', commandHelp([
			`${name} simulator --port 8080`,
			`${name} simulator --json    # one JSON line: baseUrl, publicKey, privateKey, projects`,
		]))
		.action(run(async () => (await import('./simulator.js')).runSimulator));

	// Set after the subcommands so that they keep rejecting stray arguments.
	program.allowExcessArguments(true);
	program.action(async (_options: unknown, command: Command) => {
		// commander's own unknown-command error, with its nearest-name suggestion ("(Did you mean list?)",
		// showSuggestionAfterError above). Its parser never reaches it here: the program has an action.
		if (command.args.length > 0) (command as Command & {unknownCommand(): never}).unknownCommand();

		const {runInteractive} = await import('./interactive.js');
		setExitCode(await runInteractive(command.opts(), io));
	});

	return program;
}

/** Parses `argv` (the user's arguments, without node and the script) and runs the command. */
export async function runCli(argv: string[], io: CommandIo): Promise<number> {
	let exitCode: number = ExitCode.ok;
	const program = buildProgram(io, code => {
		exitCode = code;
	});
	try {
		await program.parseAsync(argv, {from: 'user'});
	} catch (error) {
		if (error instanceof CommanderError) {
			// Help and version exit 0; every parsing error is a usage error.
			return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
		}

		throw error;
	}

	return exitCode;
}
