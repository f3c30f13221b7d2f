/**
 * Where the module's HTTP API is mounted, as the browser sees it: `/api` unless the host mounted
 * the server elsewhere (`createEscalationServer({ prefix })`). A prop wins over the provider.
 */
import { createContext, useContext, useMemo } from 'react';
import { apiAt, type Api } from './api-client.js';

export const DEFAULT_API_BASE = '/api';

export const ApiBaseContext = createContext(DEFAULT_API_BASE);

export const trimBase = (base: string) => base.replace(/\/+$/, '');

export function useApiBase(override?: string): string {
  const provided = useContext(ApiBaseContext);
  return trimBase(override ?? provided);
}

/** The API at the base in force here (a prop's, else the provider's), the same object per base. */
export function useApi(override?: string): Api {
  const base = useApiBase(override);
  return useMemo(() => apiAt(base), [base]);
}
