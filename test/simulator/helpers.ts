// Shared set-up for simulator tests: a fresh simulator and a Digest client on it.
import {startSimulator, type Simulator, type SimulatorOptions} from '../../source/simulator/index.js';
import {DigestClient} from './digest-helper.js';

export const V2023 = 'application/vnd.atlas.2023-01-01+json';
export const V2024 = 'application/vnd.atlas.2024-05-30+json';
export const PRODUCTION = '6650a1f2c3d4e5f6a7b8c9d0';
export const SANDBOX = '6650a1f2c3d4e5f6a7b8c9d1';
export const ANALYTICS = '6650a1f2c3d4e5f6a7b8c9d2';

export type Harness = {sim: Simulator; client: DigestClient};

export async function harness(options: SimulatorOptions = {}): Promise<Harness> {
	const sim = await startSimulator(options);
	return {sim, client: new DigestClient(sim.baseUrl, sim.keys)};
}

export function jsonPost(body: unknown, accept = V2024): {method: string; accept: string; headers: Record<string, string>; body: string} {
	return {method: 'POST', accept, headers: {'content-type': 'application/json'}, body: typeof body === 'string' ? body : JSON.stringify(body)};
}
