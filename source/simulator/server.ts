// startSimulator: the embedded Atlas as a real node:http server on loopback.
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {AccessList} from './access-list.js';
import type {AccessListRequirement} from './admission.js';
import {SimulatorClock} from './clock.js';
import {NonceStore} from './digest.js';
import {FaultList} from './faults.js';
import {countedIds, randomIds} from './ids.js';
import {IamPropagation} from './iam-propagation.js';
import {OAuthServer} from './oauth.js';
import {handleRequest} from './pipeline.js';
import {RateLimiter} from './rate-limit.js';
import {demoSeed} from './seed.js';
import {DEFAULT_EXPORT_DURATION_MS, SimulatorState} from './state.js';
import type {Simulator, SimulatorLogEntry, SimulatorOptions} from './types.js';

export const DEFAULT_NONCE_TTL_MS = 300_000;

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
	const state = new SimulatorState(options.seed ?? demoSeed(), options.exportDurationMs ?? DEFAULT_EXPORT_DURATION_MS, options.countedIds ? countedIds('atlas-export-bucket demo') : randomIds);
	const nonces = new NonceStore(options.nonceTtlMs ?? DEFAULT_NONCE_TTL_MS);
	const accessList = new AccessList();
	const faults = new FaultList();
	const log: SimulatorLogEntry[] = [];
	const closing = new AbortController();
	const rateLimiter = new RateLimiter();
	const iamPropagation = new IamPropagation(options.iamPropagationDelayMs ?? 0);
	// The simulator's own clock: wall time, or the instant a test stopped it at, plus what tests
	// advanced it by (nonce lifetime, rate-limit refill, IAM propagation, version sunsets and token
	// expiry read it), so no test waits for real time to pass.
	const clock = new SimulatorClock();
	const now = () => clock.now();
	const oauth = new OAuthServer(state.serviceAccount, now);
	let accessListRequirement: AccessListRequirement | null = null;
	let publicOrigin: string | null = null;

	const deps = {
		state,
		nonces,
		oauth,
		accessList,
		accessListRequirement: () => accessListRequirement,
		faults,
		rateLimiter,
		iamPropagation,
		now,
		publicOrigin: () => publicOrigin,
		log,
		closing: closing.signal,
	};
	const server = createServer((request, response) => {
		handleRequest(deps, request, response).catch(() => request.socket.destroy());
	});
	server.keepAliveTimeout = 5_000;

	const host = options.host ?? '127.0.0.1';
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const {port} = server.address() as AddressInfo;
	const urlHost = host.includes(':') ? `[${host}]` : host;

	let closed: Promise<void> | undefined;
	return {
		baseUrl: `http://${urlHost}:${port}`,
		keys: {publicKey: state.apiKey.publicKey, privateKey: state.apiKey.privateKey},
		serviceAccount: {clientId: state.serviceAccount.clientId, clientSecret: state.serviceAccount.clientSecret},
		log,
		controls: {
			setAccessList: ips => accessList.set(ips),
			setRateLimit: (limit, endpointSet) => rateLimiter.override(limit, endpointSet),
			requireAccessList: requirement => {
				accessListRequirement = requirement;
			},
			setClock: at => clock.set(at),
			setPublicOrigin: origin => {
				publicOrigin = origin === null ? null : new URL(origin).origin;
			},
			injectFault: fault => faults.add(fault),
			clearFaults: () => faults.clear(),
			expireNonces: () => nonces.expireAll(),
			setIamPropagationDelay: ms => iamPropagation.setDelay(ms),
			holdIamPropagation: options => iamPropagation.hold(options),
			releaseIamPropagation: () => iamPropagation.release(),
			advanceClock: ms => clock.advance(ms),
			expireTokens: () => oauth.tokens.expireAll(now()),
			setTokenLifetime: seconds => {
				oauth.tokens.lifetimeSeconds = seconds;
			},
			setClientSecretState: secretState => {
				oauth.secretState = secretState;
			},
			setExportOutcome: outcome => {
				state.exportOutcome = outcome;
			},
			registerAwsRole: (role, registerOptions) => state.putAwsRole(role, registerOptions?.writableBuckets),
			clearLog: () => {
				log.length = 0;
			},
		},
		close() {
			closed ??= new Promise<void>(resolve => {
				closing.abort();
				server.close(() => resolve());
				server.closeAllConnections();
			});
			return closed;
		},
	};
}
