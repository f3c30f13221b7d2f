import { z } from 'zod';

/**
 * Every error the /api endpoints return has this body: `{ error: { code, message, fields? } }`.
 * `fields` maps a dotted path of the request body (`customer.email`, `transcript.3.text`) to what
 * is wrong with it, so a form can show the message beside the field.
 */
export const apiErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
    requestId: z.string().optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;

/** Parse-time messages for people: a missing field says "Required", not what zod expected. */
export const readableIssues: z.core.$ZodErrorMap = (issue) =>
  issue.input === undefined ? 'Required' : undefined;

/** Turns zod issues into the `fields` map of an error body: the first message per path wins. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.') || '(body)';
    fields[path] ??= issue.message;
  }
  return fields;
}
