// The options every command understands, as commander hands them over (optsWithGlobals()).
import type {ApiVersion} from '../atlas/types.js';

export type GlobalOptions = {
	profile?: string;
	baseUrl?: string;
	apiVersion?: ApiVersion;
	pretty?: boolean;
	envelope?: boolean;
	json?: boolean;
	/** Seconds. */
	timeout?: number;
	verbose?: boolean;
	/** false with --no-color. */
	color?: boolean;
	privateKeyStdin?: boolean;
	clientSecretStdin?: boolean;
};

export type ProjectOptions = GlobalOptions & {projectId?: string};

export type CreateCommandOptions = ProjectOptions & {
	iamRoleId?: string;
	bucket?: string;
	requirePrivateNetworking?: boolean;
	/** Seconds; `true` when the flag is given without a value (then the default applies). */
	waitForIam?: number | true;
	yes?: boolean;
};

export type BucketOptions = ProjectOptions & {bucketId?: string; yes?: boolean};

export type InteractiveOptions = GlobalOptions & {projectId?: string; demo?: boolean};

export type SimulatorCommandOptions = GlobalOptions & {port?: number; host?: string};
