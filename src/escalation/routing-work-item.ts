/**
 * The work-item step: puts the escalation's conversation in the Kustomer queue its routing names
 * (https://developer.kustomer.com/api/queues-and-routing/create-work-item), after the answer,
 * beside the note and the transcript, and records the item on the escalation before the step
 * counts as done.
 *
 * Exactly once: Kustomer keeps at most one open work item per conversation and answers a second
 * create with the existing one, so a repeated POST (a lost answer, a timeout, a crash, two
 * instances) cannot make a second open item. What it could do is route the conversation again
 * after its item was completed, so an attempt that may follow an unseen write (`resume`) lists
 * the conversation's items first and adopts what it finds. When Kustomer's own queue rules picked
 * the conversation up first, their waiting item is moved to our queue; one an agent already took
 * is left with the agent.
 */
import type { CallOptions } from '../kustomer/types.js';
import type { Routed } from './progress.js';
import type { EscalationRecord } from './record.js';
import type { Call } from './call.js';
import type { StepDeps } from './steps.js';

/** Nothing to do: no queue named, or the item is already recorded. */
export function workItemDue(record: EscalationRecord): boolean {
  return Boolean(record.routing?.queueId) && !record.workItem;
}

export async function routeToQueue(
  deps: Pick<StepDeps, 'client' | 'store'>,
  resume: boolean,
  call: Call,
  record: Routed,
): Promise<void> {
  const { conversationId } = record;
  const { queueId } = record.routing;
  if (!queueId || record.workItem) return;
  const { routing } = deps.client;
  const listed = resume
    ? await call((o: CallOptions) => routing.workItemsOf(conversationId, o))
    : [];
  // The open item if there is one (there is at most one), else the latest completed one.
  const existing = listed.find((i) => i.status !== 'completed') ?? listed.at(-1) ?? null;
  const { workItem, moved } = await call((o) =>
    routing.route(conversationId, queueId, { ...o, existing }),
  );
  await deps.store.records.update(record.escalationId, {
    workItem: { id: workItem.id, queueId: workItem.queueId, status: workItem.status, moved },
  });
}
