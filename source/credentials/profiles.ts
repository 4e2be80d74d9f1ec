// The list of profiles in `profiles.json` under the platform config directory. It holds only
// non-secret fields (an API key's public key or a service account's client id); private keys and
// client secrets live in the OS keychain. Enforced both ways: a private key is
// refused on save, never written (only known fields are copied), and a file holding one is rejected.
// Every change is a read-modify-write under a cross-process lock (profile-lock.ts); the file itself
// is read and written only as a regular file of this user (profile-file.ts).
import path from 'node:path';
import {API_VERSIONS, type ApiVersion} from '../atlas/types.js';
import {CredentialsError} from './errors.js';
import {ensureProfileDir, readProfileFile, writeProfileFile} from './profile-file.js';
import {withProfileLock} from './profile-lock.js';

/** A profile holds one kind of credential: an API key (`publicKey`) or a service account (`clientId`); its secret is in the keychain. */
export type Profile = {
	name: string;
	/** API key profiles. */
	publicKey?: string;
	/** Service account profiles (`mdb_sa_id_…`). */
	clientId?: string;
	projectId?: string;
	baseUrl?: string;
	apiVersion?: ApiVersion;
};

export type ProfileStore = {
	/** Absolute path of profiles.json (finding it may fail with a ConfigDirError when there is no home directory). */
	location(): Promise<string>;
	/** Every profile, sorted by name. */
	list(): Promise<Profile[]>;
	get(name: string): Promise<Profile | undefined>;
	/** Adds or replaces the profile with this name. */
	save(profile: Profile, options?: SaveOptions): Promise<void>;
	/** True when a profile was removed. Removing the default profile clears the default. */
	remove(name: string): Promise<boolean>;
	/** The profile chosen with setDefault, or 'default'. */
	getDefaultName(): Promise<string>;
	/** Marks an existing profile as the default. */
	setDefault(name: string): Promise<void>;
};

export type SaveOptions = {
	/** Also make it the default when the default profile does not exist (in the same locked update). */
	defaultIfUnset?: boolean;
	/**
	 * Runs holding the lock, after the file was read and checked and before it is written (login
	 * stores the secret here). Returns an undo, run when the write then fails, so that no secret is
	 * left in the keychain without the profile that points to it.
	 */
	beforeWrite?: () => Promise<() => Promise<unknown>>;
};

export const CONFIG_DIR_ENV = 'ATLAS_EXPORT_BUCKET_CONFIG_DIR';
export const PROFILES_FILE = 'profiles.json';
export const DEFAULT_PROFILE_NAME = 'default';
const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** Field names that look like a secret: never accepted in the profile file. */
const SECRET_FIELD = /private|secret|password|passwd|token/i;

/** Read-modify-write of one file, one at a time within this process (no lost update between two saves). */
const fileQueues = new Map<string, Promise<unknown>>();

async function serialized<T>(file: string, update: () => Promise<T>): Promise<T> {
	const previous = fileQueues.get(file) ?? Promise.resolve();
	const next = previous.then(update, update);
	const settled = next.then(() => undefined, () => undefined);
	fileQueues.set(file, settled);
	try {
		return await next;
	} finally {
		if (fileQueues.get(file) === settled) fileQueues.delete(file);
	}
}

type ProfilesFile = {
	version: 1;
	default?: string;
	profiles: Profile[];
};

/** No directory for profiles.json: no $ATLAS_EXPORT_BUCKET_CONFIG_DIR and no home directory to derive one from. */
export class ConfigDirError extends CredentialsError {
	override readonly name: string = 'ConfigDirError';
}

/**
 * The directory holding profiles.json: $ATLAS_EXPORT_BUCKET_CONFIG_DIR, else the platform config dir
 * (XDG_CONFIG_HOME on Linux). env-paths asks the OS for the home directory as it loads, which throws
 * for a user with neither HOME nor a passwd entry: it is loaded only here, when a path is needed, and
 * that failure becomes a one-line ConfigDirError naming the variable to set.
 */
export async function defaultConfigDir(
	env: NodeJS.ProcessEnv = process.env,
	platformConfigDir: () => Promise<string> = async () => (await import('env-paths')).default('atlas-export-bucket', {suffix: ''}).config,
): Promise<string> {
	const override = env[CONFIG_DIR_ENV]?.trim();
	if (override) return path.resolve(override);
	try {
		return await platformConfigDir();
	} catch (error) {
		throw new ConfigDirError(
			`Cannot locate the profile file: there is no home directory (HOME is unset and the user has no passwd entry).`,
			`Set ${CONFIG_DIR_ENV} to a directory for profiles.json, or pass keys via the environment.`,
		);
	}
}

/** Which credential a profile holds. */
export function profileKind(profile: Pick<Profile, 'clientId'>): 'apiKey' | 'serviceAccount' {
	return profile.clientId === undefined ? 'apiKey' : 'serviceAccount';
}

export function isValidProfileName(name: string): boolean {
	return PROFILE_NAME.test(name);
}

export type ProfileStoreOptions = {
	/** `dir` may be a function: it is called (once) only when the file is first needed. */
	dir?: string | (() => Promise<string>);
	/** Called once when another process holds the file's lock and this one starts waiting. */
	onLockWait?: (file: string) => void;
	/** How long to wait for that lock, in milliseconds (profile-lock.ts's default otherwise). */
	lockWaitMs?: number;
};

export function createProfileStore(options: ProfileStoreOptions = {}): ProfileStore {
	const {dir: given} = options;
	let located: Promise<string> | undefined;
	const locateDir = async (): Promise<string> => {
		located ??= typeof given === 'string' ? Promise.resolve(given) : (given ?? defaultConfigDir)();
		return located;
	};
	const locate = async (): Promise<{dir: string; file: string}> => {
		const dir = await locateDir();
		return {dir, file: path.join(dir, PROFILES_FILE)};
	};

	const read = async (): Promise<ProfilesFile> => {
		const {file} = await locate();
		const text = await readProfileFile(file);
		return text === undefined ? {version: 1, profiles: []} : parseProfilesFile(text, file);
	};

	const write = async (data: ProfilesFile): Promise<void> => {
		const {file} = await locate();
		const clean: ProfilesFile = {
			version: 1,
			...(data.default === undefined ? {} : {default: data.default}),
			profiles: data.profiles.map(profile => copyKnownFields(profile)).sort((a, b) => a.name.localeCompare(b.name)),
		};
		try {
			await writeProfileFile(file, `${JSON.stringify(clean, null, '\t')}\n`);
		} catch (error) {
			if (error instanceof CredentialsError) throw error;
			throw new CredentialsError(`Cannot write the profile file ${file}: ${(error as Error).message}`, 'Check that the directory is writable.');
		}
	};

	/** One update at a time in this process (the queue), and across processes (the lock). */
	const queued = async <T>(update: () => Promise<T>): Promise<T> => {
		const {dir, file} = await locate();
		return serialized(file, async () => {
			try {
				await ensureProfileDir(dir);
			} catch (error) {
				throw new CredentialsError(`Cannot create the directory ${dir} for the profile file: ${(error as Error).message}`, 'Check that its parent is writable, or set ATLAS_EXPORT_BUCKET_CONFIG_DIR.');
			}

			return withProfileLock(file, update, {
				...(options.lockWaitMs === undefined ? {} : {waitMs: options.lockWaitMs}),
				...(options.onLockWait ? {onWait: () => options.onLockWait?.(file)} : {}),
			});
		});
	};

	return {
		async location() {
			return (await locate()).file;
		},
		async list() {
			const data = await read();
			return data.profiles.map(profile => copyKnownFields(profile)).sort((a, b) => a.name.localeCompare(b.name));
		},
		async get(name) {
			const data = await read();
			const found = data.profiles.find(profile => profile.name === name);
			return found ? copyKnownFields(found) : undefined;
		},
		async save(profile, saveOptions = {}) {
			const checked = validateProfile(profile, 'the profile to save');
			await queued(async () => {
				const data = await read();
				data.profiles = [...data.profiles.filter(existing => existing.name !== checked.name), checked];
				if (saveOptions.defaultIfUnset && !data.profiles.some(existing => existing.name === (data.default ?? DEFAULT_PROFILE_NAME))) data.default = checked.name;
				const undo = await saveOptions.beforeWrite?.();
				try {
					await write(data);
				} catch (error) {
					await undo?.().catch(() => undefined);
					throw error;
				}
			});
		},
		async remove(name) {
			return queued(async () => {
				const data = await read();
				const remaining = data.profiles.filter(profile => profile.name !== name);
				if (remaining.length === data.profiles.length) return false;
				data.profiles = remaining;
				if (data.default === name) delete data.default;
				await write(data);
				return true;
			});
		},
		async getDefaultName() {
			return (await read()).default ?? DEFAULT_PROFILE_NAME;
		},
		async setDefault(name) {
			await queued(async () => {
				const data = await read();
				if (!data.profiles.some(profile => profile.name === name)) {
					throw new CredentialsError(`No profile named '${name}'.`, 'Run `atlas-export-bucket profiles` to see the stored profiles.');
				}

				data.default = name;
				await write(data);
			});
		},
	};
}

function parseProfilesFile(text: string, file: string): ProfilesFile {
	const corrupt = (why: string) => new CredentialsError(
		`The profile file ${file} is corrupt: ${why}.`,
		'Fix or delete that file, then run `atlas-export-bucket login` again (the keys in the keychain are kept).',
	);
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch (error) {
		throw corrupt(`not valid JSON (${(error as Error).message})`);
	}

	if (!isRecord(raw)) throw corrupt('expected a JSON object');
	if (raw.version !== 1) throw corrupt(`unsupported version ${JSON.stringify(raw.version)} (expected 1)`);
	if (raw.default !== undefined && typeof raw.default !== 'string') throw corrupt('"default" must be a string');
	if (!Array.isArray(raw.profiles)) throw corrupt('"profiles" must be an array');

	const profiles: Profile[] = [];
	const names = new Set<string>();
	for (const [index, entry] of raw.profiles.entries()) {
		let profile: Profile;
		try {
			profile = validateProfile(entry, `profile #${index + 1}`);
		} catch (error) {
			if (error instanceof CredentialsError) throw corrupt(error.message.replace(/\.$/, ''));
			throw error;
		}

		if (names.has(profile.name)) throw corrupt(`profile '${profile.name}' appears twice`);
		names.add(profile.name);
		profiles.push(profile);
	}

	return {version: 1, ...(raw.default === undefined ? {} : {default: raw.default}), profiles};
}

function validateProfile(value: unknown, what: string): Profile {
	if (!isRecord(value)) throw new CredentialsError(`${what} must be an object.`);
	for (const key of Object.keys(value)) {
		if (SECRET_FIELD.test(key)) {
			throw new CredentialsError(
				`${what} has a field '${key}': private keys are never stored in the profile file.`,
				'Private keys belong in the OS keychain (`atlas-export-bucket login`) or in MONGODB_ATLAS_PRIVATE_API_KEY.',
			);
		}
	}

	const {name, publicKey, clientId, projectId, baseUrl, apiVersion} = value;
	if (typeof name !== 'string' || !isValidProfileName(name)) {
		throw new CredentialsError(`${what} has an invalid name ${JSON.stringify(name)}: use 1-64 letters, digits, '.', '_' or '-'.`);
	}

	const label = `profile '${name}'`;
	const hasPublicKey = typeof publicKey === 'string' && publicKey.trim() !== '';
	const hasClientId = typeof clientId === 'string' && clientId.trim() !== '';
	if (publicKey !== undefined && !hasPublicKey) throw new CredentialsError(`${label} has no public key (empty or not text).`);
	if (clientId !== undefined && !hasClientId) throw new CredentialsError(`${label} has no client id (empty or not text).`);
	if (hasPublicKey && hasClientId) throw new CredentialsError(`${label} has both a public key and a client id: a profile holds an API key or a service account, not both.`);
	if (!hasPublicKey && !hasClientId) throw new CredentialsError(`${label} has no public key and no client id.`);
	if (projectId !== undefined && typeof projectId !== 'string') throw new CredentialsError(`${label} has a projectId that is not a string.`);
	if (baseUrl !== undefined && (typeof baseUrl !== 'string' || !isHttpUrl(baseUrl))) {
		throw new CredentialsError(`${label} has a baseUrl that is not an http(s) URL.`);
	}

	if (apiVersion !== undefined && !API_VERSIONS.includes(apiVersion as ApiVersion)) {
		throw new CredentialsError(`${label} has an apiVersion other than v2 or v1.0.`);
	}

	return copyKnownFields({
		name,
		...(hasPublicKey ? {publicKey: (publicKey as string).trim()} : {clientId: (clientId as string).trim()}),
		...(projectId === undefined || projectId === '' ? {} : {projectId}),
		...(baseUrl === undefined ? {} : {baseUrl}),
		...(apiVersion === undefined ? {} : {apiVersion: apiVersion as ApiVersion}),
	});
}

/** Copies only the non-secret fields a profile may hold: anything else never reaches the file. */
function copyKnownFields(profile: Profile): Profile {
	return {
		name: profile.name,
		...(profile.publicKey === undefined ? {} : {publicKey: profile.publicKey}),
		...(profile.clientId === undefined ? {} : {clientId: profile.clientId}),
		...(profile.projectId === undefined ? {} : {projectId: profile.projectId}),
		...(profile.baseUrl === undefined ? {} : {baseUrl: profile.baseUrl}),
		...(profile.apiVersion === undefined ? {} : {apiVersion: profile.apiVersion}),
	};
}

function isHttpUrl(value: string): boolean {
	try {
		const url = new URL(value);
		return url.protocol === 'https:' || url.protocol === 'http:';
	} catch {
		return false;
	}
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
