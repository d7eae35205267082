import { lookup as lookupCallback, type LookupAddress, type LookupOptions } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { isPrivateAddress } from './private-address.js';

// Name resolution for the private-network checks, apart from the address
// ranges: hosts without DNS access (n8n community nodes) swap this module out.

/** Every address a host name resolves to. */
export async function lookupAddresses(host: string): Promise<string[]> {
  return (await lookup(host, { all: true })).map((a) => a.address);
}

/**
 * A `net.connect` lookup that resolves as usual and drops private addresses,
 * failing with `IMAGEGATE_PRIVATE_ADDRESS` when none is left.
 */
export function publicOnlyLookup(
  hostname: string,
  options: LookupOptions,
  callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
): void {
  lookupCallback(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const open = addresses.filter((a) => !isPrivateAddress(a.address));
    if (open.length === 0) {
      return callback(Object.assign(new Error(`${hostname} resolves only to loopback, private or link-local addresses.`), { code: 'IMAGEGATE_PRIVATE_ADDRESS' }), []);
    }
    if (options.all) callback(null, open);
    else callback(null, open[0]!.address, open[0]!.family);
  });
}
