/**
 * Where the module's HTTP API is mounted, as the browser sees it: `/api` unless the host mounted
 * the server elsewhere (`createEscalationServer({ prefix })`). A prop wins over the provider.
 */
import { createContext, useContext } from 'react';

export const DEFAULT_API_BASE = '/api';

export const ApiBaseContext = createContext(DEFAULT_API_BASE);

export const trimBase = (base: string) => base.replace(/\/+$/, '');

export function useApiBase(override?: string): string {
  const provided = useContext(ApiBaseContext);
  return trimBase(override ?? provided);
}
