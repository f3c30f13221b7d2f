/**
 * A new escalation's availability is checked beside its first steps, not before them: with
 * Kustomer's availability answers held back, the customer lookup has already started when they
 * come, and the answer and the record still carry the snapshot (escalated or queued). Over real
 * HTTP: the client talks to the sandbox through a recording proxy that keeps the order of events.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createAvailabilityCheck } from '../../src/escalation/availability/availability-check.js';
import { createEscalationService } from '../../src/escalation/service.js';
import { createSettingsService } from '../../src/escalation/settings.js';
import { createMemoryStore } from '../../src/escalation/stores/index.js';
import { createKustomerClient } from '../../src/kustomer/client.js';
import type { SandboxHandle } from '../../src/sandbox/types.js';
import { startRequestLog, type RequestLog } from '../support/request-log.js';
import { startTestSandbox } from '../support/sandbox.js';
import { escalationRequest } from './helpers/requests.js';

const AVAILABILITY = /^GET \/v1\/(schedules|routing\/work-sessions|chat\/queues\/metrics)/;
const CUSTOMER_LOOKUP = /^GET \/v1\/customers\//;
/** Longer than the steps before the lookup take on a loaded machine; shorter than the budget. */
const HELD_MS = 1_000;

let open: { sandbox: SandboxHandle; log: RequestLog; close(): Promise<void> } | null = null;
afterEach(async () => {
  await open?.close();
  open = null;
});

async function setup() {
  const sandbox = await startTestSandbox({ bulkJobMs: 50 });
  const log = await startRequestLog(sandbox.url);
  const client = createKustomerClient({ baseURL: log.url, apiKey: sandbox.apiKey, maxRetries: 0 });
  const store = createMemoryStore();
  const service = createEscalationService({
    client,
    store,
    settings: createSettingsService({ store, client }),
    availability: createAvailabilityCheck({ client, budgetMs: 10_000 }),
    owner: 'alongside',
  });
  // Kustomer's availability answers (schedule, agents, waits) are held back; nothing else is.
  sandbox.setFaults({
    match: AVAILABILITY.source,
    slowResponseRate: 1,
    slowResponseMs: HELD_MS,
  });
  open = {
    sandbox,
    log,
    close: async () => {
      await service.close();
      await log.close();
      await sandbox.close();
    },
  };
  return { sandbox, log, store, service };
}

describe('availability beside the first steps', () => {
  it('starts the customer lookup before the availability reads come back', async () => {
    const { log, store, service } = await setup();
    const request = escalationRequest();
    const result = await service.escalate(request);
    await service.idle();
    if (result.status !== 'escalated') throw new Error(`not escalated: ${result.status}`);
    const availabilityEnd = log.last(AVAILABILITY, 'end');
    expect(log.first(AVAILABILITY, 'start')).toBeGreaterThanOrEqual(0);
    expect(availabilityEnd).toBeGreaterThan(0);
    expect(log.first(CUSTOMER_LOOKUP, 'start')).toBeGreaterThanOrEqual(0);
    expect(log.first(CUSTOMER_LOOKUP, 'start')).toBeLessThan(availabilityEnd);
    // What was checked is what the chat heard, what the record keeps and what the note says.
    const record = await store.records.get(request.escalationId);
    expect(result.availability).toBeDefined();
    expect(record?.availability).toEqual(result.availability);
    expect(record?.result).toMatchObject({ availability: result.availability });
  });

  it('keeps the snapshot on a queued escalation too', async () => {
    const { sandbox, store, service } = await setup();
    sandbox.setFaults({ outageUntil: Date.now() + 60_000, match: '^(GET|POST) /v1/customers' });
    const request = escalationRequest();
    const result = await service.escalate(request);
    if (result.status !== 'queued') throw new Error(`not queued: ${result.status}`);
    expect(result.reason).toBe('kustomer_unavailable');
    expect(result.availability).toBeDefined();
    expect((await store.records.get(request.escalationId))?.availability).toEqual(
      result.availability,
    );
  });
});
