// Plain code, no node:net: this check also runs inside n8n community nodes,
// where n8n Cloud allows no Node modules but crypto.

/**
 * Addresses a result download must not reach: loopback, private, link-local,
 * carrier-grade NAT, benchmarking, IETF-reserved, multicast and unspecified
 * ranges, IPv4 and IPv6.
 */
const PRIVATE_V4 = prefixes(4, [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
]);
const PRIVATE_V6 = prefixes(6, [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
]);

const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);

/** 4 for an IPv4 address, 6 for an IPv6 one, 0 for anything else (as node:net's isIP). */
export function ipFamily(text: string): 0 | 4 | 6 {
  if (IPV4.test(text)) return 4;
  if (!text.includes(':') || !/^[0-9a-f:.]+(%.+)?$/i.test(text) || (text.match(/::/g)?.length ?? 0) > 1) return 0;
  const words = expand(text);
  return words.length === 8 && words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffff) ? 6 : 0;
}

/** The bits of an address, most significant first (32 for IPv4, 128 for IPv6). */
function bits(address: string, family: 4 | 6): string {
  const parts = family === 4 ? address.split('.').map(Number) : expand(address);
  const width = family === 4 ? 8 : 16;
  return parts.map((p) => p.toString(2).padStart(width, '0')).join('');
}

/** Each range as the leading bits every address in it starts with (computed once, at load). */
function prefixes(family: 4 | 6, ranges: ReadonlyArray<readonly [string, number]>): string[] {
  return ranges.map(([network, length]) => bits(network, family).slice(0, length));
}

function inRanges(address: string, family: 4 | 6, ranges: readonly string[]): boolean {
  const own = bits(address, family);
  return ranges.some((prefix) => own.startsWith(prefix));
}

/**
 * True for an IP address in one of those ranges. IPv6 forms that carry an
 * IPv4 address (mapped `::ffff:`, compatible `::`, NAT64 `64:ff9b::`, 6to4
 * `2002:`) are judged by that IPv4 address.
 */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = ipFamily(bare);
  if (family === 4) return inRanges(bare, 4, PRIVATE_V4);
  if (family !== 6) return false;
  const embedded = embeddedIpv4(bare);
  if (embedded) return inRanges(embedded, 4, PRIVATE_V4);
  return inRanges(bare, 6, PRIVATE_V6);
}

/** The IPv4 address inside an IPv6 one, for the forms that carry one. */
function embeddedIpv4(ipv6: string): string | undefined {
  const words = expand(ipv6);
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
  const zeros = (from: number, to: number) => words.slice(from, to).every((w) => w === 0);
  if (zeros(0, 5) && (words[5] === 0xffff || words[5] === 0) && !(words[5] === 0 && words[6] === 0))
    return v4(words[6]!, words[7]!);
  if (words[0] === 0x64 && words[1] === 0xff9b && zeros(2, 6)) return v4(words[6]!, words[7]!);
  if (words[0] === 0x2002) return v4(words[1]!, words[2]!);
  return undefined;
}

/** Eight 16-bit words of an IPv6 address (`::` expanded, a dotted IPv4 tail folded in). */
function expand(ipv6: string): number[] {
  let text = ipv6.toLowerCase().replace(/%.*$/, '');
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (part: string | undefined) => (part ? part.split(':').map((w) => parseInt(w, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  return tail === undefined ? left : [...left, ...new Array(8 - left.length - right.length).fill(0), ...right];
}
