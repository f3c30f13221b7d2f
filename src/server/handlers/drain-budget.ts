/**
 * A drain through the API (the cron, or an admin's "drain now") within DRAIN_BUDGET_MS, so the
 * function answers before Vercel's maxDuration cuts it off mid-delivery. Past the budget no
 * delivery starts; what is left waits for the next run.
 */
import type { DrainReport } from '../../escalation/types.js';
import type { Services } from '../services.js';

export interface BudgetedDrainReport extends DrainReport {
  budgetMs: number;
  /** The budget ran out: escalations may be left for the next run. */
  stoppedAtBudget: boolean;
}

export async function drainWithinBudget(services: Services): Promise<BudgetedDrainReport> {
  const budgetMs = services.env.drainBudgetMs;
  const deadlineAt = services.clock() + budgetMs;
  const report = await services.escalations.drain({ deadlineAt });
  return { ...report, budgetMs, stoppedAtBudget: services.clock() >= deadlineAt };
}
