/**
 * The embedded durable store: the memory store as the index, and an fsynced append-only log
 * behind it. A write resolves only after its log entry is on disk, so an escalation acknowledged
 * to a caller survives kill -9 and restart. The log is compacted into a snapshot when it grows.
 */
import { FILE_DURABILITY } from './durability.js';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EscalationStore } from '../store.js';
import type { EscalationRecord } from '../record.js';
import type { IntegrationSettings } from '../../shared/settings.js';
import { openAppendLog, readLog } from './append-log.js';
import { acquireDirLock } from './dir-lock.js';
import { finishedBefore } from '../records.js';
import { createMemoryStore, type MemoryStore } from './memory-store.js';
import type { DayStats } from '../analytics/contribution.js';

export interface FileStoreOptions {
  dir: string;
  clock?: () => number;
  /** Compact when the log holds this many more lines than there are live records. @default 2000 */
  compactEvery?: number;
}

type LogEntry =
  | { op: 'put'; record: EscalationRecord }
  | { op: 'delete'; id: string }
  | { op: 'settings'; settings: IntegrationSettings }
  | { op: 'seen'; id: string; until: number }
  /** A snapshot's analytics counters: written after its records, it replaces what they added. */
  | { op: 'stats'; days: Record<string, DayStats>; purgedBefore: string }
  | { op: 'stats-purge'; before: string }
  | { op: 'server'; key: string; value: unknown };

function replay(index: MemoryStore, entries: unknown[]): void {
  for (const entry of entries as LogEntry[]) {
    if (entry.op === 'put') index.restore(entry.record);
    else if (entry.op === 'delete') index.forget(entry.id);
    else if (entry.op === 'settings') index.restoreSettings(entry.settings);
    else if (entry.op === 'seen') index.restoreSeen(entry.id, entry.until);
    else if (entry.op === 'stats') index.restoreStats(entry.days, entry.purgedBefore);
    else if (entry.op === 'stats-purge') index.forgetStatsBefore(entry.before);
    else if (entry.op === 'server') index.restoreServerValue(entry.key, entry.value);
  }
}

export async function createFileStore(options: FileStoreOptions): Promise<EscalationStore> {
  mkdirSync(options.dir, { recursive: true });
  const release = acquireDirLock(join(options.dir, 'store.lock'));
  const logPath = join(options.dir, 'escalations.log');
  const index = createMemoryStore(options.clock ? { clock: options.clock } : {});
  const clock = options.clock ?? Date.now;
  const compactEvery = options.compactEvery ?? 2000;
  let log;
  try {
    const entries = await readLog(logPath);
    replay(index, entries);
    log = await openAppendLog(logPath, entries.length);
  } catch (error) {
    release();
    throw error;
  }
  const appendLog = log;

  let compacting = false;
  let liveRecords = (await index.records.list()).length;

  async function persist(entries: LogEntry[]): Promise<void> {
    await appendLog.append(entries);
    if (compacting || appendLog.lines() - liveRecords <= compactEvery) return;
    compacting = true;
    try {
      await appendLog.rewrite(snapshotEntries);
    } finally {
      compacting = false;
    }
  }
  function snapshotEntries(): LogEntry[] {
    const { records, settings, seen, stats, statsPurgedBefore, serverValues } = index.snapshot();
    liveRecords = records.length;
    const entries: LogEntry[] = records.map((record) => ({ op: 'put', record }));
    if (settings) entries.push({ op: 'settings', settings });
    for (const [id, until] of seen) entries.push({ op: 'seen', id, until });
    // After the records: replaying them added their counts, which this then replaces, so the
    // counts of records deleted before the snapshot are kept.
    entries.push({ op: 'stats', days: stats, purgedBefore: statsPurgedBefore });
    for (const [key, value] of serverValues) entries.push({ op: 'server', key, value });
    return entries;
  }
  /** Removes from the index and logs the deletions; the index removes them in one step. */
  async function purge(pick: (record: EscalationRecord) => boolean, limit?: number) {
    const removed = index.purgeWhere(pick, limit);
    liveRecords -= removed.length;
    if (removed.length > 0) await persist(removed.map((id) => ({ op: 'delete', id })));
    return removed.length;
  }
  async function persistRecord(escalationId: string): Promise<void> {
    const record = await index.records.get(escalationId);
    if (record) await persist([{ op: 'put', record }]);
  }
  const records = index.records;

  return {
    kind: 'file',
    records: {
      async insert(record) {
        const result = await records.insert(record);
        // A duplicate was persisted when it was first inserted; re-writing it would not add safety.
        if (!result.inserted) return result;
        liveRecords += 1;
        await persist([{ op: 'put', record: result.record }]);
        return result;
      },
      get: (escalationId) => records.get(escalationId),
      async update(escalationId, patch) {
        const record = await records.update(escalationId, patch);
        await persist([{ op: 'put', record }]);
        return record;
      },
      async updateWhere(escalationId, change) {
        const record = await records.updateWhere(escalationId, change);
        if (record) await persist([{ op: 'put', record }]);
        return record;
      },
      async appendReply(escalationId, reply) {
        const added = await records.appendReply(escalationId, reply);
        if (added) await persistRecord(escalationId);
        return added;
      },
      due: (at, limit) => records.due(at, limit),
      list: (listOptions) => records.list(listOptions),
      messagesDue: (at, limit) => records.messagesDue(at, limit),
      countByState: () => records.countByState(),
      oldestWaiting: () => records.oldestWaiting(),
      countTimelinePending: () => records.countTimelinePending(),
      findByConversationId: (conversationId) => records.findByConversationId(conversationId),
      purgeDead: () => purge((record) => record.state === 'dead'),
      purgeFinished: (before, limit) => purge(finishedBefore(before), limit),
    },
    stats: {
      read: (days) => index.stats.read(days),
      async purgeBefore(day) {
        const limit = index.statsPurgedBefore();
        const purged = index.forgetStatsBefore(day);
        // Logged whenever the limit moves, even if no day went: it keeps late changes out of
        // purged days after a restart too.
        if (index.statsPurgedBefore() !== limit)
          await persist([{ op: 'stats-purge', before: day }]);
        return purged;
      },
    },
    // Leases only guard against concurrent work inside this one process (the lock file keeps
    // other processes out), so they need no durability: a restart starts with none held.
    leases: index.leases,
    events: {
      async markSeen(eventId, ttlMs) {
        const first = await index.events.markSeen(eventId, ttlMs);
        if (first) await persist([{ op: 'seen', id: eventId, until: clock() + ttlMs }]);
        return first;
      },
    },
    // Rate-limit counters are per-minute and need not survive a restart.
    counters: index.counters,
    settings: {
      get: () => index.settings.get(),
      async save(settings) {
        await index.settings.save(settings);
        await persist([{ op: 'settings', settings }]);
      },
    },
    serverValues: {
      get: (key) => index.serverValues.get(key),
      async put(key, value) {
        await index.serverValues.put(key, value);
        await persist([{ op: 'server', key, value }]);
      },
    },
    async ping() {},
    durability: async () => FILE_DURABILITY,
    async close() {
      await appendLog.close();
      release();
    },
  };
}
