// AWS general-purpose S3 bucket naming rules, as Atlas checks them before trying the bucket.

const FORBIDDEN_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const FORBIDDEN_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3'];

/** Returns why a name breaks the rules, or undefined when it is a valid bucket name. */
export function bucketNameProblem(name: string): string | undefined {
	if (name.length < 3 || name.length > 63) return 'must be 3 to 63 characters long';
	if (!/^[a-z\d.-]+$/.test(name)) return 'may contain only lowercase letters, digits, dots and hyphens';
	if (!/^[a-z\d]/.test(name) || !/[a-z\d]$/.test(name)) return 'must start and end with a letter or digit';
	if (name.includes('..')) return 'must not contain two adjacent dots';
	if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return 'must not be formatted as an IP address';
	const prefix = FORBIDDEN_PREFIXES.find(candidate => name.startsWith(candidate));
	if (prefix) return `must not start with ${prefix}`;
	const suffix = FORBIDDEN_SUFFIXES.find(candidate => name.endsWith(candidate));
	if (suffix) return `must not end with ${suffix}`;
	return undefined;
}
