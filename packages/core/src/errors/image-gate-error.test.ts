import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ImageGateError } from '../index.js';
import { redactSecrets } from './redact.js';
import { registerSecret } from '../provider.js';
import { toImageGateError } from './image-gate-error.js';

describe('ImageGateError', () => {
  it('is recognised across copies of the package through its Symbol.for brand', () => {
    const error = new ImageGateError('RATE_LIMITED', 'slow down', { retryAfterMs: 1000 });
    const foreign = Object.assign(Object.create(Error.prototype), {
      [Symbol.for('imagegate.error.v1')]: true,
      code: 'RATE_LIMITED',
    });
    expect(ImageGateError.is(error)).toBe(true);
    expect(ImageGateError.is(foreign)).toBe(true);
    expect(ImageGateError.is(new Error('x'))).toBe(false);
    expect(ImageGateError.is(null)).toBe(false);
    expect(error.retryable).toBe(true);
  });

  it('redacts registered keys from message, vendor message, stack, cause and JSON', () => {
    const key = 'sk-test-redaction-0123456789';
    registerSecret(key);
    const cause = Object.assign(new Error(`socket closed for Bearer ${key}`), {
      headers: { authorization: `Bearer ${key}` },
    });
    const error = new ImageGateError('AUTHENTICATION', `key ${key} rejected`, {
      vendorMessage: `bad key ${key}`,
      cause,
    });
    const everything = [
      error.message,
      error.vendorMessage,
      error.stack,
      JSON.stringify(error),
      inspect(error, { depth: 10 }),
      String(error.cause),
    ].join('\n');
    expect(everything).not.toContain(key);
    expect(everything).toContain('[REDACTED]');
    expect(redactSecrets(`x ${key} y`)).toBe('x [REDACTED] y');
  });

  it('ignores secrets too short to redact safely', () => {
    registerSecret('abc');
    expect(redactSecrets('abc def')).toBe('abc def');
  });

  it('wraps foreign failures: abort as ABORTED, bugs as PROVIDER_ERROR', () => {
    expect(toImageGateError(new DOMException('x', 'AbortError')).code).toBe('ABORTED');
    const wrapped = toImageGateError(new TypeError("Cannot read properties of undefined (reading 'data')"), {
      provider: 'p',
    });
    expect(wrapped.code).toBe('PROVIDER_ERROR');
    expect(wrapped.provider).toBe('p');
    expect(wrapped.retryable).toBe(false);
  });
});
