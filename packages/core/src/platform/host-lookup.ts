/**
 * Platform module: name resolution for the private-network checks (node:dns).
 * Core imports it only as `#platform/host-lookup`; hosts without DNS access
 * (n8n community nodes) put their own in its place.
 */
import { lookup } from 'node:dns/promises';

/** Every address a host name resolves to. */
export async function lookupAddresses(host: string): Promise<string[]> {
  return (await lookup(host, { all: true })).map((a) => a.address);
}
