/**
 * A request that may wait only so long for rate budget (an escalation with a deadline) is
 * rejected unsent as soon as its turn is known to come later, wherever it sits in the queue;
 * patient requests keep waiting for theirs.
 */
import { describe, expect, it } from 'vitest';
import { createLimiter, RateBudgetWaitError } from '../../src/kustomer/limiter.js';

function fakeTimers(start: number) {
  let now = start;
  const pending: { at: number; fn: () => void }[] = [];
  return {
    now: () => now,
    setTimeout: (fn: () => void, ms: number) => void pending.push({ at: now + ms, fn }),
    advance(ms: number) {
      now += ms;
      for (const timer of pending.splice(0).sort((a, b) => a.at - b.at)) {
        if (timer.at <= now) timer.fn();
        else pending.push(timer);
      }
    },
  };
}

const settle = async <T>(promise: Promise<T>) =>
  promise.then(
    () => 'granted',
    (error: unknown) => error,
  );

describe('limiter wait cap', () => {
  it('rejects a waiter whose turn is further away than it may wait, and grants it to the patient', async () => {
    const timers = fakeTimers(1_000_000);
    const limiter = createLimiter({ perMinute: 2, timers });
    await limiter.acquire('escalation', 4_000);
    await limiter.acquire('escalation', 4_000);
    const impatient = settle(limiter.acquire('escalation', 4_000));
    const patient = settle(limiter.acquire('background'));
    const outcome = await impatient;
    expect(outcome).toBeInstanceOf(RateBudgetWaitError);
    expect((outcome as RateBudgetWaitError).waitMs).toBe(60_000);
    expect(limiter.pending()).toBe(1);
    timers.advance(60_000);
    expect(await patient).toBe('granted');
  });

  it('rejects a queued waiter when Kustomer reports the budget spent until a later reset', async () => {
    const timers = fakeTimers(1_000_000);
    const limiter = createLimiter({ perMinute: 100, timers });
    limiter.observe({ limit: 100, remaining: 0, resetAt: 1_000_000 + 2_000 });
    const shortWait = settle(limiter.acquire('escalation', 4_000));
    limiter.observe({ limit: 100, remaining: 0, resetAt: 1_000_000 + 30_000 });
    expect(await shortWait).toBeInstanceOf(RateBudgetWaitError);
  });

  it('grants a waiter whose turn comes within its limit', async () => {
    const timers = fakeTimers(1_000_000);
    const limiter = createLimiter({ perMinute: 100, timers });
    limiter.observe({ limit: 100, remaining: 0, resetAt: 1_000_000 + 2_000 });
    const waiting = settle(limiter.acquire('escalation', 4_000));
    timers.advance(2_000);
    expect(await waiting).toBe('granted');
  });

  it('believes no reset further away than one 60-second window, whatever the clocks say', async () => {
    const timers = fakeTimers(1_000_000);
    const limiter = createLimiter({ perMinute: 100, timers });
    // Kustomer's clock is ten minutes ahead of ours.
    limiter.observe({ limit: 100, remaining: 0, resetAt: 1_000_000 + 600_000 });
    const waiting = settle(limiter.acquire('background'));
    timers.advance(60_000);
    expect(await waiting).toBe('granted');
  });
});
