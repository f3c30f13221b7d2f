/**
 * Secrets never leave in an error, log line or debug dump. `createRedactor` knows the configured
 * secret values and scrubs them, plus anything shaped like a bearer credential, from any text.
 */
const BEARER = /(bearer\s+)[A-Za-z0-9._~+/=-]+/gi;
const SECRET_KEYS = /^(authorization|x-api-key|api[-_]?key|apikey|token|secret|password|cookie)$/i;

export type Redactor = (text: string) => string;

const EMAIL = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;
// Ten or more digits with phone separators, not part of a longer token (ids, addresses, times).
const PHONE = /(?<![\w.:/-])\+?\d[\d\s()-]{8,}\d(?![\w.:/-])/g;

/** Masks emails and phone numbers: the logs' rule, and that of Kustomer's text in our errors. */
export function maskContact(text: string): string {
  return text.replace(EMAIL, '$1***@$2').replace(PHONE, (m) => `${m.slice(0, 3)}***${m.slice(-2)}`);
}

export function createRedactor(secrets: (string | null | undefined)[]): Redactor {
  const values = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 6);
  return (text) => {
    let out = text.replace(BEARER, '$1[redacted]');
    for (const value of values) out = out.split(value).join('[redacted]');
    return out;
  };
}

/** Deep copy with secret-named keys replaced and every string scrubbed. */
export function redactValue(value: unknown, redact: Redactor, depth = 0): unknown {
  if (depth > 8) return '[truncated]';
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, redact, depth + 1));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        SECRET_KEYS.test(key) ? '[redacted]' : redactValue(item, redact, depth + 1),
      ]),
    );
  }
  return value;
}
