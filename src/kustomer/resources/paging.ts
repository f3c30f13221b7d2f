/**
 * Follows links.next until it is null, the one paging rule that holds for every Kustomer list
 * (https://developer.kustomer.com/docs/concepts/pagination). links.next is a path with its query.
 */
import type { CallSpec, Transport } from '../transport.js';

const MAX_PAGES = 100;

type Page<T> = { data: T[]; links?: { next?: string | null | undefined } | undefined };

export async function collectPages<T, const R extends string>(
  transport: Transport,
  first: CallSpec<Page<T>, R>,
  /** Counts the pages fetched, for callers that report their round trips. */
  stats: { pages: number } = { pages: 0 },
): Promise<T[]> {
  const items: T[] = [];
  let spec: typeof first | null = first;
  for (let page = 0; spec && page < MAX_PAGES; page += 1) {
    const body: Page<T> = await transport.call(spec);
    stats.pages += 1;
    items.push(...body.data);
    const next = body.links?.next;
    // The link carries the query (the page cursor with the first call's filters).
    spec = next ? { ...first, link: next, query: {} } : null;
  }
  return items;
}
