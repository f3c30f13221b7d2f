/**
 * One process per store folder: two processes appending to one log would interleave and each
 * would miss the other's writes in its index. A lock file created with O_EXCL holds our pid; a
 * lock left by a dead process (kill -9) is taken over.
 */
import { openSync, writeSync, closeSync, readFileSync, unlinkSync } from 'node:fs';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireDirLock(path: string): () => void {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          unlinkSync(path);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(path, 'utf8'), 10);
      if (Number.isInteger(holder) && holder !== process.pid && alive(holder)) {
        throw new Error(
          `the escalation store at ${path.replace(/\/[^/]+$/, '')} is in use by process ${holder}; ` +
            'use one process per STORE_DIR, or the redis store for several instances',
        );
      }
      unlinkSync(path);
    }
  }
  throw new Error(`could not lock ${path}`);
}
