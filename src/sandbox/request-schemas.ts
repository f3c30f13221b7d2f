/**
 * The request-body schemas the sandbox enforces, read from Kustomer's "Core Resources" OpenAPI
 * file (../shared/kustomer-openapi beside the repository, or SANDBOX_OPENAPI_PATH). Custom
 * attributes are checked by their type suffix instead of the file's `custom` schema, which
 * (having no properties and additionalProperties:false) cannot express Klass-defined attributes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validate, type JsonSchema, type SchemaProblem } from './json-schema.js';

export type BodyKind =
  | 'customer.create'
  | 'customer.update'
  | 'conversation.create'
  | 'conversation.createWithCustomer'
  | 'conversation.update'
  | 'message.create'
  | 'message.createStandalone'
  | 'message.bulk'
  | 'note.create';

const OPERATIONS: Record<BodyKind, [string, string]> = {
  'customer.create': ['/customers', 'post'],
  'customer.update': ['/customers/{id}', 'put'],
  'conversation.create': ['/customers/{id}/conversations', 'post'],
  'conversation.createWithCustomer': ['/conversations', 'post'],
  'conversation.update': ['/conversations/{id}', 'put'],
  'message.create': ['/conversations/{id}/messages', 'post'],
  'message.createStandalone': ['/messages', 'post'],
  'message.bulk': ['/messages/bulk', 'post'],
  'note.create': ['/conversations/{id}/notes', 'post'],
};

const OPENAPI_FILE = 'kustomer-openapi/kustomer-core-resources-openapi.json';
const CUSTOM_KEY = /^[A-Za-z][A-Za-z0-9]*(Str|Txt|Num|Bool|At|Url)$/;

function findRepoRoot(from: string): string | null {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  return null;
}

export function openApiPath(env: Record<string, string | undefined> = process.env): string | null {
  if (env.SANDBOX_OPENAPI_PATH) return resolve(env.SANDBOX_OPENAPI_PATH);
  const root = findRepoRoot(dirname(fileURLToPath(import.meta.url)));
  const candidate = root ? join(root, '..', 'shared', OPENAPI_FILE) : null;
  return candidate && existsSync(candidate) ? candidate : null;
}

/** Replaces every `custom` property schema with a plain object check; suffixes are checked apart. */
function relaxCustom(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(relaxCustom);
  if (!schema || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => {
      if (key === 'properties' && value && typeof value === 'object' && 'custom' in value) {
        const props = Object.fromEntries(
          Object.entries(value).map(([k, v]) => [k, relaxCustom(v)]),
        );
        return [key, { ...props, custom: { type: 'object', maxProperties: 100 } }];
      }
      return [key, relaxCustom(value)];
    }),
  );
}

export type BodyValidator = (kind: BodyKind, body: unknown) => SchemaProblem | null;

function customProblem(body: unknown, pointer = ''): SchemaProblem | null {
  const items = Array.isArray(body) ? body : [body];
  for (const [i, item] of items.entries()) {
    const custom = (item as { custom?: unknown } | null)?.custom;
    if (!custom || typeof custom !== 'object') continue;
    for (const [key, value] of Object.entries(custom)) {
      const at = `${pointer}${Array.isArray(body) ? `/${i}` : ''}/custom/${key}`;
      if (!CUSTOM_KEY.test(key))
        return {
          pointer: at,
          message: 'custom attribute names end in Str, Txt, Num, Bool, At or Url',
        };
      if (key.endsWith('Num') && typeof value !== 'number')
        return { pointer: at, message: 'must be a number' };
      if (key.endsWith('Bool') && typeof value !== 'boolean')
        return { pointer: at, message: 'must be a boolean' };
      if (/(Str|Txt|Url)$/.test(key) && (typeof value !== 'string' || value.length > 1024))
        return { pointer: at, message: 'must be a string of at most 1024 characters' };
    }
  }
  return null;
}

export function loadBodyValidator(
  path: string | null,
  warn: (message: string) => void,
): BodyValidator {
  if (!path) {
    warn(
      'Kustomer OpenAPI file not found: request bodies are only checked for JSON and custom attributes',
    );
    return (_kind, body) => customProblem(body);
  }
  const spec = JSON.parse(readFileSync(path, 'utf8')) as {
    paths: Record<
      string,
      Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>
    >;
  };
  const schemas = new Map<BodyKind, JsonSchema>();
  for (const [kind, [route, method]] of Object.entries(OPERATIONS) as [
    BodyKind,
    [string, string],
  ][]) {
    const content = spec.paths[route]?.[method]?.requestBody?.content ?? {};
    const schema = Object.values(content)[0]?.schema;
    if (schema) schemas.set(kind, relaxCustom(schema) as JsonSchema);
  }
  return (kind, body) => {
    const schema = schemas.get(kind);
    return (schema ? validate(schema, body) : null) ?? customProblem(body);
  };
}
