/**
 * The request counters GET /__sandbox/state reports: how many /v1 requests came, how many were
 * answered 429 (by the budget or by an injected fault), and how many each route template saw.
 * They are a plain object because state() hands out a structured clone of it.
 */
import type { SandboxState } from './types.js';

export type RequestCounters = SandboxState['requests'];

export function createRequestCounters(): RequestCounters {
  return { total: 0, rateLimited: 0, byRoute: {} };
}

export function countRoute(counters: RequestCounters, name: string): void {
  counters.byRoute[name] = (counters.byRoute[name] ?? 0) + 1;
}

export function resetRequestCounters(counters: RequestCounters): void {
  counters.total = 0;
  counters.rateLimited = 0;
  counters.byRoute = {};
}
