import { describe, expect, it } from 'vitest';
import { isRetryableNetworkError, isRetryableStatus, parseRetryAfter, retryDelay } from './retry-policy.js';

describe('retry policy', () => {
  it('retries a billable submit only where the vendor provably did not take it', () => {
    expect(isRetryableStatus(429, 'billable')).toBe(true);
    for (const status of [408, 500, 502, 503, 504]) expect(isRetryableStatus(status, 'billable')).toBe(false);
    expect(isRetryableNetworkError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), 'billable')).toBe(true);
    expect(
      isRetryableNetworkError(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }), 'billable'),
    ).toBe(true);
    for (const code of ['ECONNRESET', 'UND_ERR_HEADERS_TIMEOUT', 'ETIMEDOUT']) {
      expect(isRetryableNetworkError(Object.assign(new Error('x'), { code }), 'billable')).toBe(false);
    }
  });

  it('retries idempotent calls on network errors, 408, 429 and 5xx, not on 4xx', () => {
    for (const status of [408, 429, 500, 503]) expect(isRetryableStatus(status, 'idempotent')).toBe(true);
    for (const status of [400, 401, 403, 404, 422]) expect(isRetryableStatus(status, 'idempotent')).toBe(false);
    expect(isRetryableNetworkError(Object.assign(new Error('x'), { code: 'ECONNRESET' }), 'idempotent')).toBe(true);
    expect(isRetryableNetworkError(new Error('no code'), 'idempotent')).toBe(false);
  });

  it('reads Retry-After as seconds, as a date, and retry-after-ms', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter({ 'retry-after': '3' }, now)).toBe(3000);
    expect(parseRetryAfter({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }, now)).toBe(5000);
    expect(parseRetryAfter({ 'retry-after-ms': '250' }, now)).toBe(250);
    expect(parseRetryAfter({ 'retry-after': 'soon' }, now)).toBeUndefined();
    expect(parseRetryAfter({}, now)).toBeUndefined();
  });

  it('backs off exponentially with full jitter above a 250 ms floor, capped, unless the server said when', () => {
    expect(retryDelay(0, 1500)).toBe(1500);
    expect(retryDelay(0, undefined, {}, () => 0.999)).toBe(499);
    expect(retryDelay(3, undefined, {}, () => 0.999)).toBe(3996);
    expect(retryDelay(20, undefined, { maxDelayMs: 20_000 }, () => 0.999)).toBe(19_980);
    expect(retryDelay(2, undefined, {}, () => 0)).toBe(250);
  });

  it('never repeats a request sooner than 250 ms, whatever the server or the jitter says', () => {
    expect(retryDelay(0, 0)).toBe(250);
    expect(retryDelay(0, 2)).toBe(250);
    for (let attempt = 0; attempt < 12; attempt++) {
      for (const r of [0, 0.01, 0.5, 0.999])
        expect(retryDelay(attempt, undefined, {}, () => r)).toBeGreaterThanOrEqual(250);
    }
    expect(retryDelay(0, undefined, { baseDelayMs: 1, maxDelayMs: 1 }, () => 0.5)).toBe(250);
  });
});
