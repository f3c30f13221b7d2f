/**
 * Answering the chat at the conversation: an attempt reports `escalated` as soon as the
 * conversation exists and is routed, and goes on with the note and the transcript. That work is
 * kept: tracked so that idle() and close() can wait for it, and handed to the host's keepAlive
 * (Vercel's waitUntil) so a serverless function lives on after its response.
 */
import type { EscalatedResult, EscalationResult } from '../shared/escalation.js';
import type { AttemptOutcome } from './attempt.js';

export function createBackground(keepAlive: (work: Promise<unknown>) => void) {
  const running = new Set<Promise<unknown>>();
  return {
    keep(work: Promise<unknown>): void {
      const tracked = work.then(
        () => undefined,
        () => undefined,
      );
      running.add(tracked);
      void tracked.finally(() => running.delete(tracked));
      keepAlive(tracked);
    },
    /** Resolves once nothing kept is running (work kept meanwhile included). */
    async idle(): Promise<void> {
      while (running.size) await Promise.allSettled([...running]);
    },
  };
}
export type Background = ReturnType<typeof createBackground>;

/**
 * Runs an attempt and resolves with its answer (the escalated result) or, if it ends without
 * one, its outcome; whatever it does after answering is kept in the background.
 */
export async function answerFirst(
  background: Background,
  start: (onAnswer: (result: EscalatedResult) => void) => Promise<AttemptOutcome>,
): Promise<EscalationResult | AttemptOutcome> {
  let answer: (result: EscalatedResult) => void = () => undefined;
  const answered = new Promise<EscalatedResult>((resolve) => (answer = resolve));
  const finished = start(answer);
  background.keep(finished);
  return Promise.race([answered, finished]);
}
