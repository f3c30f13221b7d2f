/** Query keys for the Integrations page, in one place so mutations invalidate the right ones. */
export const integrationKeys = {
  all: ['integrations', 'kustomer'] as const,
  status: () => [...integrationKeys.all, 'status'] as const,
  teams: () => [...integrationKeys.all, 'teams'] as const,
  schedules: () => [...integrationKeys.all, 'schedules'] as const,
  queues: () => [...integrationKeys.all, 'queues'] as const,
  sandbox: () => [...integrationKeys.all, 'sandbox'] as const,
  analytics: (days: number) => [...integrationKeys.all, 'analytics', days] as const,
  webhook: () => [...integrationKeys.all, 'webhook'] as const,
  sandboxSlas: () => [...integrationKeys.all, 'sandbox', 'slas'] as const,
  customer: (email: string) => [...integrationKeys.all, 'customer', email] as const,
};
