/**
 * A compact JSON-schema validator for the keywords Kustomer's OpenAPI request bodies use
 * (type, nullable, properties, required, additionalProperties, enum, items, min/maxItems,
 * min/maxLength, minimum/maximum, maxProperties, pattern, format, oneOf/anyOf, uniqueItems).
 * It returns the first problem with a JSON pointer, as Kustomer's 400s do.
 */
export type JsonSchema = Record<string, unknown>;

export interface SchemaProblem {
  pointer: string;
  message: string;
}

const FORMATS: Record<string, (value: string) => boolean> = {
  'object-id': (v) => /^[0-9a-f]{24}$/i.test(v),
  'date-time': (v) => !Number.isNaN(Date.parse(v)),
  'email-relaxed': (v) => /^[^\s@]+@[^\s@]+$/.test(v),
  email: (v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
};

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(expected: unknown, value: unknown): boolean {
  if (typeof expected !== 'string') return true;
  const actual = typeOf(value);
  return actual === expected || (expected === 'number' && actual === 'integer');
}

export function validate(schema: JsonSchema, value: unknown, pointer = ''): SchemaProblem | null {
  const here = (message: string): SchemaProblem => ({ pointer: pointer || '/', message });
  if (value === null)
    return schema.nullable === true || schema.type === 'null' || !schema.type
      ? null
      : here('must not be null');
  for (const key of ['oneOf', 'anyOf'] as const) {
    const options = schema[key] as JsonSchema[] | undefined;
    if (options && options.every((option) => validate(option, value, pointer) !== null)) {
      return validate(options[0]!, value, pointer) ?? here(`does not match any allowed shape`);
    }
  }
  if (!typeMatches(schema.type, value)) return here(`must be of type ${String(schema.type)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) {
    return here(`must be one of ${schema.enum.map(String).join(', ')}`);
  }
  if (typeof value === 'string') return checkString(schema, value, here);
  if (typeof value === 'number') return checkNumber(schema, value, here);
  if (Array.isArray(value)) return checkArray(schema, value, pointer, here);
  if (typeof value === 'object')
    return checkObject(schema, value as Record<string, unknown>, pointer, here);
  return null;
}

function checkString(
  schema: JsonSchema,
  value: string,
  here: (m: string) => SchemaProblem,
): SchemaProblem | null {
  if (typeof schema.maxLength === 'number' && value.length > schema.maxLength)
    return here(`must be at most ${schema.maxLength} characters`);
  if (typeof schema.minLength === 'number' && value.length < schema.minLength)
    return here(`must be at least ${schema.minLength} characters`);
  if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value))
    return here(`must match ${schema.pattern}`);
  const format = typeof schema.format === 'string' ? FORMATS[schema.format] : undefined;
  if (format && !format(value)) return here(`must be a valid ${String(schema.format)}`);
  return null;
}

function checkNumber(
  schema: JsonSchema,
  value: number,
  here: (m: string) => SchemaProblem,
): SchemaProblem | null {
  if (typeof schema.maximum === 'number' && value > schema.maximum)
    return here(`must be at most ${schema.maximum}`);
  if (typeof schema.minimum === 'number' && value < schema.minimum)
    return here(`must be at least ${schema.minimum}`);
  return null;
}

function checkArray(
  schema: JsonSchema,
  value: unknown[],
  pointer: string,
  here: (m: string) => SchemaProblem,
): SchemaProblem | null {
  if (typeof schema.maxItems === 'number' && value.length > schema.maxItems)
    return here(`must have at most ${schema.maxItems} items`);
  if (typeof schema.minItems === 'number' && value.length < schema.minItems)
    return here(`must have at least ${schema.minItems} items`);
  if (
    schema.uniqueItems === true &&
    new Set(value.map((v) => JSON.stringify(v))).size !== value.length
  )
    return here('must not repeat items');
  const items = schema.items as JsonSchema | undefined;
  if (!items) return null;
  for (let i = 0; i < value.length; i += 1) {
    const problem = validate(items, value[i], `${pointer}/${i}`);
    if (problem) return problem;
  }
  return null;
}

function checkObject(
  schema: JsonSchema,
  value: Record<string, unknown>,
  pointer: string,
  here: (m: string) => SchemaProblem,
): SchemaProblem | null {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  if (
    typeof schema.maxProperties === 'number' &&
    Object.keys(value).length > schema.maxProperties
  ) {
    return here(`must have at most ${schema.maxProperties} properties`);
  }
  for (const name of (schema.required ?? []) as string[]) {
    if (value[name] === undefined) return { pointer: `${pointer}/${name}`, message: 'is required' };
  }
  for (const [name, item] of Object.entries(value)) {
    if (item === undefined) continue;
    const property = properties[name];
    if (property) {
      const problem = validate(property, item, `${pointer}/${name}`);
      if (problem) return problem;
    } else if (schema.additionalProperties === false) {
      return { pointer: `${pointer}/${name}`, message: 'is not an allowed field' };
    } else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
      const problem = validate(
        schema.additionalProperties as JsonSchema,
        item,
        `${pointer}/${name}`,
      );
      if (problem) return problem;
    }
  }
  return null;
}
