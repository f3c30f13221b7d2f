/**
 * The conformance corpus in test/fixtures/kustomer/: Kustomer's own examples (openapi/, extracted
 * by npm run extract:kustomer) and payloads recorded by others from real orgs (recorded/, each
 * with its source in SOURCES.md). Tests and the sandbox's templates read it through here.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CORPUS_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'fixtures',
  'kustomer',
);

/** A response to one of the module's routes, success or error. */
export interface ResponsePayload {
  kind: 'response';
  file: string;
  source: string;
  method: string;
  /** The route as the module names it: `/v1/customers/email={email}`. */
  route: string;
  status: number;
  body: unknown;
}

/** An outbound webhook event as delivered (the envelope with `id`, `name` and `data`). */
export interface EventPayload {
  kind: 'event';
  file: string;
  source: string;
  name: string;
  body: Record<string, unknown>;
}

export type CorpusPayload = ResponsePayload | EventPayload;

interface IndexEntry {
  file: string;
  source?: string;
  method?: string;
  route?: string;
  status?: number;
  event?: string;
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

function load(folder: string, defaultSource: string): CorpusPayload[] {
  const index = readJson(join(CORPUS_DIR, folder, 'index.json')) as { examples: IndexEntry[] };
  return index.examples.map((entry): CorpusPayload => {
    const body = readJson(join(CORPUS_DIR, folder, entry.file));
    const file = `${folder}/${entry.file}`;
    const source = entry.source ?? defaultSource;
    if (entry.event)
      return { kind: 'event', file, source, name: entry.event, body: body as EventPayload['body'] };
    return {
      kind: 'response',
      file,
      source,
      method: entry.method!,
      route: entry.route!,
      status: entry.status!,
      body,
    };
  });
}

/** Every payload of the corpus, Kustomer's examples first. */
export function loadCorpus(): CorpusPayload[] {
  return [...load('openapi', 'Kustomer Core Resources OpenAPI'), ...load('recorded', '')];
}

export const responses = (corpus = loadCorpus()) =>
  corpus.filter((p): p is ResponsePayload => p.kind === 'response');

export const events = (corpus = loadCorpus()) =>
  corpus.filter((p): p is EventPayload => p.kind === 'event');
