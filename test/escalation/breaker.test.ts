import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBreaker } from '../../src/escalation/breaker.js';
import {
  KustomerNetworkError,
  KustomerRateLimitError,
  KustomerUnavailableError,
  KustomerValidationError,
} from '../../src/kustomer/errors.js';

const fail = (error: Error) => () => Promise.reject(error);
const ok = () => Promise.resolve('ok');

describe('createBreaker', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('opens after threshold consecutive retryable failures and rejects without calling', async () => {
    const breaker = createBreaker({ threshold: 3, halfOpenAfterMs: 10_000 });
    const states: string[] = [];
    breaker.onStateChange((s) => states.push(s));
    for (let i = 0; i < 3; i++) {
      await expect(breaker.execute(fail(new KustomerNetworkError('reset')))).rejects.toThrow(
        'reset',
      );
    }
    expect(breaker.state()).toBe('open');
    const fn = vi.fn(ok);
    await expect(breaker.execute(fn)).rejects.toThrow(/open/i);
    expect(fn).not.toHaveBeenCalled();
    expect(breaker.stats()).toEqual({ opened: 1, rejected: 1 });
    expect(states).toEqual(['open']);
  });

  it('lets one probe through after the cool-down and closes on success', async () => {
    const breaker = createBreaker({ threshold: 2, halfOpenAfterMs: 10_000 });
    const error = new KustomerUnavailableError('503');
    await breaker.execute(fail(error)).catch(() => {});
    await breaker.execute(fail(error)).catch(() => {});
    vi.setSystemTime(new Date('2026-01-01T00:00:09Z'));
    expect(breaker.state()).toBe('open');
    vi.setSystemTime(new Date('2026-01-01T00:00:10Z'));
    expect(breaker.state()).toBe('half_open');
    await expect(breaker.execute(ok)).resolves.toBe('ok');
    expect(breaker.state()).toBe('closed');
  });

  it('re-opens when the probe fails', async () => {
    const breaker = createBreaker({ threshold: 1, halfOpenAfterMs: 1000 });
    await breaker.execute(fail(new KustomerNetworkError('down'))).catch(() => {});
    vi.setSystemTime(new Date('2026-01-01T00:00:01Z'));
    await breaker.execute(fail(new KustomerNetworkError('still down'))).catch(() => {});
    expect(breaker.state()).toBe('open');
    expect(breaker.stats().opened).toBe(2);
  });

  it('does not count validation errors, and a success resets the count', async () => {
    const breaker = createBreaker({ threshold: 2 });
    for (let i = 0; i < 5; i++) {
      await breaker.execute(fail(new KustomerValidationError('bad'))).catch(() => {});
    }
    expect(breaker.state()).toBe('closed');
    await breaker.execute(fail(new KustomerNetworkError('x'))).catch(() => {});
    await breaker.execute(ok);
    await breaker.execute(fail(new KustomerNetworkError('x'))).catch(() => {});
    expect(breaker.state()).toBe('closed');
  });

  it('stays closed through any number of 429s and spent budgets: Kustomer is answering', async () => {
    const breaker = createBreaker({ threshold: 2 });
    for (let i = 0; i < 20; i++) {
      await expect(
        breaker.execute(fail(new KustomerRateLimitError('429', 60_000))),
      ).rejects.toThrow('429');
    }
    expect(breaker.state()).toBe('closed');
    expect(breaker.stats()).toEqual({ opened: 0, rejected: 0 });
    // Still a breaker for real failures.
    await breaker.execute(fail(new KustomerNetworkError('x'))).catch(() => {});
    await breaker.execute(fail(new KustomerNetworkError('x'))).catch(() => {});
    expect(breaker.state()).toBe('open');
  });
});
