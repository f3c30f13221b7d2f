/**
 * SLA policies (https://developer.kustomer.com/api/core-resources/get-sla-by-id): each SLA with
 * its active version under `included`, built from Kustomer's own example; the version's
 * firstResponse metric carries `basedOnHumanInteraction` when the policy has it.
 */
import { fromTemplate } from './envelope.js';
import { KUSTOMER_EXAMPLES } from './kustomer-examples.js';
import { notFound, type Route } from './route-types.js';
import type { SandboxSla } from './routing-data.js';

const READ = ['org.permission.sla.read', 'org.user.sla.read'];
type Template = Parameters<typeof fromTemplate>[0];
const CREATED_AT = '2020-11-12T23:14:02.462Z';

export function slaResource(s: SandboxSla) {
  const resource = fromTemplate(
    KUSTOMER_EXAMPLES.sla as unknown as Template,
    s.id,
    {},
    {
      currentVersion: 1,
      createdAt: CREATED_AT,
    },
  );
  const relationships = resource.relationships as Record<string, unknown>;
  const versions = { data: [{ type: 'sla_version', id: s.versionId }] };
  return { ...resource, relationships: { ...relationships, versions } };
}

export function slaVersionResource(s: SandboxSla) {
  const example = KUSTOMER_EXAMPLES.slaVersion.attributes.metrics;
  const firstResponse = {
    ...example.firstResponse,
    enabled: s.firstResponse,
    ...(s.basedOnHumanInteraction === undefined
      ? {}
      : { basedOnHumanInteraction: s.basedOnHumanInteraction }),
  };
  return fromTemplate(
    KUSTOMER_EXAMPLES.slaVersion as unknown as Template,
    s.versionId,
    { sla: s.id },
    {
      name: s.name,
      description: `${s.name} (sandbox)`,
      version: 1,
      hours: 'calendar',
      metrics: { ...example, firstResponse },
      criteria: KUSTOMER_EXAMPLES.slaVersion.attributes.criteria,
      createdAt: CREATED_AT,
    },
  );
}

export const slaRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/slas',
    roles: READ,
    handle: (ctx) => {
      const slas = ctx.core.store.routing.slas;
      return {
        status: 200,
        body: { data: slas.map(slaResource), included: slas.map(slaVersionResource) },
      };
    },
  },
  {
    method: 'GET',
    path: '/v1/slas/{id}',
    values: { id: 'text' },
    roles: READ,
    handle: (ctx) => {
      const sla =
        ctx.core.store.routing.slas.find((s) => s.id === ctx.params[0]) ?? notFound('sla');
      return { status: 200, body: { data: slaResource(sla), included: slaVersionResource(sla) } };
    },
  },
];
