import { lookupAddresses } from '#platform/host-lookup';
import { ipFamily, isPrivateAddress } from '../spec/private-address.js';

/**
 * True when a host name is, or resolves to, a private address. A name that
 * does not resolve counts as public: nothing can connect to it either (and
 * in-memory transports use such names).
 */
export async function isPrivateHost(hostname: string): Promise<boolean> {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (ipFamily(host) !== 0) return isPrivateAddress(host);
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  try {
    return (await lookupAddresses(host)).some((address) => isPrivateAddress(address));
  } catch {
    return false;
  }
}
