// `atlas-export-bucket simulator`: runs the simulator in the foreground until SIGINT/SIGTERM (or the
// given AbortSignal), printing its base URL, the demo key pair and the demo service account.
import {demoSeed} from './seed.js';
import {startSimulator} from './server.js';

export type SimulatorCommandOptions = {
	host?: string;
	port?: number;
	json?: boolean;
	stdout?: NodeJS.WritableStream;
	nonceTtlMs?: number;
	iamPropagationDelayMs?: number;
	/** Stops the simulator like SIGINT does (for tests and embedding). */
	signal?: AbortSignal;
};

export async function runSimulatorCommand(options: SimulatorCommandOptions = {}): Promise<void> {
	const stdout = options.stdout ?? process.stdout;
	const host = options.host ?? '127.0.0.1';
	const simulator = await startSimulator({
		host,
		port: options.port,
		nonceTtlMs: options.nonceTtlMs,
		iamPropagationDelayMs: options.iamPropagationDelayMs,
	}).catch((error: unknown) => {
		throw new Error(listenFailure(error, host, options.port ?? 0));
	});
	const projects = demoSeed().projects.map(({id, name}) => ({id, name}));
	if (options.json) {
		const {clientId, clientSecret} = simulator.serviceAccount;
		stdout.write(`${JSON.stringify({baseUrl: simulator.baseUrl, publicKey: simulator.keys.publicKey, privateKey: simulator.keys.privateKey, clientId, clientSecret, projects})}\n`);
	} else {
		stdout.write(
			[
				`Atlas simulator listening on ${simulator.baseUrl}`,
				`Demo public key:  ${simulator.keys.publicKey}`,
				`Demo private key: ${simulator.keys.privateKey}`,
				`Demo service account: client id ${simulator.serviceAccount.clientId}, secret ${simulator.serviceAccount.clientSecret}`,
				`Demo projects:    ${projects.map(project => `${project.name} (${project.id})`).join(', ')}`,
				'To use it from another shell:',
				`  export MONGODB_ATLAS_OPS_MANAGER_URL=${simulator.baseUrl}`,
				`  export MONGODB_ATLAS_PUBLIC_API_KEY=${simulator.keys.publicKey}`,
				`  export MONGODB_ATLAS_PRIVATE_API_KEY=${simulator.keys.privateKey}`,
				`  export MONGODB_ATLAS_PROJECT_ID=${projects[0]?.id ?? ''}`,
				'or, for the service account instead of the key pair:',
				`  export MONGODB_ATLAS_CLIENT_ID=${simulator.serviceAccount.clientId}`,
				`  export MONGODB_ATLAS_CLIENT_SECRET=${simulator.serviceAccount.clientSecret}`,
				'Press Ctrl+C to stop.',
				'',
			].join('\n'),
		);
	}

	await new Promise<void>(resolve => {
		const stop = () => {
			process.off('SIGINT', stop);
			process.off('SIGTERM', stop);
			options.signal?.removeEventListener('abort', stop);
			resolve();
		};
		process.on('SIGINT', stop);
		process.on('SIGTERM', stop);
		if (options.signal?.aborted) stop();
		else options.signal?.addEventListener('abort', stop, {once: true});
	});
	await simulator.close();
}

function listenFailure(error: unknown, host: string, port: number): string {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	if (code === 'EADDRINUSE') return `The simulator cannot listen on ${host}:${port}: the port is already in use. Choose another with --port, or 0 for a free one.`;
	if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return `The simulator cannot listen on ${host}: no such address on this machine.`;
	if (code === 'EACCES') return `The simulator may not listen on port ${port}: ports below 1024 need privileges.`;
	return `The simulator could not start: ${error instanceof Error ? error.message : String(error)}`;
}
