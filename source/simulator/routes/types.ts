import type {IamPropagation} from '../iam-propagation.js';
import type {AccessNeed, Caller} from '../authorization.js';
import type {SimulatorState} from '../state.js';
import type {DeprecationInfo} from '../versions.js';

export type Generation = 'v2' | 'v1.0';

export type RouteContext = {
	state: SimulatorState;
	generation: Generation;
	/** The resource version served (v1.0 requests are served as 2023-01-01). */
	version: string;
	query: Record<string, string>;
	/** Parsed JSON body, for routes that take one. */
	body: unknown;
	/** The origin links name: `http://host:port` as the client addressed us, or the one a test set. */
	origin: string;
	/** The authenticated key or service account making the request. */
	caller: Caller;
	/** The request path without the query. */
	path: string;
	/** Entries of the API key's access list, or null when none is set. */
	accessList: string[] | null;
	/** Whether a freshly authorized role has propagated in AWS IAM yet (delay or test-held gate). */
	iamPropagation: IamPropagation;
	now: number;
	/** Who is calling: the API key (Digest) or the service account (Bearer). */
	principal: 'apiKey' | 'serviceAccount';
};

export type RouteResult = {status: number; body?: unknown; isList?: boolean};

export type Route = {
	method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
	/** Matched against the path after `/api/atlas/{v2|v1.0}`; capture groups become params. */
	pattern: RegExp;
	/** v2 versions this operation answers to. */
	versions: readonly string[];
	deprecated?: Readonly<Record<string, DeprecationInfo>>;
	takesBody?: boolean;
	/** The role the caller needs on the path's project (default: read for GET, owner otherwise). */
	access?: AccessNeed;
	handle(context: RouteContext, params: string[]): RouteResult;
};
