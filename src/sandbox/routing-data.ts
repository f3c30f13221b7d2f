/**
 * The sandbox org's Queues and Routing and its SLA policies: queues, work items (at most one not
 * `completed` per conversation, as Kustomer keeps them:
 * https://developer.kustomer.com/api/queues-and-routing/create-work-item), the org's own queue
 * rule (when set, a new conversation gets a work item in that queue before anyone asks, as
 * Kustomer's routing picks conversations up) and SLA policies with their first-response rule.
 */

export interface SandboxQueue {
  id: string;
  name: string;
}
export interface SandboxWorkItem {
  id: string;
  conversationId: string;
  queueId: string | null;
  /** ivr, queued, routed, assigned, wrap-up, completed */
  status: string;
  /** Who made it: our API call, or the org's own queue rule. */
  createdBy: 'api' | 'queue-rule';
  createdAt: string;
  updatedAt: string;
}
export interface SandboxSla {
  id: string;
  versionId: string;
  name: string;
  firstResponse: boolean;
  /** Absent: Kustomer's legacy rule (any customer-visible sent outbound message counts). */
  basedOnHumanInteraction?: boolean;
}

export const DEFAULT_QUEUES = ['Default Queue', 'Chat', 'Billing', 'VIP Support'];

/** Policies whose first response only a human's message satisfies: nothing fools them. */
const DEFAULT_SLAS: Omit<SandboxSla, 'id' | 'versionId'>[] = [
  { name: 'Chat Policy', firstResponse: true, basedOnHumanInteraction: true },
  { name: 'Email Policy', firstResponse: true, basedOnHumanInteraction: true },
];

const seededId = (prefix: string, i: number) =>
  `${prefix}${(i + 1).toString(16).padStart(24 - prefix.length, '0')}`;

/** `newId` makes Kustomer-like ObjectIds (data.ts's objectId; passed in, as data.ts holds this). */
export function createRoutingData(newId: () => string) {
  const queues: SandboxQueue[] = DEFAULT_QUEUES.map((name, i) => ({
    id: seededId('6a', i),
    name,
  }));
  const workItems: SandboxWorkItem[] = [];
  const slas: SandboxSla[] = DEFAULT_SLAS.map((sla, i) => ({
    ...sla,
    id: seededId('6b', i),
    versionId: seededId('6c', i),
  }));
  /** The org's own queue rule: a new conversation's work item goes here first (null: none). */
  let ruleQueueId: string | null = null;

  const openItemOf = (conversationId: string) =>
    workItems.find((w) => w.conversationId === conversationId && w.status !== 'completed') ?? null;

  function addItem(
    conversationId: string,
    queueId: string | null,
    by: SandboxWorkItem['createdBy'],
    at: string,
  ) {
    const item: SandboxWorkItem = {
      id: newId(),
      conversationId,
      queueId,
      status: queueId ? 'queued' : 'ivr',
      createdBy: by,
      createdAt: at,
      updatedAt: at,
    };
    workItems.push(item);
    return item;
  }

  return {
    queues,
    workItems,
    slas,
    queue: (id: string) => queues.find((q) => q.id === id) ?? null,
    workItem: (id: string) => workItems.find((w) => w.id === id) ?? null,
    openItemOf,
    /** Creates the conversation's work item, or answers the open one it has (created: false). */
    createItem(conversationId: string, queueId: string | null, at: string) {
      const open = openItemOf(conversationId);
      if (open) return { item: open, created: false };
      return { item: addItem(conversationId, queueId, 'api', at), created: true };
    },
    /** Kustomer's routing taking up a new conversation, when the org has a queue rule. */
    onConversationCreated(conversationId: string, at: string) {
      if (ruleQueueId) addItem(conversationId, ruleQueueId, 'queue-rule', at);
    },
    setRuleQueue(queueId: string | null) {
      ruleQueueId = queueId;
    },
    ruleQueueId: () => ruleQueueId,
    reset() {
      workItems.length = 0;
      ruleQueueId = null;
    },
  };
}

export type RoutingData = ReturnType<typeof createRoutingData>;
