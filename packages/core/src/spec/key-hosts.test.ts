import { describe, expect, it } from 'vitest';
import { describeKeyHosts, keyHostPatternProblem, mayCarryKey } from './key-hosts.js';

const BASE = 'https://api.acme.example/v1';

describe('keyHostPatternProblem', () => {
  it.each(['api.eu.acme.example', '*.acme.example', '*.eu.acme.example', 'cdn-2.acme.example'])('accepts %s', (p) =>
    expect(keyHostPatternProblem(p)).toBeUndefined(),
  );
  it.each(['*', '*.example', 'Api.acme.example', 'https://api.acme.example', 'api.acme.example:8443', '*acme.example'])(
    'refuses %s',
    (p) => expect(keyHostPatternProblem(p)).toMatch(/host name|two labels/),
  );
  it('refuses what is not a string', () => expect(keyHostPatternProblem(42)).toBe('it is not a string'));
  it.each(['*.amazonaws.com', '*.execute-api.eu-west-1.amazonaws.com', '*.cloudfront.net', '*.run.app', '*.co.uk'])(
    'refuses %s, a domain anyone can rent hosts under',
    (p) => expect(keyHostPatternProblem(p)).toMatch(/hosts anyone can rent/),
  );
  it('accepts a named host on such a domain (the vendor own one)', () =>
    expect(keyHostPatternProblem('abc123.execute-api.eu-west-1.amazonaws.com')).toBeUndefined());
});

describe('mayCarryKey', () => {
  it('allows the base URL origin, whatever the path', () => {
    expect(mayCarryKey('https://api.acme.example/v1/tasks/1', BASE)).toBe(true);
    expect(mayCarryKey('http://127.0.0.1:4010/x', 'http://127.0.0.1:4010')).toBe(true);
  });
  it('allows a listed host over https, a wildcard at any depth, never the wildcard name itself', () => {
    const hosts = ['*.acme.example', 'poll.other.example'];
    expect(mayCarryKey('https://eu.acme.example/p/1', BASE, hosts)).toBe(true);
    expect(mayCarryKey('https://a.b.acme.example/p/1', BASE, hosts)).toBe(true);
    expect(mayCarryKey('https://poll.other.example/p/1', BASE, hosts)).toBe(true);
    expect(mayCarryKey('https://acme.example/p/1', 'https://x.test', hosts)).toBe(false);
  });
  it.each([
    'https://evil.example/p/1',
    'https://eu.acme.example.evil.example/p/1',
    'https://evilacme.example/p/1',
    'http://eu.acme.example/p/1',
    'https://eu.acme.example:8443/p/1',
    'https://user:pass@eu.acme.example/p/1',
    'https://api.acme.example@evil.example/p/1',
    'not a url',
  ])('refuses %s', (url) => expect(mayCarryKey(url, BASE, ['*.acme.example'])).toBe(false));
  it('never lets the key go to another port of the same host, even on this machine', () => {
    const gateway = 'http://127.0.0.1:8080';
    expect(mayCarryKey('http://127.0.0.1:8080/poll/1', gateway)).toBe(true);
    expect(mayCarryKey('http://127.0.0.1:6379/', gateway)).toBe(false);
    expect(mayCarryKey('http://localhost:5678/webhook/steal', 'http://localhost:8080')).toBe(false);
  });
  it('names the hosts for messages', () =>
    expect(describeKeyHosts(BASE, ['*.acme.example'])).toBe('api.acme.example, *.acme.example'));
});
