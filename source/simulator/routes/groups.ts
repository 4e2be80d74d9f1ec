// Projects: GET /groups (paged) and GET /groups/{groupId}.
import {visibleProjects} from '../authorization.js';
import type {SeedProject} from '../seed.js';
import {pageOf, parsePaging} from '../paging.js';
import {V2023} from '../versions.js';
import {requireGroup} from './common.js';
import type {Route, RouteContext} from './types.js';

function groupView(context: RouteContext, project: SeedProject): Record<string, unknown> {
	return {
		id: project.id,
		name: project.name,
		orgId: project.orgId,
		created: project.created,
		clusterCount: project.clusterCount,
		links: [{href: `${context.origin}/api/atlas/${context.generation}/groups/${project.id}`, rel: 'self'}],
	};
}

export const groupRoutes: Route[] = [
	{
		method: 'GET',
		pattern: /^\/groups\/?$/,
		versions: [V2023],
		handle(context) {
			const paging = parsePaging(context.query);
			const projects = visibleProjects(context.caller, context.state.projects).map(project => groupView(context, project));
			return {status: 200, isList: true, body: pageOf(projects, paging, `${context.origin}${context.path}`)};
		},
	},
	{
		method: 'GET',
		pattern: /^\/groups\/([^/]+)\/?$/,
		versions: [V2023],
		handle(context, [groupId = '']) {
			return {status: 200, body: groupView(context, requireGroup(context, groupId))};
		},
	},
];
