// What an authenticated key may do, from its roles: Atlas answers 401 USER_UNAUTHORIZED ("Current
// user is not authorized to perform this action.") to a valid key that lacks the role. Reading needs
// any project role (Project Read Only at least); export buckets need Project Backup Manager or
// Project Owner; IAM roles and everything else that writes need Project Owner. Organization Owner
// covers its projects; Organization Read Only reads them.
import type {SeedApiKey, SeedProject} from './seed.js';

export type AccessNeed = 'read' | 'backup' | 'owner';

/** Who is calling: an API key, or a service account (which holds roles the same way). */
export type Caller = {
	/** The public key or client id (per-user rate limits count by it). */
	name: string;
	roles: SeedApiKey['roles'];
	/** Set when the caller is an API key (the key check describes it). */
	apiKey?: SeedApiKey;
};

const LEVEL: Record<AccessNeed, number> = {read: 1, backup: 2, owner: 3};

function grantedLevel(roleName: string): number {
	if (roleName === 'ORG_OWNER' || roleName === 'GROUP_OWNER') return LEVEL.owner;
	if (roleName === 'GROUP_BACKUP_MANAGER') return LEVEL.backup;
	if (roleName === 'ORG_READ_ONLY' || roleName.startsWith('GROUP_')) return LEVEL.read;
	return 0;
}

/** The highest level the key holds on the project (0: no role there). */
function levelOn(key: Pick<Caller, 'roles'>, project: SeedProject): number {
	let level = 0;
	for (const role of key.roles) {
		const applies = role.groupId === undefined ? role.orgId === project.orgId && role.roleName.startsWith('ORG_') : role.groupId === project.id;
		if (applies) level = Math.max(level, grantedLevel(role.roleName));
	}
	return level;
}

export function mayAccess(key: Pick<Caller, 'roles'>, project: SeedProject, need: AccessNeed): boolean {
	return levelOn(key, project) >= LEVEL[need];
}

/** The projects `GET /groups` lists for the key. */
export function visibleProjects(key: Pick<Caller, 'roles'>, projects: SeedProject[]): SeedProject[] {
	return projects.filter(project => mayAccess(key, project, 'read'));
}

/** A route's need unless it says otherwise: reads need read, writes need Project Owner. */
export function defaultNeed(method: string): AccessNeed {
	return method === 'GET' ? 'read' : 'owner';
}
