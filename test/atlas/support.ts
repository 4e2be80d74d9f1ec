// Shared set-up for the Atlas client tests: a simulator per suite and clients with small delays.
import {createAtlasClient, type AtlasClientOptions} from '../../source/atlas/client.js';
import type {AtlasClientWithRaw, HttpExchange} from '../../source/atlas/types.js';
import {startSimulator, type Simulator, type SimulatorLogEntry, type SimulatorOptions} from '../../source/simulator/index.js';

export type Harness = {sim: Simulator; client: AtlasClientWithRaw; exchanges: HttpExchange[]};

/** Fast retry and IAM-wait pauses for tests; everything else as in production. */
export function testClient(sim: Simulator, options: Partial<AtlasClientOptions> = {}, exchanges?: HttpExchange[]): AtlasClientWithRaw {
	return createAtlasClient({
		baseUrl: sim.baseUrl,
		keys: sim.keys,
		retry: {limit: 2, baseDelayMs: 5, maxDelayMs: 20},
		iamRetry: {baseDelayMs: 20, maxDelayMs: 60},
		timeoutMs: 5000,
		...(exchanges ? {onExchange: (exchange: HttpExchange) => exchanges.push(exchange)} : {}),
		...options,
	});
}

export async function harness(options: Partial<AtlasClientOptions> = {}, simulatorOptions: SimulatorOptions = {}): Promise<Harness> {
	const sim = await startSimulator(simulatorOptions);
	const exchanges: HttpExchange[] = [];
	return {sim, client: testClient(sim, options, exchanges), exchanges};
}

export function authenticated(log: SimulatorLogEntry[]): SimulatorLogEntry[] {
	return log.filter(entry => entry.authenticated);
}

/** The Digest parameters of a logged request's Authorization header. */
export function digestParams(entry: SimulatorLogEntry): Record<string, string> {
	const header = entry.headers.authorization ?? '';
	const params: Record<string, string> = {};
	for (const match of header.matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) params[match[1]!] = match[2] ?? match[3] ?? '';
	return params;
}

export async function rejectsWith<T>(promise: Promise<T>): Promise<unknown> {
	try {
		await promise;
	} catch (error) {
		return error;
	}
	throw new Error('expected the promise to reject');
}
