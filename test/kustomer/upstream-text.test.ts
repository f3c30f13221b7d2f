/**
 * Kustomer's own error text is quoted in our errors, which reach admin responses, the outbox's
 * last error and CLI output: it is scrubbed like a log line (secrets, bearer values, emails,
 * phone numbers), whatever Kustomer chose to echo back.
 */
import { describe, expect, it } from 'vitest';
import { toKustomerError } from '../../src/kustomer/error-factory.js';
import { createRedactor } from '../../src/platform/redact.js';
import { toApiError } from '../../src/server/app.js';

const KEY = 'CANARY-upstream-key-9f3a7c1e';
const ECHO =
  `Customer jane.doe@example.com (+1 555 010 0199) already exists; ` +
  `request had Authorization: Bearer ${KEY}`;

describe.each([400, 403, 404, 409, 429, 503])("Kustomer's text in a %i", (status) => {
  it('reaches the error and the admin response scrubbed', () => {
    const error = toKustomerError(
      {
        method: 'POST',
        route: '/v1/customers',
        status,
        body: { errors: [{ status, code: 'echo', detail: ECHO }] },
      },
      createRedactor([KEY]),
    );
    const answer = JSON.stringify({ error: toApiError(error).message, details: { ...error } });
    expect(error.message).toContain('(Customer j***@example.com (+1 ***99) already exists');
    for (const leaked of [KEY, 'jane.doe@', '555 010 0199']) expect(answer).not.toContain(leaked);
  });
});
