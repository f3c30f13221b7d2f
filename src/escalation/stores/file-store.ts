/**
 * The embedded durable store: the records and the key-value backend in memory as the index, and
 * one fsynced append-only log behind both. A write resolves only after its log entry is on disk,
 * so an escalation acknowledged to a caller survives kill -9 and restart. The log is compacted
 * into a snapshot when it grows.
 */
import { FILE_DURABILITY } from './durability.js';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EscalationStore } from '../store.js';
import type { EscalationRecord } from '../record.js';
import { openAppendLog, readLog } from './append-log.js';
import { acquireDirLock } from './dir-lock.js';
import {
  fileKeyValue,
  replayKeyValue,
  snapshotKeyValue,
  type KeyValueLogEntry,
} from './file-key-value.js';
import { fileRecords, type RecordLogEntry } from './file-records.js';
import { keyValuePorts } from './key-value-ports.js';
import { createMemoryKeyValue, type MemoryKeyValue } from './memory-key-value.js';
import { createMemoryRecords, type MemoryRecords } from './memory-records.js';
import type { DayStats } from '../analytics/contribution.js';

export interface FileStoreOptions {
  dir: string;
  clock?: () => number;
  /** Compact when the log holds this many more lines than there are live records. @default 2000 */
  compactEvery?: number;
}

type LogEntry =
  | RecordLogEntry
  /** A snapshot's analytics counters: written after its records, it replaces what they added. */
  | { op: 'stats'; days: Record<string, DayStats>; purgedBefore: string }
  | KeyValueLogEntry;

function replay(records: MemoryRecords, kv: MemoryKeyValue, entries: unknown[]): void {
  for (const entry of entries as LogEntry[]) {
    if (entry.op === 'put') records.restore(entry.record);
    else if (entry.op === 'delete') records.forget(entry.id);
    else if (entry.op === 'stats') records.restoreStats(entry.days, entry.purgedBefore);
    else if (entry.op === 'stats-purge') records.forgetStatsBefore(entry.before);
    else replayKeyValue(kv, entry);
  }
}

export async function createFileStore(options: FileStoreOptions): Promise<EscalationStore> {
  mkdirSync(options.dir, { recursive: true });
  const release = acquireDirLock(join(options.dir, 'store.lock'));
  const logPath = join(options.dir, 'escalations.log');
  const clock = options.clock ?? Date.now;
  const records = createMemoryRecords(clock);
  const kv = createMemoryKeyValue(clock);
  const compactEvery = options.compactEvery ?? 2000;
  let log;
  try {
    const entries = await readLog(logPath);
    replay(records, kv, entries);
    log = await openAppendLog(logPath, entries.length);
  } catch (error) {
    release();
    throw error;
  }
  const appendLog = log;

  let compacting = false;
  async function persist(entries: LogEntry[]): Promise<void> {
    await appendLog.append(entries);
    if (compacting || appendLog.lines() - records.size() <= compactEvery) return;
    compacting = true;
    try {
      await appendLog.rewrite(snapshotEntries);
    } finally {
      compacting = false;
    }
  }
  function snapshotEntries(): LogEntry[] {
    const { records: all, stats, statsPurgedBefore } = records.snapshot();
    const entries: LogEntry[] = all.map((record: EscalationRecord) => ({ op: 'put', record }));
    // After the records: replaying them added their counts, which this then replaces, so the
    // counts of records deleted before the snapshot are kept.
    entries.push({ op: 'stats', days: stats, purgedBefore: statsPurgedBefore });
    return [...entries, ...snapshotKeyValue(kv)];
  }

  return {
    kind: 'file',
    ...fileRecords(records, persist),
    ...keyValuePorts(fileKeyValue(kv, persist, clock), clock),
    async ping() {},
    durability: async () => FILE_DURABILITY,
    async close() {
      await appendLog.close();
      release();
    },
  };
}
