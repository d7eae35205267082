/**
 * Which addresses count as private, loopback or link-local.
 */
import { describe, expect, it } from 'vitest';
import { isPrivateAddress } from './private-address.js';

describe('answers come from the vendor, and downloads stay where they belong', () => {
  it('tells private and link-local addresses from public ones', () => {
    const blocked = [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '198.18.0.1',
      '192.0.0.8',
      '224.0.0.1',
      '255.255.255.255',
    ];
    const blocked6 = [
      '::1',
      '::',
      'fd00::1',
      'fe80::1',
      'fec0::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '[::1]',
      '::7f00:1',
      '64:ff9b::a9fe:a9fe',
      '2002:c0a8:101::1',
    ];
    for (const ip of [...blocked, ...blocked6]) expect(isPrivateAddress(ip), ip).toBe(true);
    for (const ip of [
      '8.8.8.8',
      '172.32.0.1',
      '2001:4860:4860::8888',
      '::ffff:8.8.8.8',
      '64:ff9b::808:808',
      '2002:808:808::1',
      'cdn.vendor.test',
    ])
      expect(isPrivateAddress(ip), ip).toBe(false);
  });
});
