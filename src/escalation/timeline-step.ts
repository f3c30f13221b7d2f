/**
 * Step 3, after the caller heard `escalated`: the internal note, the transcript (a bulk job,
 * followed to its end) and, when routing names a Kustomer queue, its work item, in parallel.
 * What lands is recorded even when another part fails, so a retry does only what is missing.
 */
import type { Call } from './call.js';
import { afterPartialWrites, failureMayHaveLanded } from './failures.js';
import { noteExternalId, noteInput, transcriptMessages } from './payload.js';
import { stillRouted, type Escalated, type Routed } from './progress.js';
import type { EscalationPatch } from './record.js';
import { routeToQueue, workItemDue } from './routing-work-item.js';
import type { StepDeps, StepRun } from './steps.js';

/** Step 3: the internal note, the transcript and the work item, in parallel. */
export async function timelineStep(
  deps: StepDeps,
  run: StepRun,
  call: Call,
  record: Escalated,
): Promise<Routed> {
  const { client } = deps;
  const { request, conversationId, routing } = record;
  const wantTranscript =
    run.settings.transcriptSync && !record.transcriptSynced && request.transcript.length > 0;
  const wantNote = !record.noteCreated;
  const createNote = async () => {
    const existing = run.resume
      ? await call((o) =>
          client.notes.findByExternalId(conversationId, noteExternalId(record.escalationId), o),
        )
      : null;
    return (
      existing ??
      call((o) =>
        client.notes.create(
          conversationId,
          noteInput(request, routing, deps.sessionUrl(request), record.availability),
          o,
        ),
      )
    );
  };
  const [transcript, note, workItem] = await Promise.allSettled([
    wantTranscript
      ? call((o) =>
          client.messages.addTranscript(conversationId, transcriptMessages(request), {
            ...o,
            resume: run.resume,
            journal: {
              pending: record.transcriptJobs ?? [],
              settleMs: run.bulkSettleMs,
              save: async (jobs) => {
                await deps.store.records.update(record.escalationId, { transcriptJobs: jobs });
              },
            },
            // Stop following a job in time to record why, before the attempt's deadline.
            maxWaitForJobMs: Math.max(0, run.deadlineAt - deps.clock() - 500),
          }),
        ).catch((error: unknown) => {
          // Earlier chunks may have landed before the one that failed.
          throw afterPartialWrites(error);
        })
      : Promise.resolve(null),
    wantNote ? createNote() : Promise.resolve(null),
    workItemDue(record) ? routeToQueue(deps, run.resume, call, record) : Promise.resolve(),
  ]);
  const patch = {
    ...(wantTranscript && transcript.status === 'fulfilled' ? { transcriptSynced: true } : {}),
    ...(wantNote && note.status === 'fulfilled' ? { noteCreated: true } : {}),
  };
  const rejected = [transcript, note, workItem].filter((r) => r.status === 'rejected');
  // Report the ambiguous failure if there is one, so the retry knows to look before it writes.
  const failed = rejected.find((r) => failureMayHaveLanded(r.reason)) ?? rejected[0];
  if (failed) {
    // Keep what did land, so the retry does only the part that failed.
    if (Object.keys(patch).length) await deps.store.records.update(record.escalationId, patch);
    throw failed.reason;
  }
  // The answer goes with the state: it names the conversation the state says exists.
  const synced = {
    ...patch,
    state: 'transcript_synced',
    result: record.result,
  } satisfies EscalationPatch;
  return {
    ...stillRouted(await deps.store.records.update(record.escalationId, synced), record),
    ...synced,
  };
}
