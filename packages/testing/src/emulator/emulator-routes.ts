import type { HttpTransport } from '@imagegate/core';
import { defaultTransport } from '@imagegate/core/provider';

/**
 * A transport that answers for a vendor's public hosts from local servers: a
 * request to an origin in `routes` goes to the server standing for it (same
 * path and query), anything else to `inner`. Core sees the vendor's real URLs
 * (`https://api.eu.flux.example/...`), so its key hosts, redirect rules and
 * result checks run as they do in production, against an emulator of a vendor
 * with several hosts (API, regional poll host, CDN), one server each.
 *
 * @param routes - origin → local server, e.g. `{ 'https://api.eu.flux.example': region.url }`
 */
export function routeHosts(routes: Record<string, string>, inner: HttpTransport = defaultTransport()): HttpTransport {
  const table = new Map(Object.entries(routes).map(([origin, local]) => [new URL(origin).origin, local]));
  return async (request) => {
    const url = URL.canParse(request.url) ? new URL(request.url) : undefined;
    const local = url && table.get(url.origin);
    if (!url || !local) return inner(request);
    // The local servers are on this machine by design: the check against private addresses is for real hosts.
    const { privateAddresses: _local, ...rest } = request;
    return inner({ ...rest, url: `${local.replace(/\/+$/, '')}${url.pathname}${url.search}` });
  };
}
