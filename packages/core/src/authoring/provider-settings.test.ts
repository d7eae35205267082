import { describe, expect, it } from 'vitest';
import { apiOrigin, headersWithDefaults } from './provider-settings.js';

describe('provider settings helpers', () => {
  it('reduce a base URL to its API origin', () => {
    expect(apiOrigin(' https://api.test/v1/ ')).toBe('https://api.test');
    expect(apiOrigin('http://127.0.0.1:8080//')).toBe('http://127.0.0.1:8080');
    expect(apiOrigin('https://proxy.test/gptproto')).toBe('https://proxy.test/gptproto');
  });

  it('let extra headers override defaults case-insensitively', () => {
    expect(headersWithDefaults({ Authorization: 'Proxy x', 'X-Trace': '1' }, { authorization: 'Bearer k' })).toEqual({
      authorization: 'Proxy x',
      'x-trace': '1',
    });
    expect(headersWithDefaults(undefined, { Authorization: 'Bearer k' })).toEqual({ authorization: 'Bearer k' });
  });
});
