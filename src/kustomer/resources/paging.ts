/**
 * Follows links.next until it is null, the one paging rule that holds for every Kustomer list
 * (https://developer.kustomer.com/docs/concepts/pagination). links.next is a path with its query.
 */
import type { z } from 'zod';
import type { CallSpec, Transport } from '../transport.js';

const MAX_PAGES = 100;

export async function collectPages<T>(
  transport: Transport,
  first: Omit<
    CallSpec<{ data: T[]; links?: { next?: string | null | undefined } | undefined }>,
    'schema'
  > & {
    schema: z.ZodType<{ data: T[]; links?: { next?: string | null | undefined } | undefined }>;
  },
  /** Counts the pages fetched, for callers that report their round trips. */
  stats: { pages: number } = { pages: 0 },
): Promise<T[]> {
  const items: T[] = [];
  let spec: typeof first | null = first;
  for (let page = 0; spec && page < MAX_PAGES; page += 1) {
    const body: { data: T[]; links?: { next?: string | null | undefined } | undefined } =
      await transport.call(spec);
    stats.pages += 1;
    items.push(...body.data);
    const next = body.links?.next;
    spec = next ? { ...first, path: next, query: {} } : null;
  }
  return items;
}
