/** IPv4 helpers: dotted-decimal addresses and contiguous masks. */
const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

export function isIPv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => OCTET.test(p));
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

/** An IPv6 literal (loosely: contains ':' and only hex digits, ':' and '.'), optional /prefix. */
export function looksIPv6(s: string): boolean {
  return s.includes(':') && /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(s);
}
