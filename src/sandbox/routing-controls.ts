/**
 * Steering the sandbox org's routing and SLAs, for tests and the Integrations page's inspector:
 * give the org its own queue rule (Kustomer's routing then picks every new conversation up
 * first), finish a work item as an agent would, and make an SLA policy one the bot's transcript
 * would fool (first response on, not based on human interaction: Kustomer's legacy rule).
 */
import { SandboxHttpError } from './http-error.js';
import type { SandboxQueue, SandboxSla, SandboxWorkItem } from './routing-data.js';
import type { SandboxRuntime } from './sandbox-runtime.js';

export interface RoutingState {
  queues: SandboxQueue[];
  workItems: SandboxWorkItem[];
  slas: SandboxSla[];
  /** The org's own queue rule's queue, or null. */
  queueRuleId: string | null;
}

export interface RoutingControls {
  /** New conversations get a work item in this queue at once (null: the org has no rule). */
  setQueueRule(queueId: string | null): void;
  /** As an agent accepting the item: it leaves the queue for the agent's inbox. */
  assignWorkItem(id: string): void;
  completeWorkItem(id: string): void;
  /** Makes the policy one the bot's transcript would satisfy (true) or not (false). */
  setSlaFooled(id: string, fooled: boolean): void;
}

export function routingState(rt: SandboxRuntime): RoutingState {
  const routing = rt.core.store.routing;
  return {
    queues: routing.queues,
    workItems: routing.workItems,
    slas: routing.slas,
    queueRuleId: routing.ruleQueueId(),
  };
}

export function routingControls(rt: SandboxRuntime): RoutingControls {
  const routing = rt.core.store.routing;
  const itemOrThrow = (id: string) => {
    const item = routing.workItem(id);
    if (!item) throw new SandboxHttpError(404, 'not_found', `no work item ${id}`);
    return item;
  };
  return {
    setQueueRule(queueId) {
      if (queueId && !routing.queue(queueId))
        throw new SandboxHttpError(400, 'bad_request', `no queue ${queueId}`, '/queueId');
      routing.setRuleQueue(queueId);
    },
    assignWorkItem: (id) => void (itemOrThrow(id).status = 'assigned'),
    completeWorkItem: (id) => void (itemOrThrow(id).status = 'completed'),
    setSlaFooled(id, fooled) {
      const sla: SandboxSla | undefined = routing.slas.find((s) => s.id === id);
      if (!sla) throw new SandboxHttpError(404, 'not_found', `no SLA ${id}`);
      sla.firstResponse = true;
      if (fooled) delete sla.basedOnHumanInteraction;
      else sla.basedOnHumanInteraction = true;
    },
  };
}
