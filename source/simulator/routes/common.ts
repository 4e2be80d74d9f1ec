import {groupNotFound, SimulatorHttpError} from '../errors.js';
import {OBJECT_ID} from '../ids.js';
import type {SeedProject} from '../seed.js';
import type {RouteContext} from './types.js';

export function requireGroup(context: RouteContext, groupId: string): SeedProject {
	if (!OBJECT_ID.test(groupId)) {
		throw new SimulatorHttpError(404, 'INVALID_GROUP_ID', `The specified group ID ${groupId} is invalid.`);
	}
	const project = context.state.project(groupId);
	if (!project) throw groupNotFound(groupId);
	return project;
}

export function selfLink(context: RouteContext, path = context.path): Array<{href: string; rel: string}> {
	return [{href: `${context.origin}${path}`, rel: 'self'}];
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
