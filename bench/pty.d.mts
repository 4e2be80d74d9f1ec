// Types for pty.mjs, for the TypeScript tests that drive the built CLI through it.
export function stripAnsi(text: string): string;
export function hasScript(): boolean;
export type Pty = {
	readonly text: string;
	waitFor(marker: string | string[], options?: {from?: number; timeoutMs?: number}): Promise<{at: number; index: number; marker: string}>;
	type(keys: string): number;
	exit(timeoutMs?: number): Promise<{code: number | null; at: number}>;
	kill(): void;
};
export function openPty(argv: string[], options?: {env?: NodeJS.ProcessEnv; columns?: number; rows?: number; cwd?: string}): Pty;
