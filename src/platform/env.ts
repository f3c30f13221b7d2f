/**
 * Environment parsing, written once: every module that reads variables declares a zod schema of
 * them and parses it here. The first problem becomes a ConfigError that names the variable and
 * what is wrong, never its value.
 */
import { z } from 'zod';
import { ConfigError } from './config-error.js';

export type Env = Record<string, string | undefined>;

/** true/false in the spellings operators use (1/0, yes/no, on/off). */
export const envBoolean = (name: string) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], {
      message: `${name} must be true or false`,
    })
    .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

/** A whole number, within [min, max] when they are given. */
export function envInteger(name: string, min?: number, max?: number): z.ZodType<number, string> {
  const whole = z.string().regex(/^\d+$/, `${name} must be a whole number`).transform(Number);
  if (min === undefined || max === undefined) return whole;
  return whole.pipe(
    z
      .number()
      .min(min, `${name} must be at least ${min}`)
      .max(max, `${name} must be at most ${max}`),
  );
}

/** The variables with a value: blank ones count as unset, as a blank line in .env means. */
export function withoutBlanks(env: Env): Env {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => {
      const value = entry[1];
      return value !== undefined && value.trim() !== '';
    }),
  );
}

/**
 * Parses `values` with `schema`, or throws a ConfigError for the first problem, prefixed with the
 * variable's name unless the message already starts with it. `rename` gives the name the operator
 * actually set (a legacy spelling) for a variable.
 */
export function parseEnv<S extends z.ZodType>(
  schema: S,
  values: unknown,
  rename: (variable: string) => string = (variable) => variable,
): z.output<S> {
  const parsed = schema.safeParse(values);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const variable = String(issue.path[0] ?? 'configuration');
  const message = issue.message.startsWith(variable)
    ? issue.message
    : `${variable}: ${issue.message}`;
  throw new ConfigError(message.replace(variable, rename(variable)));
}
