// Checks requests and responses against the official v2 OpenAPI subset (the repo's fixture copy):
// path and method, path and query parameters, the Accept version, the request body, the response body.
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {Ajv, type ValidateFunction} from 'ajv';
import addFormats from 'ajv-formats';
import {parse} from 'yaml';
import {allowRecordedDeviations} from '../simulator/openapi-contract.js';

export const SPEC_FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/atlas-openapi-v2-subset.yaml');

type Json = Record<string, unknown>;
type Schema = Json;
type Parameter = {name: string; in: string; required?: boolean; schema?: Schema};
type MediaTypes = Record<string, {schema?: Schema}>;
type Operation = {
	parameters?: Array<Parameter | {$ref: string}>;
	requestBody?: {required?: boolean; content: MediaTypes};
	responses: Record<string, {$ref?: string; content?: MediaTypes}>;
};
type Spec = {
	paths: Record<string, Record<string, Operation>>;
	components: {schemas: Record<string, Schema>; parameters: Record<string, Parameter>; responses: Record<string, {content?: MediaTypes}>};
};

export type WireRequest = {method: string; path: string; query: Record<string, string>; headers: Record<string, string>; body?: string};
export type WireResponse = {status: number; contentType: string; body: string};

const VENDOR_TYPE = /^application\/vnd\.atlas\.(\d{4}-\d{2}-\d{2})\+json$/;

function refName(ref: string): string {
	return ref.split('/').at(-1) ?? '';
}

/** OpenAPI 3.0 discriminated parents carry a oneOf whose branches allOf back to the parent: drop it. */
function stripDiscriminatedOneOf(node: unknown): void {
	if (Array.isArray(node)) {
		for (const item of node) stripDiscriminatedOneOf(item);
	} else if (typeof node === 'object' && node !== null) {
		const record = node as Json;
		if (record.discriminator && record.oneOf) delete record.oneOf;
		for (const value of Object.values(record)) stripDiscriminatedOneOf(value);
	}
}

/**
 * DiskBackupExportJob.prefix has a "pattern" made of placeholders (/exported_snapshots/{ORG-NAME}/…)
 * that no real prefix matches; the recorded prefix is exported_snapshots/<orgId>/<groupId>/<cluster>/<date>/<epoch>.
 * The same shape, as a pattern.
 */
export function relaxExportJobPrefix(schemas: Record<string, unknown>): void {
	const prefix = (schemas.DiskBackupExportJob as {properties?: {prefix?: {pattern?: string}}} | undefined)?.properties?.prefix;
	if (prefix?.pattern) prefix.pattern = '^/?exported_snapshots/[^/]+/[^/]+/[^/]+/[^/]+/\\d+$';
	relaxClusterRegionConfig(schemas);
}

/**
 * Two generator artefacts in the 2024-08-05 cluster schemas: `regionName` is declared `type: object`
 * around a oneOf of string enums (every real answer is a string such as "US_EAST_1"), and the
 * hardware specs are a oneOf of the AWS, Azure and GCP branches with no discriminator, so an M10
 * matches three of them. The region name is checked as one of the enums' strings, the hardware spec
 * as any of its branches.
 */
function relaxClusterRegionConfig(schemas: Record<string, unknown>): void {
	const region = (schemas.CloudRegionConfig20240805 as {properties?: {regionName?: Record<string, unknown>}} | undefined)?.properties;
	if (region?.regionName) {
		const branches = (region.regionName.oneOf ?? []) as Array<{enum?: string[]}>;
		region.regionName = {type: 'string', enum: branches.flatMap(branch => branch.enum ?? [])};
	}
	for (const name of ['HardwareSpec20240805', 'DedicatedHardwareSpec20240805']) {
		const schema = schemas[name] as {oneOf?: unknown; anyOf?: unknown} | undefined;
		if (schema?.oneOf) {
			schema.anyOf = schema.oneOf;
			delete schema.oneOf;
		}
	}
}

export class OpenApiSubset {
	readonly spec: Spec;
	private readonly ajv: Ajv;
	private readonly compiled = new Map<string, ValidateFunction>();

	constructor(file = SPEC_FIXTURE) {
		this.spec = parse(readFileSync(file, 'utf8')) as Spec;
		stripDiscriminatedOneOf(this.spec.components);
		// The subset's Group.name pattern has no space, yet Atlas's own first project is "Project 0"
		// and the demo projects are "Demo Production" etc.: the same pattern plus a space.
		const name = (this.spec.components.schemas.Group as {properties?: {name?: {pattern?: string}}}).properties?.name;
		if (name?.pattern) name.pattern = name.pattern.replace('[\\p{L}', '[ \\p{L}');
		relaxExportJobPrefix(this.spec.components.schemas);
		allowRecordedDeviations(this.spec.components.schemas);
		this.ajv = new Ajv({strict: false, allErrors: true, formats: {int32: true, int64: true}});
		addFormats.default(this.ajv);
		this.ajv.addSchema({components: this.spec.components}, 'spec');
	}

	/** The spec path template and operation for a request, or undefined. */
	operation(method: string, requestPath: string): {template: string; operation: Operation; params: Record<string, string>} | undefined {
		for (const [template, operations] of Object.entries(this.spec.paths)) {
			const names = [...template.matchAll(/\{([^}]+)\}/g)].map(match => match[1] ?? '');
			const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '([^/]+)')}$`);
			const match = pattern.exec(requestPath);
			const operation = operations[method.toLowerCase()];
			if (match && operation) {
				return {template, operation, params: Object.fromEntries(names.map((nameOf, index) => [nameOf, decodeURIComponent(match[index + 1] ?? '')]))};
			}
		}
		return undefined;
	}

	private parameters(operation: Operation): Parameter[] {
		return (operation.parameters ?? []).map(parameter => ('$ref' in parameter ? this.spec.components.parameters[refName(parameter.$ref)]! : parameter));
	}

	/** Versions the operation offers (from its 2xx response media types). */
	versions(operation: Operation): string[] {
		const versions = new Set<string>();
		for (const [status, response] of Object.entries(operation.responses)) {
			if (!status.startsWith('2')) continue;
			for (const mediaType of Object.keys(response.content ?? {})) {
				const version = VENDOR_TYPE.exec(mediaType)?.[1];
				if (version) versions.add(version);
			}
		}
		return [...versions];
	}

	private validator(schema: Schema): ValidateFunction {
		const key = JSON.stringify(schema);
		let validate = this.compiled.get(key);
		if (!validate) {
			validate = this.ajv.compile(JSON.parse(key.replaceAll('"#/components/', '"spec#/components/')) as Schema);
			this.compiled.set(key, validate);
		}
		return validate;
	}

	private resolve(schema: Schema): Schema {
		return typeof schema.$ref === 'string' ? this.resolve(this.spec.components.schemas[refName(schema.$ref)]!) : schema;
	}

	/** A discriminated parent resolved to the branch the data names (AWS, AZURE, GCP). */
	private branch(schema: Schema, data: unknown): Schema {
		const resolved = this.resolve(schema);
		const discriminator = resolved.discriminator as {propertyName: string; mapping?: Record<string, string>} | undefined;
		if (!discriminator?.mapping || typeof data !== 'object' || data === null) return schema;
		const value = (data as Json)[discriminator.propertyName];
		const target = typeof value === 'string' ? discriminator.mapping[value] : undefined;
		return target ? {$ref: target} : schema;
	}

	/** Every property a schema declares (through $ref and allOf), with its readOnly flag. */
	private properties(schema: Schema, into = new Map<string, boolean>()): Map<string, boolean> {
		const resolved = this.resolve(schema);
		for (const [name, property] of Object.entries((resolved.properties ?? {}) as Record<string, Schema>)) {
			into.set(name, (into.get(name) ?? false) || this.resolve(property).readOnly === true);
		}
		for (const part of (resolved.allOf ?? []) as Schema[]) this.properties(part, into);
		return into;
	}

	private validate(schema: Schema, data: unknown, where: string): string[] {
		const validate = this.validator(this.branch(schema, data));
		if (validate(data)) return [];
		return (validate.errors ?? []).map(error => `${where}: ${error.instancePath || '(body)'} ${error.message}`);
	}

	/**
	 * Problems with a request the client sent. `challenge` marks the Digest probe: it carries no
	 * credentials and, by design, no body, so only its path, query and Accept are checked.
	 */
	checkRequest(request: WireRequest, options: {challenge?: boolean} = {}): string[] {
		const where = `${request.method} ${request.path}`;
		const found = this.operation(request.method, request.path);
		if (!found) return [`${where}: no such path and method in the spec`];
		const problems: string[] = [];
		const parameters = this.parameters(found.operation);
		for (const [name, value] of Object.entries(found.params)) {
			const parameter = parameters.find(candidate => candidate.in === 'path' && candidate.name === name);
			if (!parameter) problems.push(`${where}: path parameter ${name} is not declared`);
			else if (parameter.schema) problems.push(...this.validate(parameter.schema, value, `${where} path ${name}`));
		}
		for (const [name, value] of Object.entries(request.query)) {
			const parameter = parameters.find(candidate => candidate.in === 'query' && candidate.name === name);
			if (!parameter) {
				problems.push(`${where}: query parameter ${name} is not declared`);
				continue;
			}
			const type = parameter.schema?.type;
			const typed = type === 'boolean' ? (value === 'true' ? true : value === 'false' ? false : value) : type === 'integer' && /^-?\d+$/.test(value) ? Number(value) : value;
			if (parameter.schema) problems.push(...this.validate(parameter.schema, typed, `${where} query ${name}`));
		}
		const accept = request.headers.accept ?? '';
		const version = VENDOR_TYPE.exec(accept)?.[1];
		const offered = this.versions(found.operation);
		if (!version) problems.push(`${where}: Accept ${JSON.stringify(accept)} names no version`);
		else if (!offered.includes(version)) problems.push(`${where}: Accept version ${version} is not one of ${offered.join(', ')}`);
		if (options.challenge) {
			if (request.body !== undefined) problems.push(`${where}: the challenge probe carried a body`);
			return problems;
		}
		const requestBody = found.operation.requestBody;
		if (!requestBody) {
			if (request.body !== undefined) problems.push(`${where}: a body where the operation takes none`);
			return problems;
		}
		if (request.body === undefined) return requestBody.required ? [...problems, `${where}: the required body is missing`] : problems;
		const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
		if (contentType !== 'application/json' && !VENDOR_TYPE.test(contentType)) problems.push(`${where}: Content-Type ${contentType} is not JSON`);
		const media = requestBody.content[`application/vnd.atlas.${version}+json`];
		if (!media?.schema) return [...problems, `${where}: no request schema at version ${version}`];
		let body: unknown;
		try {
			body = JSON.parse(request.body);
		} catch {
			return [...problems, `${where}: the body is not JSON`];
		}
		// A PATCH carries only the fields it changes (the schedule's own description says so): a missing
		// top-level required property is not a problem there.
		const bodyProblems = this.validate(media.schema, body, `${where} body`);
		problems.push(...(request.method === 'PATCH' ? bodyProblems.filter(problem => !/body: \(body\) must have required property/.test(problem)) : bodyProblems));
		const declared = this.properties(this.branch(media.schema, body));
		for (const key of Object.keys(body as Json)) {
			if (!declared.has(key)) problems.push(`${where} body: ${key} is not a property of the request schema`);
			else if (declared.get(key)) problems.push(`${where} body: ${key} is read-only`);
		}
		return problems;
	}

	/** Problems with a response to a request at a given Accept version. */
	checkResponse(request: {method: string; path: string; accept: string}, response: WireResponse): string[] {
		const where = `${request.method} ${request.path} -> ${response.status}`;
		const found = this.operation(request.method, request.path);
		if (!found) return [`${where}: no such path and method in the spec`];
		let documented = found.operation.responses[String(response.status)];
		if (!documented) return [`${where}: status not documented`];
		if (documented.$ref) documented = this.spec.components.responses[refName(documented.$ref)]!;
		if (response.body === '') return response.status === 204 || !documented.content ? [] : [`${where}: empty body`];
		const mediaType = response.contentType.split(';')[0]?.trim() ?? '';
		const problems: string[] = [];
		const requested = VENDOR_TYPE.exec(request.accept)?.[1];
		const served = VENDOR_TYPE.exec(mediaType)?.[1];
		if (response.status < 300 && served !== requested) problems.push(`${where}: served version ${served} for Accept ${requested}`);
		const media = documented.content?.[mediaType];
		if (!media?.schema) return [...problems, `${where}: media type ${mediaType} not documented`];
		let body: unknown;
		try {
			body = JSON.parse(response.body);
		} catch {
			return [...problems, `${where}: the body is not JSON`];
		}
		return [...problems, ...this.validate(media.schema, body, where)];
	}
}
