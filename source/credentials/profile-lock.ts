// One writer of profiles.json at a time, across processes: ten `login --profile pN` run in parallel
// keep all ten profiles. Every read-modify-write of the file happens under a lock, a directory
// `profiles.json.lock` beside it created atomically (proper-lockfile, see the README's dependency
// list). The holder refreshes the lock's mtime while it works; a lock whose mtime is older than
// LOCK_STALE_MS was left by a process that died and is taken over. A busy lock is waited for (the
// caller is told once, so the user sees why nothing happens), at most `waitMs`, then a clear error.
// proper-lockfile is loaded on first use: nothing before the first frame pays for it.
import {CredentialsError} from './errors.js';

/** A lock not refreshed for this long belongs to a process that died. */
export const LOCK_STALE_MS = 10_000;
/** How long a writer waits for a busy lock: longer than LOCK_STALE_MS, so a dead holder's lock is taken over within it. */
export const DEFAULT_LOCK_WAIT_MS = 15_000;

export type ProfileLockOptions = {
	/** How long to wait for a busy lock, in milliseconds (0: do not wait). */
	waitMs?: number;
	/** Called once when the lock is busy and the wait begins. */
	onWait?: () => void;
};

/** The lock directory of a profile file. */
export function lockPathOf(file: string): string {
	return `${file}.lock`;
}

/** Runs `update` holding the profile file's lock; the lock is released however `update` ends. */
export async function withProfileLock<T>(file: string, update: () => Promise<T>, options: ProfileLockOptions = {}): Promise<T> {
	const {default: lockfile} = await import('proper-lockfile');
	const waitMs = options.waitMs ?? DEFAULT_LOCK_WAIT_MS;
	const base = {
		// The lock is the file's path plus .lock, never resolved through a link (the file may not exist yet).
		realpath: false,
		lockfilePath: lockPathOf(file),
		stale: LOCK_STALE_MS,
		// proper-lockfile's default throws from a timer (a crash). An update here takes well under
		// LOCK_STALE_MS (its keychain call is timeboxed at 3 s), so a lost lock can only mean a machine
		// that slept: the file is still written whole either way.
		onCompromised() {},
	};
	const failed = (error: unknown) => new CredentialsError(
		`Cannot lock the profile file ${file}: ${(error as Error).message}`,
		'Check that its directory is writable.',
	);

	let release: () => Promise<void>;
	try {
		release = await lockfile.lock(file, base);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw failed(error);
		options.onWait?.();
		try {
			if (waitMs <= 0) throw error;
			release = await lockfile.lock(file, {...base, retries: {retries: Math.ceil(waitMs / 50), factor: 1.5, minTimeout: 50, maxTimeout: 500, maxRetryTime: waitMs}});
		} catch (waitError) {
			if ((waitError as NodeJS.ErrnoException).code !== 'ELOCKED') throw failed(waitError);
			throw new CredentialsError(
				`Another atlas-export-bucket is changing the profile file ${file}: its lock (${lockPathOf(file)}) was still held after ${formatSeconds(waitMs)}.`,
				`Retry once it has finished. If no other atlas-export-bucket is running, the lock was left by one that died: it is taken over ${LOCK_STALE_MS / 1000} s after its last refresh, or remove ${lockPathOf(file)}.`,
			);
		}
	}

	try {
		return await update();
	} finally {
		await release().catch(() => undefined);
	}
}

function formatSeconds(ms: number): string {
	return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
