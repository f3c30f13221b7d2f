/** Escalation records to seed a store with, in the states the outbox checks care about. */
import type { EscalationRecord } from '../../../src/escalation/record.js';
import type { EscalationState } from '../../../src/shared/escalation.js';
import { makeRecord } from '../../escalation/stores/record-factory.js';

export function outboxRecord(
  escalationId: string,
  state: EscalationState,
  createdAt: string,
): EscalationRecord {
  return makeRecord(escalationId, {
    state,
    createdAt,
    updatedAt: createdAt,
    attempts: state === 'dead' ? 12 : 1,
    nextAttemptAt: state === 'dead' ? null : createdAt,
    lastError:
      state === 'queued' ? null : { code: 'kustomer_unavailable', message: 'Kustomer was down' },
  });
}
