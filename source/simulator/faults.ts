// Injected faults for tests: each matches authenticated requests by method and path, a number of times.

/** `reset` drops the connection before the request is handled; `lostAnswer` handles it, then drops the connection unanswered. */
export type FaultKind = 'latency' | 'http500' | 'http502html' | 'reset' | 'lostAnswer' | 'malformedJson';

export type Fault = {
	kind: FaultKind;
	method?: string;
	/** A string matches a path equal to it or ending with it; a RegExp is tested against the path. */
	path?: string | RegExp;
	/** How many matching requests it hits (default 1). */
	times?: number;
	/** For `latency` (default 1000). */
	latencyMs?: number;
};

type ArmedFault = Fault & {remaining: number};

export class FaultList {
	private faults: ArmedFault[] = [];

	add(fault: Fault): void {
		this.faults.push({...fault, remaining: fault.times ?? 1});
	}

	clear(): void {
		this.faults = [];
	}

	/** The first matching latency fault and the first other matching fault, each spent once. */
	take(method: string, path: string): Fault[] {
		const matching = this.faults.filter(fault => fault.remaining > 0 && matches(fault, method, path));
		const latency = matching.find(fault => fault.kind === 'latency');
		const other = matching.find(fault => fault.kind !== 'latency');
		const hits = [latency, other].filter((fault): fault is ArmedFault => fault !== undefined);
		for (const fault of hits) fault.remaining -= 1;
		this.faults = this.faults.filter(fault => fault.remaining > 0);
		return hits;
	}
}

function matches(fault: Fault, method: string, path: string): boolean {
	if (fault.method && fault.method.toUpperCase() !== method.toUpperCase()) return false;
	if (fault.path === undefined) return true;
	if (typeof fault.path === 'string') return path === fault.path || path.endsWith(fault.path);
	fault.path.lastIndex = 0;
	return fault.path.test(path);
}

/** What a load balancer in front of Atlas answers when the backend is down. */
export const BAD_GATEWAY_PAGE = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
</body>
</html>
`;
