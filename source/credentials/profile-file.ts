// Reading and writing profiles.json on a machine shared with others. The file is opened without
// following a link and without waiting (O_NOFOLLOW | O_NONBLOCK) and used only when it is a regular
// file owned by this user: a symbolic link (to /dev/zero, to someone else's file), a FIFO (which
// would block a plain read forever) or a device at its path is refused with a message naming the
// path. Writes go to a fresh temporary file (O_EXCL | O_NOFOLLOW, random name, 0600), fsync'd and
// renamed over the path; a link or other non-regular file at the path is refused before writing,
// and rename replaces a link planted in between rather than writing through it. (write-file-atomic
// was used before: it resolves the path with realpath, so it wrote through a symlink, and it opens
// its predictable temporary name without O_EXCL.)
// The directory is created 0700 when missing; a directory that already exists is the user's and is
// never chmodded (a shared 1777 directory must stay 1777). A symlinked config directory (dotfiles
// setups link ~/.config) is followed: only the file itself must be a regular file.
import {randomBytes} from 'node:crypto';
import {constants, type Stats} from 'node:fs';
import {chmod, lstat, mkdir, open, rename, rm} from 'node:fs/promises';
import path from 'node:path';
import {CredentialsError} from './errors.js';

/** Far more than any real profile list; a bigger file is not ours. */
export const MAX_PROFILE_FILE_BYTES = 1024 * 1024;

// O_NOFOLLOW: a link is refused by open itself; O_NONBLOCK: a FIFO opens at once (and is then refused).
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
const CREATE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
const uid = process.getuid?.();

/** What a non-regular file is, in words. */
function kindOf(stats: Stats): string {
	if (stats.isSymbolicLink()) return 'a symbolic link';
	if (stats.isFIFO()) return 'a FIFO (named pipe)';
	if (stats.isDirectory()) return 'a directory';
	if (stats.isSocket()) return 'a socket';
	if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
	return 'not a regular file';
}

function refused(file: string, why: string): CredentialsError {
	return new CredentialsError(
		`The profile file ${file} is ${why}: refused (it is never followed or read through).`,
		`Move it away and run \`atlas-export-bucket login\` again, or set ATLAS_EXPORT_BUCKET_CONFIG_DIR to another directory.`,
	);
}

/** The file's text, or undefined when there is no file yet. */
export async function readProfileFile(file: string): Promise<string | undefined> {
	let handle;
	try {
		handle = await open(file, READ_FLAGS);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') return undefined;
		if (code === 'ELOOP') throw refused(file, 'a symbolic link');
		throw new CredentialsError(`Cannot read the profile file ${file}: ${(error as Error).message}`, 'Check its permissions.');
	}

	try {
		const stats = await handle.stat();
		if (!stats.isFile()) throw refused(file, kindOf(stats));
		if (uid !== undefined && stats.uid !== uid) throw refused(file, `owned by another user (uid ${stats.uid})`);
		if (stats.size > MAX_PROFILE_FILE_BYTES) throw refused(file, `${stats.size} bytes, larger than a profile file can be (${MAX_PROFILE_FILE_BYTES})`);
		// Never more than the size checked above.
		const buffer = Buffer.alloc(stats.size);
		let filled = 0;
		for (let read = 1; filled < buffer.length && read > 0; filled += read) {
			({bytesRead: read} = await handle.read(buffer, filled, buffer.length - filled, filled));
		}

		return buffer.subarray(0, filled).toString('utf8');
	} finally {
		await handle.close();
	}
}

/**
 * Creates the directory (0700) when it is missing; chmods only what this call created, never a
 * directory that was already there.
 */
export async function ensureProfileDir(dir: string): Promise<void> {
	const first = await mkdir(dir, {recursive: true, mode: 0o700});
	if (first === undefined) return;
	// mkdir's mode is filtered by the umask: set 0700 on each directory created here, and no other.
	for (let created = path.resolve(dir); ; created = path.dirname(created)) {
		await chmod(created, 0o700);
		if (created === path.resolve(first) || created === path.dirname(created)) break;
	}
}

/** Replaces the file whole (temp file, fsync, rename), 0600; refuses a non-regular file at the path. */
export async function writeProfileFile(file: string, text: string): Promise<void> {
	const existing = await lstat(file).catch((error: NodeJS.ErrnoException) => {
		if (error.code === 'ENOENT') return undefined;
		throw error;
	});
	if (existing && !existing.isFile()) throw refused(file, kindOf(existing));

	const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(8).toString('hex')}.tmp`);
	const handle = await open(temporary, CREATE_FLAGS, 0o600);
	let renamed = false;
	try {
		try {
			await handle.writeFile(text, 'utf8');
			await handle.sync();
		} finally {
			await handle.close();
		}

		await rename(temporary, file);
		renamed = true;
	} finally {
		if (!renamed) await rm(temporary, {force: true});
	}
}
