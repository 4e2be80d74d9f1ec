// Input checks that run before any request (and live in the wizard as the user types). Each check is
// pure and returns either the cleaned value or a message with, when we can tell, the value meant.

export type CheckResult = {ok: true; value: string} | {ok: false; message: string; suggestion?: string};

/** Bad input caught before anything was sent. */
export class ValidationError extends Error {
	readonly field: string;
	readonly suggestion?: string;

	constructor(field: string, message: string, suggestion?: string) {
		super(message);
		this.name = 'ValidationError';
		this.field = field;
		if (suggestion !== undefined) this.suggestion = suggestion;
	}
}

const OBJECT_ID = /^[a-f\d]{24}$/;
const OBJECT_ID_ANY_CASE = /^[a-f\d]{24}$/i;
const OBJECT_ID_INSIDE = /(?:^|[^a-f\d])([a-f\d]{24})(?:[^a-f\d]|$)/i;
const AWS_ROLE_ARN = /^arn:aws(?:-[a-z]+)*:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/;
const AWS_ANY_ARN = /^arn:aws(?:-[a-z]+)*:/;
// AWS unique ids: AROA (role), AIDA (user), AKIA/ASIA (access keys); 16+ upper-case alphanumerics after the prefix.
const AWS_UNIQUE_ID = /^(AROA|AIDA|AKIA|ASIA|ANPA|AGPA)[A-Z\d]{12,}$/;
const UUID = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;

function fail(message: string, suggestion?: string): CheckResult {
	return suggestion === undefined ? {ok: false, message} : {ok: false, message, suggestion};
}

/** Atlas project (group) id: 24 lower-case hex characters. */
export function checkProjectId(input: string): CheckResult {
	const value = typeof input === 'string' ? input.trim() : '';
	if (value === '') return fail('Enter the Atlas project id (24 hexadecimal characters).');
	if (OBJECT_ID.test(value)) return {ok: true, value};
	if (OBJECT_ID_ANY_CASE.test(value)) {
		return fail('An Atlas project id is written in lower case.', value.toLowerCase());
	}
	if (/^https?:\/\//i.test(value)) {
		const found = OBJECT_ID_INSIDE.exec(value)?.[1];
		if (found) return fail('That is an Atlas URL, not a project id; the id is the 24-character part of it.', found.toLowerCase());
		return fail('That is a URL, not a project id: the project id is 24 hexadecimal characters (Project Settings in the Atlas UI).');
	}
	return fail(`An Atlas project id is 24 hexadecimal characters (0-9, a-f); this one has ${value.length} characters${/[^a-f\d]/i.test(value) ? ' and others than 0-9, a-f' : ''}.`);
}

/** The Atlas cloud-provider-access role id (`roleId`, sent as `iamRoleId`): 24 lower-case hex characters. */
export function checkRoleId(input: string): CheckResult {
	const value = typeof input === 'string' ? input.trim() : '';
	if (value === '') return fail('Enter the Atlas role id (24 hexadecimal characters) from the project\'s Cloud Provider Access.');
	if (OBJECT_ID.test(value)) return {ok: true, value};
	if (OBJECT_ID_ANY_CASE.test(value)) return fail('An Atlas role id is written in lower case.', value.toLowerCase());
	if (AWS_ROLE_ARN.test(value)) {
		return fail('That is the AWS IAM role ARN. The role id Atlas wants is its own id for the role (24 hex characters, the roleId listed under Cloud Provider Access), not the AWS ARN.');
	}
	if (AWS_ANY_ARN.test(value)) {
		return fail('That is an AWS ARN. The role id Atlas wants is its own id for the role (24 hex characters, the roleId listed under Cloud Provider Access).');
	}
	if (AWS_UNIQUE_ID.test(value)) {
		return fail(`That is an AWS unique id (${value.slice(0, 4)}…), not the Atlas role id. Use the 24-hex roleId that Atlas lists under Cloud Provider Access.`);
	}
	if (UUID.test(value)) {
		return fail('That looks like the external id (a UUID) from the trust policy. The Atlas role id is the 24-hex roleId listed under Cloud Provider Access.');
	}
	return fail(`An Atlas role id is 24 hexadecimal characters (0-9, a-f); this one has ${value.length} characters.`);
}

/** The id Atlas gave a registered export bucket: 24 lower-case hex characters. */
export function checkExportBucketId(input: string): CheckResult {
	const value = typeof input === 'string' ? input.trim() : '';
	if (value === '') return fail('Enter the export bucket id (24 hexadecimal characters, as listed by Atlas).');
	if (OBJECT_ID.test(value)) return {ok: true, value};
	if (OBJECT_ID_ANY_CASE.test(value)) return fail('An export bucket id is written in lower case.', value.toLowerCase());
	if (!bucketRuleViolation(value) || extractPastedBucket(value)) {
		return fail('That looks like an S3 bucket name; this needs the id Atlas gave the export bucket (24 hex characters, shown by the list).');
	}
	return fail(`An export bucket id is 24 hexadecimal characters (0-9, a-f); this one has ${value.length} characters.`);
}

// arn:<partition>:iam::<12-digit account>:role/<path/><name>; IAM names are 1-64 of [\w+=,.@-], a path up to 512.
const IAM_ROLE_ARN = /^arn:(aws|aws-us-gov|aws-cn):iam::(\d{12}):role\/((?:[\w+=,.@-]+\/)*)([\w+=,.@-]{1,64})$/;
const ARN_PARTS = /^arn:([^:]*):([^:]*):([^:]*):([^:]*):(.*)$/i;
const IAM_NAME = /^[\w+=,.@-]{1,64}$/;
const ROLE_ARN_EXAMPLE = 'arn:aws:iam::123456789012:role/my-atlas-export-role';

/** An AWS IAM role ARN, as given when authorizing an Atlas role: `arn:<aws|aws-us-gov|aws-cn>:iam::<12 digits>:role/<path/name>`. */
export function checkIamRoleArn(input: string): CheckResult {
	const value = typeof input === 'string' ? input.trim() : '';
	if (value === '') return fail('Enter the ARN of your AWS IAM role (arn:aws:iam::<account>:role/<name>).');
	if (IAM_ROLE_ARN.test(value)) return {ok: true, value};
	if (OBJECT_ID.test(value)) return fail('That is an Atlas id; authorizing needs the AWS IAM role ARN (arn:aws:iam::<account>:role/<name>).');
	if (AWS_UNIQUE_ID.test(value)) return fail('That is an AWS unique id; authorizing needs the role ARN (arn:aws:iam::<account>:role/<name>).');
	if (UUID.test(value)) return fail('That looks like the external id (a UUID) from the trust policy; authorizing needs the AWS IAM role ARN (arn:aws:iam::<account>:role/<name>).');
	const parts = ARN_PARTS.exec(value);
	if (!parts) {
		if (IAM_NAME.test(value)) {
			return fail(`That is a role name; Atlas needs the role's full ARN, arn:aws:iam::<12-digit account>:role/${value} (\`aws iam get-role --role-name ${value}\` prints it).`);
		}
		return fail(`An AWS IAM role ARN looks like ${ROLE_ARN_EXAMPLE}.`);
	}
	const [, partition = '', service = '', , account = '', resource = ''] = parts;
	const lowered = `arn:${partition.toLowerCase()}:${service.toLowerCase()}${value.slice(5 + partition.length + service.length)}`;
	if (lowered !== value && IAM_ROLE_ARN.test(lowered)) return fail('The arn:aws:iam prefix is written in lower case.', lowered);
	if (service === 's3') {
		return fail(`That is an S3 ARN (the bucket). Authorizing needs the ARN of the AWS IAM role Atlas assumes to write to it, e.g. ${ROLE_ARN_EXAMPLE}.`);
	}
	if (!['aws', 'aws-us-gov', 'aws-cn'].includes(partition)) {
		return fail(`The partition "${partition}" is not one Atlas works in: use aws, aws-us-gov or aws-cn (arn:aws:iam::<account>:role/<name>).`);
	}
	if (service === 'sts') {
		// arn:aws:sts::123456789012:assumed-role/NAME/SESSION: a session of the role, whose ARN has the same name.
		const assumed = /^assumed-role\/([\w+=,.@-]{1,64})\/[^/]+$/.exec(resource);
		const suggestion = assumed?.[1] && /^\d{12}$/.test(account) ? `arn:${partition}:iam::${account}:role/${assumed[1]}` : undefined;
		return fail('That is an STS session ARN (an assumed role); authorizing needs the IAM role ARN (arn:aws:iam::<account>:role/<name>). If the role has a path, add it after role/.', suggestion);
	}
	if (service !== 'iam') return fail(`That is an ARN of the ${service || 'unknown'} service; authorizing needs an IAM role ARN (arn:aws:iam::<account>:role/<name>).`);
	if (!/^\d{12}$/.test(account)) return fail(`The account in an IAM role ARN is 12 digits; this one is "${account}".`);
	const instanceProfile = /^instance-profile\/((?:[\w+=,.@-]+\/)*)([\w+=,.@-]{1,64})$/.exec(resource);
	if (instanceProfile) {
		// An instance profile is a container for a role, usually one of the same name (the console makes them so).
		return fail('That is an instance profile ARN, the container EC2 uses for a role; Atlas needs the role\'s own ARN (usually the same name under role/).', `arn:${partition}:iam::${account}:role/${instanceProfile[1]}${instanceProfile[2]}`);
	}
	if (/^(?:user|group|policy)\//.test(resource) || resource === 'root') {
		return fail(`That ARN names an IAM ${resource === 'root' ? 'account root' : resource.split('/')[0]}, not a role; it must look like arn:${partition}:iam::${account}:role/<name>.`);
	}
	if (resource.startsWith('role/')) {
		return fail('A role name is 1 to 64 of the characters a-z, A-Z, 0-9 and +=,.@_- (a path, if any, of the same characters between slashes).');
	}
	return fail(`An AWS IAM role ARN looks like ${ROLE_ARN_EXAMPLE}.`);
}

/** The IAM role name in a role ARN (the path left out): how people know their roles. Undefined for anything else. */
export function roleNameFromArn(arn: string | undefined): string | undefined {
	if (arn === undefined) return undefined;
	return IAM_ROLE_ARN.exec(arn.trim())?.[4];
}

/**
 * A character named so that it can be read in a message: "x" as “x”, and a control, space or invisible
 * character as its code point (U+007F), never as itself (it would show as nothing, or move the cursor).
 */
export function visibleCharacter(char: string): string {
	const code = char.codePointAt(0) ?? 0;
	const invisible = code <= 0x20 || (code >= 0x7F && code <= 0xA0) || code === 0xAD || (code >= 0x200B && code <= 0x200F) || (code >= 0x2028 && code <= 0x202E) || (code >= 0x2060 && code <= 0x2064) || code === 0xFEFF;
	return invisible ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}` : `“${char}”`;
}

const IPV4_SHAPED = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const FORBIDDEN_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const FORBIDDEN_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3'];

/** The S3 naming rules for general purpose buckets; undefined when the name passes. */
function bucketRuleViolation(name: string): string | undefined {
	if (name.length < 3 || name.length > 63) return `A bucket name is 3 to 63 characters long; this one has ${name.length}.`;
	if (/[A-Z]/.test(name)) return 'A bucket name has no upper-case letters.';
	const bad = name.match(/[^a-z\d.-]/g);
	if (bad) return `A bucket name may only contain a-z, 0-9, dots and hyphens; found ${[...new Set(bad)].map(char => visibleCharacter(char)).join(', ')}.`;
	if (!/^[a-z\d]/.test(name) || !/[a-z\d]$/.test(name)) return 'A bucket name starts and ends with a letter or digit.';
	if (name.includes('..')) return 'A bucket name has no two adjacent dots.';
	if (IPV4_SHAPED.test(name)) return 'A bucket name must not be shaped like an IP address.';
	const prefix = FORBIDDEN_PREFIXES.find(item => name.startsWith(item));
	if (prefix) return `A bucket name must not start with "${prefix}" (reserved by AWS).`;
	const suffix = FORBIDDEN_SUFFIXES.find(item => name.endsWith(item));
	if (suffix) return `A bucket name must not end with "${suffix}" (reserved by AWS).`;
	return undefined;
}

type Pasted = {what: string; name: string};

/** Recognise the usual things people paste instead of the bare bucket name. */
function extractPastedBucket(value: string): Pasted | undefined {
	let match = /^s3a?:\/\/([^/?#\s]+)/i.exec(value);
	if (match?.[1]) return {what: 'an S3 URI', name: match[1]};
	match = /^arn:aws(?:-[a-z]+)*:s3:::([^/\s]+)/i.exec(value);
	if (match?.[1]) return {what: 'an S3 ARN', name: match[1]};
	if (!/^https?:\/\//i.test(value)) return undefined;
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return undefined;
	}
	const host = url.hostname.toLowerCase();
	const firstSegment = decodeURIComponent(url.pathname.split('/').find(segment => segment !== '') ?? '');
	if (host.endsWith('console.aws.amazon.com')) {
		// https://s3.console.aws.amazon.com/s3/buckets/NAME?region=… or …/s3/object/NAME?…
		const parts = url.pathname.split('/').filter(Boolean);
		const index = parts.findIndex(part => part === 'buckets' || part === 'object');
		const name = index >= 0 ? parts[index + 1] : undefined;
		if (name) return {what: 'an AWS console URL', name: decodeURIComponent(name)};
		return undefined;
	}
	// Virtual-hosted style: NAME.s3.amazonaws.com, NAME.s3.REGION.amazonaws.com, NAME.s3-REGION.amazonaws.com,
	// NAME.s3.dualstack.REGION.amazonaws.com, NAME.s3-website-REGION.amazonaws.com
	match = /^(.+?)\.s3(?:[.-][a-z\d-]+)*\.amazonaws\.com(?:\.cn)?$/.exec(host);
	if (match?.[1]) return {what: 'a bucket URL', name: match[1]};
	// Path style: s3.amazonaws.com/NAME, s3.REGION.amazonaws.com/NAME, s3-REGION.amazonaws.com/NAME
	if (/^s3(?:[.-][a-z\d-]+)*\.amazonaws\.com(?:\.cn)?$/.test(host) && firstSegment) {
		return {what: 'a bucket URL', name: firstSegment};
	}
	return undefined;
}

/** An S3 bucket name as Atlas wants it: the bare name, following the AWS general purpose rules. */
export function checkBucketName(input: string): CheckResult {
	const value = typeof input === 'string' ? input.trim() : '';
	if (value === '') return fail('Enter the S3 bucket name.');
	const pasted = extractPastedBucket(value);
	if (pasted) {
		const bare = pasted.name.toLowerCase() === pasted.name ? pasted.name : pasted.name.toLowerCase();
		const problem = bucketRuleViolation(bare);
		if (problem) return fail(`That is ${pasted.what}, not a bucket name, and the name in it is not valid either: ${problem}`);
		return fail(`That is ${pasted.what}; Atlas wants the bare bucket name.`, bare);
	}
	const problem = bucketRuleViolation(value);
	if (!problem) return {ok: true, value};
	if (/[A-Z]/.test(value) && !bucketRuleViolation(value.toLowerCase())) return fail(problem, value.toLowerCase());
	if (/\s/.test(value)) {
		const collapsed = value.replace(/\s+/g, '-');
		if (!bucketRuleViolation(collapsed)) return fail('A bucket name has no spaces.', collapsed);
	}
	return fail(problem);
}

/** Throw a ValidationError for a failed check; return the cleaned value otherwise. */
export function ensureValid(field: string, result: CheckResult): string {
	if (result.ok) return result.value;
	throw new ValidationError(field, result.message, result.suggestion);
}

/** The text of a URL with any `user:password@` taken out, for messages (a URL with userinfo is never printed). */
export function withoutUserinfo(text: string): string {
	return text.replace(/^([a-z][\w+.-]*:\/\/)[^/?#]*@/i, '$1');
}

/**
 * The Atlas base URL: http(s), no userinfo (it would be sent and stored as is), no query and no
 * fragment (the API paths are appended to it). Returns origin + path without the trailing slash.
 */
export function checkBaseUrl(input: string): CheckResult {
	const text = typeof input === 'string' ? input.trim() : '';
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return fail(`The base URL is not a URL: ${JSON.stringify(withoutUserinfo(text))} (expected e.g. https://cloud.mongodb.com).`);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') return fail(`The base URL must be http(s): https://… (got ${url.protocol}).`);
	const safe = withoutUserinfo(text);
	if (url.username !== '' || url.password !== '' || /^[a-z][\w+.-]*:\/\/[^/?#]*@/i.test(text)) {
		return fail(`The base URL must not contain a user name or password (user:password@): the API keys go in the Digest handshake, never in the URL. Use ${url.origin.replace(/\/\/[^@]*@/, '//')}${url.pathname.replace(/\/+$/, '')}.`);
	}
	if (text.includes('?')) return fail(`The base URL must not contain a query (the part from "?"): ${safe}`);
	if (text.includes('#')) return fail(`The base URL must not contain a fragment (the part from "#"): ${safe}`);
	return {ok: true, value: `${url.origin}${url.pathname.replace(/\/+$/, '')}`};
}

/** Plain http:// to a host that is not this machine: Digest over cleartext exposes the requests and a crackable hash. */
export function isCleartextRemote(baseUrl: string): boolean {
	let url: URL;
	try {
		url = new URL(baseUrl);
	} catch {
		return false;
	}
	if (url.protocol !== 'http:') return false;
	const host = url.hostname.replace(/^\[|\]$/g, '');
	return !(host === 'localhost' || host.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1');
}

/**
 * A public API key as it goes into the Digest header's username: no quote, backslash, whitespace or
 * control character (each would break or inject into the Authorization header).
 */
export function checkPublicKey(input: string): CheckResult {
	const value = typeof input === 'string' ? input : '';
	if (value === '') return fail('Enter the public API key.');
	// eslint-disable-next-line no-control-regex
	const bad = /["\\\s\u0000-\u001f\u007f-\u009f]/.exec(value)?.[0];
	if (bad !== undefined) {
		const what = bad === '"' ? 'a double quote' : bad === '\\' ? 'a backslash' : /\s/.test(bad) ? 'whitespace' : 'a control character';
		return fail(`The public API key contains ${what}; Atlas public keys are letters only (e.g. abcdefgh). Nothing was sent.`);
	}
	return {ok: true, value};
}
