/** Address helpers: dotted-decimal IPv4, contiguous masks, IPv6 literals and interface names. */
const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

export function isIPv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => OCTET.test(p));
}

/**
 * An IPv4 address with an octet written with a leading zero (`9.67.240.02`, as IBM prints it in
 * its hot-standby example): its decimal reading (`9.67.240.2`), or null when it is not such an
 * address. z/OS's reading is not documented; decimal is assumed (D-63).
 */
export function zeroPaddedIPv4(s: string): string | null {
  const parts = s.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return null;
  if (!parts.some((p) => p.length > 1 && p.startsWith('0'))) return null;
  return parts.map((p) => String(Number(p))).join('.');
}

export function ipv4ToInt(s: string): number {
  return s.split('.').reduce((acc, p) => acc * 256 + Number(p), 0);
}

/** A valid mask: dotted IPv4 whose bits are ones then zeros. */
export function isContiguousMask(s: string): boolean {
  if (!isIPv4(s)) return false;
  const n = ipv4ToInt(s);
  const inv = (~n >>> 0) >>> 0;
  return ((inv + 1) & inv) === 0;
}

/** A unicast host address a DVIPA can be: not 0.x, not loopback, not multicast or reserved (224 and up). */
export function isUnicastIPv4(s: string): boolean {
  const first = Number(s.split('.')[0]);
  return first !== 0 && first !== 127 && first < 224;
}

/** An IPv6 literal (loosely: contains ':' and only hex digits, ':' and '.'), optional /prefix. */
export function looksIPv6(s: string): boolean {
  return s.includes(':') && /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(s);
}

/**
 * The eight 16-bit groups of an IPv6 address in any RFC 4291 §2.2 text form (hex groups, one `::`,
 * a dotted IPv4 tail), or null when it is not one.
 */
export function ipv6Words(s: string): number[] | null {
  if (!s.includes(':') || !/^[0-9a-fA-F:.]+$/.test(s)) return null;
  let text = s;
  const cut = text.lastIndexOf(':') + 1;
  const last = text.slice(cut);
  if (last.includes('.')) {
    if (!isIPv4(last)) return null;
    const n = ipv4ToInt(last);
    text = `${text.slice(0, cut)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groups = (h: string): number[] | null => {
    if (h === '') return [];
    const g = h.split(':');
    return g.every((x) => /^[0-9a-fA-F]{1,4}$/.test(x)) ? g.map((x) => parseInt(x, 16)) : null;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  if (head.length + tail.length > 7) return null; // '::' stands for at least one group
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

/**
 * RFC 5952 text of eight 16-bit groups: lower case, no leading zeros, the longest run of two or
 * more zero groups (the first of equal runs) as `::`, and an IPv4-mapped address (::ffff:0:0/96)
 * in the mixed notation RFC 5952 §5 recommends (`::ffff:192.0.2.1`).
 */
export function formatIPv6(w: readonly number[]): string {
  if (w.slice(0, 5).every((x) => x === 0) && w[5] === 0xffff) return `::ffff:${w[6]! >> 8}.${w[6]! & 255}.${w[7]! >> 8}.${w[7]! & 255}`;
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (w[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && w[j] === 0) j++;
    if (j - i > bestLen) { best = i; bestLen = j - i; }
    i = j;
  }
  const hex = (a: readonly number[]): string => a.map((x) => x.toString(16)).join(':');
  return best < 0 ? hex(w) : `${hex(w.slice(0, best))}::${hex(w.slice(best + bestLen))}`;
}

/** The canonical (RFC 5952) form of an IPv6 address, or null when it is not one. */
export function canonicalIPv6(s: string): string | null {
  const w = ipv6Words(s);
  return w ? formatIPv6(w) : null;
}

/**
 * Why an IPv6 address can be neither a DVIPA nor a DYNAMICXCF address, or null when it can:
 * IBM's "Restrictions on IPv6 addresses configured in the TCP/IP profile" exclude the unspecified
 * address, the loopback, multicast, link-local and IPv4-mapped addresses and the reserved prefix
 * ::/96 (D-155; the page's interface-ID rules are not applied).
 */
export function ipv6Restriction(s: string): string | null {
  const w = ipv6Words(s);
  if (!w) return null;
  const zero = (from: number, to: number): boolean => w.slice(from, to).every((x) => x === 0);
  if (zero(0, 8)) return 'the unspecified address';
  if (zero(0, 7) && w[7] === 1) return 'the loopback address';
  if ((w[0]! & 0xff00) === 0xff00) return 'a multicast address';
  if ((w[0]! & 0xffc0) === 0xfe80) return 'a link-local address';
  if (zero(0, 5) && w[5] === 0xffff) return 'an IPv4-mapped address';
  if (zero(0, 6)) return 'in the reserved prefix ::/96 (IPv4-compatible)';
  return null;
}

/** Whether the bits of an IPv6 address after its first `prefix` bits are all zero (it names its prefix, not a host). */
export function ipv6HostBitsZero(s: string, prefix: number): boolean {
  const w = ipv6Words(s);
  if (!w || prefix >= 128) return false;
  return w.every((x, k) => {
    const keep = Math.max(0, Math.min(16, prefix - 16 * k));
    return (x & (0xffff >> keep)) === 0;
  });
}

/** `addr` or `addr/prefix` (prefix 1..128) for IPv6; null when malformed. */
export function parseIPv6Prefixed(s: string): { address: string; prefix: number | null } | null {
  const [a, p, extra] = s.split('/');
  if (extra !== undefined) return null;
  const address = canonicalIPv6(a!);
  if (!address) return null;
  if (p === undefined) return { address, prefix: null };
  if (!/^\d{1,3}$/.test(p) || Number(p) < 1 || Number(p) > 128) return null;
  return { address, prefix: Number(p) };
}

/** An IPv6 interface name of a VIPADEFINE/VIPABACKUP/VIPARANGE (1-16 characters, not an address). */
export function isInterfaceName(s: string): boolean {
  return /^[A-Za-z@#$][A-Za-z0-9@#$_]{0,15}$/.test(s);
}
