/**
 * One failure classification: every status and transport failure gets one class, one `transient`
 * and one `mayHaveLanded`, and every reader (the error factory, metrics, retries) agrees with it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toKustomerError } from '../../src/kustomer/error-factory.js';
import { classifyCall, isOutage } from '../../src/kustomer/failure-class.js';
import { failureClass } from '../../src/kustomer/metrics.js';

const redact = (text: string) => text;

describe('failure classification', () => {
  it.each([
    [401, 'auth', false, false],
    [403, 'permission', false, false],
    [404, 'not_found', false, false],
    [409, 'conflict', false, false],
    [422, 'validation', false, false],
    [429, 'rate_limit', true, false],
    [500, 'unavailable', true, true],
    [502, 'unavailable', true, true],
    [503, 'unavailable', true, false],
    [504, 'unavailable', true, true],
    [200, 'http', false, true],
  ])('a %i is %s, transient %s, may have landed %s', (status, code, transient, landed) => {
    expect(classifyCall({ status })).toEqual({ code, transient, mayHaveLanded: landed });
  });

  it('no answer: a timeout or a network error, both transient and possibly landed', () => {
    expect(classifyCall({ transport: 'timeout' })).toEqual({
      code: 'timeout',
      transient: true,
      mayHaveLanded: true,
    });
    expect(classifyCall({})).toEqual({ code: 'network', transient: true, mayHaveLanded: true });
  });

  it('an outage is transient and not a spent rate budget', () => {
    expect(isOutage({ code: 'unavailable', transient: true })).toBe(true);
    expect(isOutage({ code: 'timeout', transient: true })).toBe(true);
    expect(isOutage({ code: 'rate_limit', transient: true })).toBe(false);
    expect(isOutage({ code: 'validation', transient: false })).toBe(false);
  });

  it('the error factory and metrics read the same class for any status (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 200, max: 599 }), (status) => {
        const error = toKustomerError({ method: 'GET', route: '/v1/x', status }, redact);
        const call = classifyCall({ status });
        expect(error.code).toBe(call.code);
        expect(failureClass({ status })).toBe(call.code);
        expect({ transient: error.transient, mayHaveLanded: error.mayHaveLanded }).toEqual({
          transient: call.transient,
          mayHaveLanded: call.mayHaveLanded,
        });
      }),
    );
  });

  it('metrics name a timeout, a network error and a cancelled request apart', () => {
    expect(failureClass({ code: 'ECONNABORTED' })).toBe('timeout');
    expect(failureClass({ code: 'ETIMEDOUT' })).toBe('timeout');
    expect(failureClass({ code: 'ECONNRESET' })).toBe('network');
    expect(failureClass({ code: 'ERR_CANCELED' })).toBe('canceled');
  });
});
