import { z } from 'zod';

/** Kustomer priorities run 1 (lowest) to 5 (highest); people say low/medium/high/urgent. */
export const PRIORITY_NAMES = { lowest: 1, low: 2, medium: 3, high: 4, urgent: 5 } as const;
export type PriorityName = keyof typeof PRIORITY_NAMES;
export type Priority = 1 | 2 | 3 | 4 | 5;

export const prioritySchema = z
  .union([z.number().int().min(1).max(5), z.enum(['lowest', 'low', 'medium', 'high', 'urgent'])])
  .transform((value): Priority =>
    typeof value === 'number' ? (value as Priority) : PRIORITY_NAMES[value],
  );

export const PRIORITY_LABELS: Record<Priority, string> = {
  1: 'Lowest',
  2: 'Low',
  3: 'Medium',
  4: 'High',
  5: 'Urgent',
};
