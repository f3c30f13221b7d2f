/**
 * The file store's records and stats ports: the memory records as the index, each change logged
 * (and fsynced) before it is answered.
 */
import type { StorePorts } from '../store.js';
import type { EscalationRecord } from '../record.js';
import { finishedBefore } from '../records.js';
import type { MemoryRecords } from './memory-records.js';

export type RecordLogEntry =
  | { op: 'put'; record: EscalationRecord }
  | { op: 'delete'; id: string }
  | { op: 'stats-purge'; before: string };

export function fileRecords(
  index: MemoryRecords,
  persist: (entries: RecordLogEntry[]) => Promise<void>,
): StorePorts<'records' | 'stats'> {
  const { records } = index;
  /** Removes from the index and logs the deletions; the index removes them in one step. */
  async function purge(pick: (record: EscalationRecord) => boolean, limit?: number) {
    const removed = index.purgeWhere(pick, limit);
    if (removed.length > 0) await persist(removed.map((id) => ({ op: 'delete', id })));
    return removed.length;
  }
  async function logged(record: EscalationRecord | null) {
    if (record) await persist([{ op: 'put', record }]);
    return record;
  }

  return {
    records: {
      async insert(record) {
        const result = await records.insert(record);
        // A duplicate was persisted when it was first inserted; re-writing it would not add safety.
        if (result.inserted) await logged(result.record);
        return result;
      },
      get: (escalationId) => records.get(escalationId),
      update: async (escalationId, patch) =>
        (await logged(await records.update(escalationId, patch)))!,
      updateWhere: async (escalationId, change) =>
        logged(await records.updateWhere(escalationId, change)),
      async appendReply(escalationId, reply) {
        const added = await records.appendReply(escalationId, reply);
        if (added) await logged(await records.get(escalationId));
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
  };
}
