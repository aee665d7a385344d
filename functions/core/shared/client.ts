import { isIP } from 'node:net';

/**
 * The part of a client's address that names the client, for counting attempts: an IPv4 address
 * whole, an IPv6 address by its /64 (one home or phone gets a whole /64 and may pick any address
 * in it, so counting single IPv6 addresses would let one client count as billions). IPv4 seen
 * through an IPv6 socket (`::ffff:198.51.100.7`) is that IPv4 address. Anything else is used as
 * given (it came from the runtime, never from a header a caller writes).
 */
export function clientKey(address: string): string {
  const a = address.trim().toLowerCase().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const mapped = /^(?:0{0,4}:){0,5}ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a.replace(/^::/, '0:0:0:0:0:'));
  if (mapped && isIP(mapped[1]!) === 4) return mapped[1]!;
  if (isIP(a) !== 6) return a;
  return `${expandIPv6(a).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, without leading zeros ('2001:db8::1' -> 2001,db8,0,0,0,0,0,1). */
function expandIPv6(a: string): string[] {
  // A trailing dotted quad is the last two groups.
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(a);
  const hex = quad
    ? a.slice(0, quad.index) + [((+quad[1]! << 8) | +quad[2]!).toString(16), ((+quad[3]! << 8) | +quad[4]!).toString(16)].join(':')
    : a;
  const [head, tail] = hex.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return groups.map((g) => (parseInt(g, 16) || 0).toString(16));
}
