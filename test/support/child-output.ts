import type {ChildProcessWithoutNullStreams} from 'node:child_process';

export type ChildOutput = {code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string};

/**
 * Feeds `input` to a spawned child's stdin and collects its output until its streams close
 * ('close', not 'exit': after 'exit' the last chunks of stdout may still be unread).
 */
export async function childOutput(child: ChildProcessWithoutNullStreams, input = ''): Promise<ChildOutput> {
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', chunk => {
		stdout += String(chunk);
	});
	child.stderr.on('data', chunk => {
		stderr += String(chunk);
	});
	child.stdin.end(input);
	const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>(resolve => {
		child.once('close', (exitCode, exitSignal) => resolve([exitCode, exitSignal]));
	});
	return {code, signal, stdout, stderr};
}
