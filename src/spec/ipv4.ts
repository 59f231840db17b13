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

/** The canonical (RFC 5952) form of an IPv6 address, or null when it is not one. */
export function canonicalIPv6(s: string): string | null {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || !s.includes(':')) return null;
  try {
    const host = new URL(`http://[${s}]/`).hostname;
    return host.slice(1, -1);
  } catch {
    return null;
  }
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
