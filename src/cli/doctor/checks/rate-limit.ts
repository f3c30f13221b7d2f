/**
 * Rate-limit headroom: Kustomer's budget is per org per 60-second window and shared by every key
 * and app of the org (https://developer.kustomer.com/docs/concepts/rate-limits). An escalation
 * costs about four requests (customer lookup, conversation, transcript bulk, note).
 */
import { fail, pass, skip, warn, type Check, type DoctorFacts } from '../types.js';

export const REQUESTS_PER_ESCALATION = 4;
/** Escalations may use at most this share of the org's budget: the rest is other integrations'. */
const COMFORTABLE_SHARE = 0.5;

function orgLimit(facts: DoctorFacts): { limit: number; source: string } | null {
  const header = facts.connection?.rateLimit.limit;
  if (header) return { limit: header, source: 'x-ratelimit-limit' };
  if (facts.kustomer.ok)
    return { limit: facts.kustomer.value.rateLimitPerMin, source: 'KUSTOMER_RATE_LIMIT_PER_MIN' };
  return null;
}

export const rateLimitCheck: Check = (facts) => {
  const id = 'rate-limit';
  const title = 'Rate-limit headroom';
  const budget = orgLimit(facts);
  if (!budget) return skip(id, title, 'no rate limit known');
  const capacityPerHour = Math.floor((budget.limit * 60) / REQUESTS_PER_ESCALATION);
  const configured = facts.kustomer.ok ? facts.kustomer.value.rateLimitPerMin : null;
  if (budget.source === 'x-ratelimit-limit' && configured !== null && configured > budget.limit)
    return warn(
      id,
      title,
      `KUSTOMER_RATE_LIMIT_PER_MIN=${configured} is above the org's ${budget.limit}/min: the client will run into 429s`,
      `set KUSTOMER_RATE_LIMIT_PER_MIN=${budget.limit} or lower`,
    );
  const expected = facts.expectedPerHour;
  if (expected === null)
    return warn(
      id,
      title,
      `${budget.limit} requests/min (${budget.source}) carries about ${capacityPerHour} escalations/hour; expected volume unknown`,
      'set EXPECTED_ESCALATIONS_PER_HOUR (or --expected-per-hour) to judge the headroom',
    );
  const needPerMin = (expected * REQUESTS_PER_ESCALATION) / 60;
  const share = needPerMin / budget.limit;
  const detail = `${expected} escalations/hour need ~${Math.ceil(needPerMin)} requests/min of ${budget.limit}/min (${Math.round(share * 100)}%)`;
  const fix =
    "ask Kustomer for a higher plan limit, or lower other integrations' use of the org budget";
  if (share > 1) return fail(id, title, `${detail}: more than the whole org budget`, fix);
  if (share > COMFORTABLE_SHARE)
    return warn(id, title, `${detail}: little left for the org's other integrations`, fix);
  const remaining = facts.connection?.rateLimit.remaining;
  if (remaining !== null && remaining !== undefined && remaining < needPerMin)
    return warn(id, title, `${detail}, but only ${remaining} were left in this window`, fix);
  return pass(id, title, detail);
};
