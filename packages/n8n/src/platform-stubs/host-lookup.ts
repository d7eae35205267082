// Replaces core's `#platform/host-lookup` (node:dns) in n8n node bundles: n8n
// Cloud allows no Node modules but crypto in a community node. Without
// resolution the download check still refuses IP literals and localhost on
// every hop; a name is let through, as core does for a name that does not
// resolve locally.
export async function lookupAddresses(): Promise<string[]> {
  return [];
}
