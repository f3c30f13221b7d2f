/**
 * The sandbox's in-memory Kustomer org: customers, conversations, messages, notes, teams and
 * bulk jobs, with the uniqueness Kustomer enforces on customer emails, phones and externalIds
 * (and, as documented, none on conversation or message externalIds).
 */
import { randomBytes } from 'node:crypto';
import type { BulkJob } from './bulk-jobs.js';
import { createRoutingData } from './routing-data.js';
import type {
  SandboxAttachment,
  SandboxConversation,
  SandboxCustomer,
  SandboxMessage,
  SandboxNote,
  SandboxTeam,
} from './types.js';

export function objectId(): string {
  // Kustomer ids are 24-hex ObjectIds: 4 bytes of time, then randomness.
  return (
    Math.floor(Date.now() / 1000)
      .toString(16)
      .padStart(8, '0') + randomBytes(8).toString('hex')
  );
}

export const DEFAULT_TEAMS = ['Support', 'Billing', 'Technical', 'Enterprise'];

export function createData(teamSeed: { id?: string; name: string }[]) {
  const teams: SandboxTeam[] = teamSeed.map((t, i) => ({
    id: t.id ?? `5f0000000000000000000${(i + 1).toString(16).padStart(3, '0')}`,
    name: t.name,
  }));
  const data = {
    customers: [] as SandboxCustomer[],
    conversations: [] as SandboxConversation[],
    messages: [] as SandboxMessage[],
    notes: [] as SandboxNote[],
    attachments: [] as SandboxAttachment[],
    bulkJobs: [] as BulkJob[],
    teams,
  };

  /** The value of `customer` that another customer already holds, if any. */
  function takenIdentity(
    candidate: Pick<SandboxCustomer, 'emails' | 'phones' | 'externalId'>,
    selfId?: string,
  ): string | null {
    for (const other of data.customers) {
      if (other.id === selfId) continue;
      const email = candidate.emails.find((e) =>
        other.emails.some((o) => o.email.toLowerCase() === e.email.toLowerCase()),
      );
      if (email) return `email ${email.email}`;
      const phone = candidate.phones.find((p) => other.phones.some((o) => o.phone === p.phone));
      if (phone) return `phone ${phone.phone}`;
      if (candidate.externalId && other.externalId === candidate.externalId)
        return `externalId ${candidate.externalId}`;
    }
    return null;
  }

  const routing = createRoutingData(objectId);
  return {
    data,
    /** Queues, work items and SLA policies (routing-data.ts). */
    routing,
    takenIdentity,
    customer: (id: string) => data.customers.find((c) => c.id === id) ?? null,
    conversation: (id: string) => data.conversations.find((c) => c.id === id) ?? null,
    attachment: (id: string) => data.attachments.find((a) => a.id === id) ?? null,
    reset() {
      data.customers.length = 0;
      data.conversations.length = 0;
      data.messages.length = 0;
      data.notes.length = 0;
      data.attachments.length = 0;
      data.bulkJobs.length = 0;
      routing.reset();
    },
  };
}

export type SandboxData = ReturnType<typeof createData>;
