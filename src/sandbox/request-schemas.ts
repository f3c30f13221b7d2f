/**
 * The request-body schemas the sandbox enforces: Kustomer's own, from its "Core Resources" OpenAPI
 * file, extracted into kustomer-request-schemas.ts by scripts/extract-kustomer-fixtures.ts (so a
 * clone validates with nothing beside it). Custom attributes are checked by their type suffix
 * instead of the file's `custom` schema, which (having no properties and
 * additionalProperties:false) cannot express Klass-defined attributes.
 */
import { validate, type JsonSchema, type SchemaProblem } from './json-schema.js';
import { KUSTOMER_REQUEST_SCHEMAS } from './kustomer-request-schemas.js';

/** The request bodies the sandbox checks (the extract holds one schema for each). */
const BODY_KINDS = [
  'customer.create',
  'customer.update',
  'conversation.create',
  'conversation.createWithCustomer',
  'conversation.update',
  'message.create',
  'message.createStandalone',
  'message.bulk',
  'note.create',
  'attachment.create',
] as const;

export type BodyKind = (typeof BODY_KINDS)[number];

const CUSTOM_KEY = /^[A-Za-z][A-Za-z0-9]*(Str|Txt|Num|Bool|At|Url)$/;

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

export function createBodyValidator(): BodyValidator {
  const schemas = new Map<BodyKind, JsonSchema>(
    BODY_KINDS.map((kind) => [kind, relaxCustom(KUSTOMER_REQUEST_SCHEMAS[kind]) as JsonSchema]),
  );
  return (kind, body) => {
    const schema = schemas.get(kind);
    return (schema ? validate(schema, body) : null) ?? customProblem(body);
  };
}
