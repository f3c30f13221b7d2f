/**
 * `kustomer-escalation/sandbox`: the local Kustomer-compatible server, so a host app's own tests
 * can escalate against it (point KUSTOMER_API_BASE_URL at `url` with `apiKey`, or leave
 * KUSTOMER_API_KEY unset to have the server start one of its own).
 */
export { startSandbox } from '../sandbox/server.js';
export type * from '../sandbox/types.js';
export { SANDBOX_API_KEY } from '../sandbox/types.js';
