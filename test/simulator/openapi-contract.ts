// Validates simulator responses against the official v2 OpenAPI subset (the repo's fixture copy).
// OpenAPI 3.0 polymorphism (a discriminator with oneOf branches that allOf back to the parent)
// recurses forever in a JSON Schema validator, so the oneOf of discriminated parents is dropped:
// every concrete schema used here names its branch directly.
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {Ajv, type ValidateFunction} from 'ajv';
import addFormats from 'ajv-formats';
import {parse} from 'yaml';
import {relaxExportJobPrefix} from '../atlas/openapi.js';

export const SPEC_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/atlas-openapi-v2-subset.yaml');

type Operation = {responses?: Record<string, {$ref?: string; content?: Record<string, {schema?: unknown}>}>};
type Spec = {paths: Record<string, Record<string, Operation>>; components: {schemas: Record<string, unknown>; responses: Record<string, {content?: Record<string, {schema?: unknown}>}>}};

function stripDiscriminatedOneOf(node: unknown): void {
	if (Array.isArray(node)) {
		for (const item of node) stripDiscriminatedOneOf(item);
		return;
	}
	if (typeof node !== 'object' || node === null) return;
	const record = node as Record<string, unknown>;
	if (record.discriminator && record.oneOf) delete record.oneOf;
	for (const value of Object.values(record)) stripDiscriminatedOneOf(value);
}

/**
 * The subset's Group.name pattern has no space, yet Atlas names every first project "Project 0" and
 * its docs allow spaces; the demo projects are "Demo Production" etc. Same pattern plus a space.
 */
function allowSpacesInProjectNames(schemas: Record<string, unknown>): void {
	const name = (schemas.Group as {properties?: {name?: {pattern?: string}}} | undefined)?.properties?.name;
	if (name?.pattern) name.pattern = name.pattern.replace('[\\p{L}', '[ \\p{L}');
}

/**
 * Where real Atlas (recorded, see test/fixtures/recorded/) differs from its spec, the recording wins:
 * error `parameters` are strings (the spec says objects), and an unauthorized AWS role carries
 * `iamAssumedRoleArn` and `authorizedDate` as explicit nulls (the spec says strings).
 */
export function allowRecordedDeviations(schemas: Record<string, unknown>): void {
	const parameters = (schemas.ApiError as {properties?: {parameters?: {items?: unknown}}} | undefined)?.properties?.parameters;
	if (parameters) parameters.items = {};
	const role = schemas.CloudProviderAccessAWSIAMRole as {allOf?: Array<{properties?: Record<string, {nullable?: boolean}>}>} | undefined;
	for (const part of role?.allOf ?? []) {
		for (const name of ['iamAssumedRoleArn', 'authorizedDate']) {
			const property = part.properties?.[name];
			if (property) property.nullable = true;
		}
	}
}

export class OpenApiContract {
	private readonly spec: Spec;
	private readonly ajv: Ajv;
	private readonly cache = new Map<string, ValidateFunction>();

	constructor(specPath = SPEC_PATH) {
		this.spec = parse(readFileSync(specPath, 'utf8')) as Spec;
		stripDiscriminatedOneOf(this.spec.components);
		allowSpacesInProjectNames(this.spec.components.schemas);
		relaxExportJobPrefix(this.spec.components.schemas);
		allowRecordedDeviations(this.spec.components.schemas);
		this.ajv = new Ajv({strict: false, allErrors: true, formats: {int32: true, int64: true}});
		addFormats.default(this.ajv);
		this.ajv.addSchema({components: this.spec.components}, 'spec');
	}

	/** The spec's path template for a v2 request path, e.g. /api/atlas/v2/groups/{groupId}. */
	template(requestPath: string): string | undefined {
		return Object.keys(this.spec.paths).find(template => {
			const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
			return pattern.test(requestPath);
		});
	}

	/** Problems with one response, or [] when it matches the documented schema. */
	check(method: string, requestPath: string, status: number, contentType: string, body: unknown): string[] {
		const template = this.template(requestPath);
		if (!template) return [`${method} ${requestPath}: not in the spec`];
		const operation = this.spec.paths[template]?.[method.toLowerCase()];
		if (!operation) return [`${method} ${template}: no such operation in the spec`];
		let response = operation.responses?.[String(status)];
		if (!response) return [`${method} ${template}: status ${status} is not documented`];
		if (response.$ref) response = this.spec.components.responses[response.$ref.split('/').at(-1) ?? ''];
		if (body === undefined && status === 204) return [];
		const mediaType = contentType.split(';')[0]?.trim() ?? '';
		const content = response?.content?.[mediaType];
		if (!content) return [`${method} ${template} ${status}: content type ${mediaType} is not documented`];
		if (!content.schema) return body === undefined ? [] : [`${method} ${template} ${status}: a body where none is documented`];
		const key = JSON.stringify(content.schema);
		let validate = this.cache.get(key);
		if (!validate) {
			validate = this.ajv.compile(this.rebase(content.schema));
			this.cache.set(key, validate);
		}
		if (validate(body)) return [];
		return (validate.errors ?? []).map(error => `${method} ${template} ${status}: ${error.instancePath} ${error.message}`);
	}

	private rebase(schema: unknown): object {
		return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"spec#/components/'));
	}
}
