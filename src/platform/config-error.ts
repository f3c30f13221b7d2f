/**
 * A configuration problem: a variable missing, malformed or in conflict with another. Its message
 * names the variable and what is wrong, never the value, so it may be shown to an operator as is.
 * It is not a Kustomer failure: nothing was asked of Kustomer, and retrying changes nothing.
 * Branded like KustomerError so the check survives duplicate copies of this module.
 */
const BRAND = Symbol.for('kustomer-escalation.ConfigError');

export class ConfigError extends Error {
  readonly [BRAND] = true;
  readonly code = 'config';
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function isConfigError(value: unknown): value is ConfigError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[BRAND] === true
  );
}
