/** A customer created straight in the sandbox, as one Kustomer already knows. */
import type { SandboxHandle } from '../src/sandbox/types.js';

export async function createCustomer(sandbox: SandboxHandle, email: string): Promise<void> {
  const response = await fetch(`${sandbox.url}/v1/customers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sandbox.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ emails: [{ email }] }),
  });
  if (!response.ok) throw new Error(`creating a customer failed: ${response.status}`);
}
