/**
 * An append-only JSON-lines log whose appends resolve only once the bytes are fsynced. Appends
 * that arrive while a flush is in flight are written together and share the next fsync (group
 * commit), so durability costs one fsync per batch rather than one per write.
 */
import { open, rename, readFile, type FileHandle } from 'node:fs/promises';
import { openSync, fsyncSync, closeSync } from 'node:fs';
import { dirname } from 'node:path';

export interface AppendLog {
  append(entries: unknown[]): Promise<void>;
  /**
   * Replaces the log with the entries `produce` returns when the rewrite runs: temp file, fsync,
   * atomic rename, fsync the folder.
   */
  rewrite(produce: () => unknown[]): Promise<void>;
  lines(): number;
  close(): Promise<void>;
}

interface Pending {
  text: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Reads every complete entry; a torn last line (a crash mid-write) is ignored. */
export async function readLog(path: string): Promise<unknown[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const rawLines = text.split('\n').filter((line) => line.length > 0);
  const entries: unknown[] = [];
  rawLines.forEach((line, index) => {
    try {
      entries.push(JSON.parse(line));
    } catch (error) {
      if (index !== rawLines.length - 1)
        throw new Error(`corrupt log ${path} at line ${index + 1}`, { cause: error });
    }
  });
  return entries;
}

export function fsyncDir(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export async function openAppendLog(path: string, existingLines: number): Promise<AppendLog> {
  let handle: FileHandle = await open(path, 'a');
  fsyncDir(dirname(path));
  let lineCount = existingLines;
  let queue: Pending[] = [];
  let flushScheduled = false;
  // Flushes and rewrites run one at a time on this chain, so no append can land in a file that a
  // rewrite is about to replace.
  let chain: Promise<void> = Promise.resolve();
  function schedule<T>(task: () => Promise<T>): Promise<T> {
    const run = chain.then(task);
    chain = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  async function flush(): Promise<void> {
    flushScheduled = false;
    const batch = queue;
    queue = [];
    try {
      await handle.appendFile(batch.map((p) => p.text).join(''));
      await handle.datasync();
      batch.forEach((p) => p.resolve());
    } catch (error) {
      batch.forEach((p) => p.reject(error));
    }
  }

  return {
    append(entries) {
      const text = entries.map((entry) => `${JSON.stringify(entry)}\n`).join('');
      lineCount += entries.length;
      return new Promise<void>((resolve, reject) => {
        queue.push({ text, resolve, reject });
        if (!flushScheduled) {
          flushScheduled = true;
          void schedule(flush);
        }
      });
    },
    rewrite(produce) {
      return schedule(async () => {
        // Taken now, after every earlier append was written: the snapshot covers them all.
        const entries = produce();
        const temp = `${path}.tmp`;
        const out = await open(temp, 'w');
        await out.writeFile(entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
        await out.sync();
        await out.close();
        await handle.close();
        await rename(temp, path);
        fsyncDir(dirname(path));
        handle = await open(path, 'a');
        lineCount = entries.length + queue.length;
      });
    },
    lines: () => lineCount,
    close() {
      return schedule(() => handle.close());
    },
  };
}
