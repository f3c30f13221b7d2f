/**
 * Brotli or gzip for the static files `npm start` serves, chosen from Accept-Encoding. Each file
 * is compressed once per encoding and kept in memory (keyed by path, size and mtime, so a new
 * build is picked up); hashed assets never change, so the cost is paid once per deploy.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { LRUCache } from 'lru-cache';

export type Encoding = 'br' | 'gzip';

const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json', '.txt', '.ico']);
/** Below this the headers outweigh the saving. */
const MIN_BYTES = 1024;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export const isCompressible = (file: string): boolean => COMPRESSIBLE.has(extname(file));

/**
 * The encoding to send: brotli when accepted, else gzip, else none. A `q=0` refuses one
 * (RFC 9110 §12.5.3); `*` accepts both.
 */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | null {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    if (name) accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const weight = (name: Encoding) => accepted.get(name) ?? accepted.get('*') ?? 0;
  if (weight('br') > 0) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return null;
}

export function createCompressedFiles(maxBytes = 64 * 1024 * 1024) {
  const cache = new LRUCache<string, Buffer>({
    maxSize: maxBytes,
    sizeCalculation: (b) => b.length || 1,
  });
  return {
    /** The compressed body, or null when compressing does not pay (small or already packed). */
    async get(file: string, encoding: Encoding): Promise<Buffer | null> {
      if (!isCompressible(file)) return null;
      const info = await stat(file);
      if (info.size < MIN_BYTES) return null;
      const key = `${encoding}:${file}:${info.size}:${info.mtimeMs}`;
      const cached = cache.get(key);
      if (cached) return cached;
      const raw = await readFile(file);
      const packed =
        encoding === 'br'
          ? await brotli(raw, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: 11,
                [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
              },
            })
          : await gzipAsync(raw, { level: 9 });
      cache.set(key, packed);
      return packed;
    },
  };
}
