/**
 * Query keys for the Integrations page, in one place so mutations invalidate the right ones. Each
 * starts with the API base: two pages mounted on different prefixes never share an answer, even
 * with one query client.
 */
export const integrationKeysAt = (base: string) => {
  const all = ['integrations', 'kustomer', base] as const;
  return {
    all,
    status: () => [...all, 'status'] as const,
    teams: () => [...all, 'teams'] as const,
    schedules: () => [...all, 'schedules'] as const,
    queues: () => [...all, 'queues'] as const,
    sandbox: () => [...all, 'sandbox'] as const,
    analytics: (days: number) => [...all, 'analytics', days] as const,
    webhook: () => [...all, 'webhook'] as const,
    sandboxSlas: () => [...all, 'sandbox', 'slas'] as const,
    customer: (email: string) => [...all, 'customer', email] as const,
  };
};

export type IntegrationKeys = ReturnType<typeof integrationKeysAt>;
