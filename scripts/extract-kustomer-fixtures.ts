/**
 * Extracts from Kustomer's Core Resources OpenAPI file (4 MB, kept outside the repository) the
 * parts this module relies on, so a clone needs nothing beside it:
 * - every response and error example of each route the module calls, one JSON file each, into
 *   test/fixtures/kustomer/openapi/ (the conformance corpus and the sandbox's templates);
 * - the request-body JSON schemas the sandbox validates against, into
 *   src/sandbox/kustomer-request-schemas.ts;
 * - the resource examples the sandbox builds its answers from, into
 *   src/sandbox/kustomer-examples.ts.
 *
 * npm run extract:kustomer [-- path/to/kustomer-core-resources-openapi.json]
 * (default: ../shared/kustomer-openapi/kustomer-core-resources-openapi.json beside the repo)
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_SPEC = join(
  ROOT,
  '..',
  'shared',
  'kustomer-openapi',
  'kustomer-core-resources-openapi.json',
);
const EXAMPLES_DIR = join(ROOT, 'test', 'fixtures', 'kustomer', 'openapi');
const SCHEMAS_FILE = join(ROOT, 'src', 'sandbox', 'kustomer-request-schemas.ts');
const EXAMPLES_FILE = join(ROOT, 'src', 'sandbox', 'kustomer-examples.ts');

type ExampleRef = [method: string, path: string, status: string, part?: 'data' | 'included'];

/**
 * The examples whose `data` make the sandbox's template for each resource it answers with: the
 * create answer first (its id, links and relationships), then what a read adds (the attributes a
 * stored resource has).
 */
const TEMPLATES: Record<string, ExampleRef[]> = {
  customer: [
    ['post', '/customers', '201'],
    ['get', '/customers/{id}', '200'],
  ],
  conversation: [
    ['post', '/customers/{id}/conversations', '201'],
    ['get', '/conversations/externalId={externalId}', '200'],
  ],
  message: [
    ['post', '/conversations/{id}/messages', '201'],
    ['get', '/conversations/{id}/messages', '200'],
  ],
  note: [['post', '/conversations/{id}/notes', '201']],
  sla: [['get', '/slas/{id}', '200']],
  slaVersion: [['get', '/slas/{id}', '200', 'included']],
  attachment: [
    ['post', '/attachments', '201'],
    ['get', '/messages/{message_id}/attachments/{id}', '200'],
  ],
  schedule: [['get', '/schedules/default', '200']],
  holiday: [['get', '/schedules/default', '200', 'included']],
};

/** Every route the client calls or the sandbox serves, as the spec writes it (no /v1 prefix). */
export const MODULE_ROUTES: [method: string, path: string][] = [
  ['get', '/customers/{id}'],
  ['get', '/customers/email={email}'],
  ['get', '/customers/externalId={externalId}'],
  ['get', '/customers/phone={phone}'],
  ['post', '/customers'],
  ['put', '/customers/{id}'],
  ['post', '/customers/{id}/conversations'],
  ['post', '/conversations'],
  ['get', '/conversations/{id}'],
  ['get', '/conversations/externalId={externalId}'],
  ['put', '/conversations/{id}'],
  ['post', '/conversations/{id}/messages'],
  ['get', '/conversations/{id}/messages'],
  ['post', '/messages'],
  ['post', '/messages/bulk'],
  ['post', '/conversations/{id}/notes'],
  ['get', '/conversations/{id}/notes'],
  ['post', '/attachments'],
  ['get', '/attachments/{id}'],
  ['get', '/messages/{message_id}/attachments/{id}'],
  ['get', '/slas/{id}'],
  ['get', '/schedules'],
  ['get', '/schedules/default'],
  ['get', '/schedules/{id}'],
];

/** The request bodies the sandbox checks, by the name request-schemas.ts gives them. */
const BODY_OPERATIONS: Record<string, [method: string, path: string]> = {
  'customer.create': ['post', '/customers'],
  'customer.update': ['put', '/customers/{id}'],
  'conversation.create': ['post', '/customers/{id}/conversations'],
  'conversation.createWithCustomer': ['post', '/conversations'],
  'conversation.update': ['put', '/conversations/{id}'],
  'message.create': ['post', '/conversations/{id}/messages'],
  'message.createStandalone': ['post', '/messages'],
  'message.bulk': ['post', '/messages/bulk'],
  'note.create': ['post', '/conversations/{id}/notes'],
  'attachment.create': ['post', '/attachments'],
};

interface Media {
  schema?: unknown;
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
}
interface Operation {
  requestBody?: { content?: Record<string, Media> };
  responses?: Record<string, { content?: Record<string, Media> }>;
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
}

/** `get /customers/email={email}` -> `get-customers-email` */
export function slug(method: string, path: string): string {
  const words = path
    .replace(/=\{[^}]+\}/g, '')
    .replace(/\{[^}]+\}/g, 'id')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return [method, ...words].join('-').toLowerCase();
}

function examplesOf(media: Media): [string, unknown][] {
  if (media.examples)
    return Object.entries(media.examples).map(([name, example]) => [name, example.value]);
  return media.example === undefined ? [] : [['example', media.example]];
}

function extractExamples(spec: Spec, source: Record<string, string>): number {
  rmSync(EXAMPLES_DIR, { recursive: true, force: true });
  mkdirSync(EXAMPLES_DIR, { recursive: true });
  const index: Record<string, unknown>[] = [];
  for (const [method, path] of MODULE_ROUTES) {
    const operation = spec.paths[path]?.[method];
    if (!operation) throw new Error(`the spec has no ${method.toUpperCase()} ${path}`);
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      for (const media of Object.values(response.content ?? {})) {
        for (const [name, body] of examplesOf(media)) {
          const suffix = name === 'example' ? '' : `-${slug('', name)}`;
          const file = `${slug(method, path)}-${status}${suffix}.json`;
          writeFileSync(join(EXAMPLES_DIR, file), `${JSON.stringify(body, null, 2)}\n`);
          index.push({ file, method: method.toUpperCase(), route: `/v1${path}`, status: +status });
        }
      }
    }
  }
  const manifest = { source, examples: index };
  writeFileSync(join(EXAMPLES_DIR, 'index.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return index.length;
}

/** Writes a generated TypeScript module, formatted as the repository formats its code. */
async function writeModule(file: string, text: string): Promise<void> {
  const options = (await resolveConfig(file)) ?? {};
  writeFileSync(file, await format(text, { ...options, filepath: file }));
}

const generatedHeader = (what: string, source: Record<string, string>) => `/**
 * ${what} from Kustomer's Core Resources OpenAPI file
 * (${source.file}, sha256 ${source.sha256}).
 * Generated by scripts/extract-kustomer-fixtures.ts (npm run extract:kustomer); do not edit.
 */`;

interface ResourceExample {
  attributes: Record<string, unknown>;
  relationships: Record<string, unknown>;
}

/** The resource of one example (the first item of a list answer). */
function resourceOf(
  spec: Spec,
  [method, path, status, part = 'data']: ExampleRef,
): ResourceExample {
  const media = Object.values(spec.paths[path]?.[method]?.responses?.[status]?.content ?? {})[0];
  const example = media ? examplesOf(media)[0]?.[1] : undefined;
  const data = (example as Record<string, unknown> | undefined)?.[part];
  const resource = Array.isArray(data) ? data[0] : data;
  if (!resource) throw new Error(`the spec has no ${status} example for ${method} ${path}`);
  return resource as ResourceExample;
}

async function extractTemplates(spec: Spec, source: Record<string, string>): Promise<void> {
  const templates: Record<string, unknown> = {};
  for (const [resource, refs] of Object.entries(TEMPLATES)) {
    const [first, ...more] = refs.map((ref) => resourceOf(spec, ref));
    templates[resource] = {
      ...first,
      attributes: Object.assign({}, ...more.map((r) => r.attributes), first!.attributes),
      relationships: Object.assign({}, ...more.map((r) => r.relationships), first!.relationships),
    };
  }
  await writeModule(
    EXAMPLES_FILE,
    `${generatedHeader('Resource templates (the create example, with the attributes a read adds)', source)}
export const KUSTOMER_EXAMPLES = ${JSON.stringify(templates)} as const;
`,
  );
}

async function extractSchemas(spec: Spec, source: Record<string, string>): Promise<void> {
  const schemas: Record<string, unknown> = {};
  for (const [kind, [method, path]] of Object.entries(BODY_OPERATIONS)) {
    const content = spec.paths[path]?.[method]?.requestBody?.content ?? {};
    const schema = Object.values(content)[0]?.schema;
    if (!schema) throw new Error(`the spec has no request body for ${method} ${path}`);
    schemas[kind] = schema;
  }
  await writeModule(
    SCHEMAS_FILE,
    `${generatedHeader('Request-body JSON schemas', source)}
import type { JsonSchema } from './json-schema.js';

export const KUSTOMER_REQUEST_SCHEMAS: Record<string, JsonSchema> = ${JSON.stringify(schemas)};
`,
  );
}

async function main(): Promise<void> {
  const specPath = resolve(process.argv[2] ?? DEFAULT_SPEC);
  if (!existsSync(specPath)) {
    console.error(`Kustomer OpenAPI file not found at ${specPath}; pass its path as the argument.`);
    process.exit(2);
  }
  const raw = readFileSync(specPath);
  const source = {
    file: 'kustomer-core-resources-openapi.json (LarisLab/kustomer-client openapi.json @ 1d997b720e12093667f9b070e04153de8f833584)',
    sha256: createHash('sha256').update(raw).digest('hex'),
  };
  const spec = JSON.parse(raw.toString('utf8')) as Spec;
  const count = extractExamples(spec, source);
  await extractSchemas(spec, source);
  await extractTemplates(spec, source);
  const files = readdirSync(EXAMPLES_DIR).length - 1;
  console.log(
    `${count} examples (${files} files) in ${relative(ROOT, EXAMPLES_DIR)}; ` +
      `${Object.keys(BODY_OPERATIONS).length} request schemas in ${relative(ROOT, SCHEMAS_FILE)}; ` +
      `${Object.keys(TEMPLATES).length} resource templates in ${relative(ROOT, EXAMPLES_FILE)}`,
  );
}

await main();
