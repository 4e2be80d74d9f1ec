// GET /api/atlas/v2 (and v1.0): the key check.
import {V2023} from '../versions.js';
import {selfLink} from './common.js';
import type {Route} from './types.js';

export const rootRoutes: Route[] = [
	{
		method: 'GET',
		pattern: /^\/?$/,
		versions: [V2023],
		handle(context) {
			const {apiKey} = context.caller;
			const common = {
				appName: 'MongoDB Atlas (embedded simulator)',
				build: 'atlas-export-bucket-simulator',
				links: selfLink(context),
				throttling: false,
			};
			// Atlas describes only an API key here; a service account's token gets the rest.
			if (!apiKey) return {status: 200, body: common};
			return {
				status: 200,
				body: {
					apiKey: {
						id: apiKey.id,
						publicKey: apiKey.publicKey,
						description: apiKey.description,
						roles: apiKey.roles,
						accessList: (context.accessList ?? []).map(entry =>
							entry.includes('/') ? {cidrBlock: entry} : {ipAddress: entry, cidrBlock: `${entry}/${entry.includes(':') ? 128 : 32}`},
						),
					},
					...common,
				},
			};
		},
	},
];
