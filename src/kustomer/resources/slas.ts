/**
 * The org's SLA policies, read to tell whether the bot's transcript could satisfy one.
 *
 * Kustomer: "When `basedOnHumanInteraction` is `true`, only human-authored SENT outbound messages
 * satisfy the metric. When omitted or `false`, any customer-visible SENT outbound satisfies it
 * (legacy behavior)." (https://developer.kustomer.com/api/core-resources/get-sla-by-id). An SLA's
 * targets live on its versions, which `?versions=active` adds under `included` (one object or a
 * list); a policy whose version is not included is read by id.
 */
import { z } from 'zod';
import { rolesFor } from '../permissions.js';
import { relatedId, resourceSchema, text } from '../schemas.js';
import type { RouteTarget } from '../route-path.js';
import type { Transport } from '../transport.js';
import type { CallOptions } from '../types.js';

export interface SlaPolicy {
  id: string;
  name: string;
  /** The first-response metric is on. */
  firstResponse: boolean;
  /** Only human-authored messages satisfy it (absent in Kustomer's answer: false, the legacy rule). */
  basedOnHumanInteraction: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const versionResource = resourceSchema(
  z.object({ name: text, metrics: z.unknown().optional() }).loose(),
);
const slaResource = resourceSchema(z.object({ name: text }).loose());
const envelope = z.object({
  data: z.unknown(),
  included: z.unknown().optional(),
  links: z.unknown().optional(),
});

type Version = z.infer<typeof versionResource>;

function firstResponseOf(
  version: Version,
): Pick<SlaPolicy, 'firstResponse' | 'basedOnHumanInteraction'> {
  const metrics = version.attributes.metrics;
  const metric = isObject(metrics) && isObject(metrics.firstResponse) ? metrics.firstResponse : {};
  return {
    firstResponse: metric.enabled === true,
    basedOnHumanInteraction: metric.basedOnHumanInteraction === true,
  };
}

function versionsIn(included: unknown): Version[] {
  const items = Array.isArray(included) ? included : included === undefined ? [] : [included];
  return items.flatMap((item) => {
    const parsed = versionResource.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

function slasIn(data: unknown) {
  const items = Array.isArray(data) ? data : [data];
  return items.flatMap((item) => {
    const parsed = slaResource.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

export function createSlas(transport: Transport) {
  const roles = rolesFor('sla.read');
  const get = <const R extends string>(target: RouteTarget<R>, options: CallOptions) =>
    transport.call({
      lane: 'background',
      ...options,
      method: 'GET',
      ...target,
      query: { versions: 'active' },
      schema: envelope,
      roles,
    });

  /** Every SLA with its active version's first-response rule. */
  async function list(options: CallOptions = {}): Promise<SlaPolicy[]> {
    const body = await get({ route: '/v1/slas' }, options);
    const versions = versionsIn(body.included);
    const policies: SlaPolicy[] = [];
    for (const sla of slasIn(body.data)) {
      let version = versions.find((v) => relatedId(v, 'sla') === sla.id) ?? null;
      if (!version) {
        const one = await get({ route: '/v1/slas/{id}', params: { id: sla.id } }, options);
        version = versionsIn(one.included)[0] ?? null;
      }
      if (!version) continue;
      policies.push({
        id: sla.id,
        name: version.attributes.name ?? sla.attributes.name ?? sla.id,
        ...firstResponseOf(version),
      });
    }
    return policies;
  }

  return { list };
}

/** Policies the bot's outbound transcript lines would satisfy: first response on, legacy rule. */
export const fooledPolicies = (policies: readonly SlaPolicy[]): SlaPolicy[] =>
  policies.filter((p) => p.firstResponse && !p.basedOnHumanInteraction);
