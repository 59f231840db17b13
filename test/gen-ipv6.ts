/**
 * IPv6 versions of generated IPv4 specs (SEMANTICS §12: the rules are those of IPv4): each
 * 201.2.10.N DVIPA becomes 2001:db8::N with interface name DVN, IPCONFIG DYNAMICXCF becomes
 * IPCONFIG6 DYNAMICXCF, WHENIDLE becomes IMMEDIATE (IPv6 has no WHENIDLE), and application binds
 * to a DVIPA are dropped (the IPv6 spec then binds INADDR_ANY). The sysplex distributor too
 * (D-123): a VIPADISTRIBUTE names DVN, DESTIP and VIPAROUTE name 2001:db8:200::N (the IPCONFIG6
 * DYNAMICXCF address of stack N), a VIPAROUTE's target 10.1.1.K becomes 2001:db8:1::K. `ipv4Twin` makes the same two
 * changes on the IPv4 side, so the pair must explore the same transition system.
 */
export function ipv4Twin(text: string): string {
  return text.replace(/MOVEABLE WHENIDLE/g, 'MOVEABLE IMMEDIATE').replace(/, bind: 201\.2\.10\.\d+/g, '');
}

export function toIpv6(text: string): string {
  return ipv4Twin(text)
    .replace(/255\.255\.255\.0 201\.2\.10\.(\d+)/g, 'DV$1 2001:db8::$1')
    .replace(/VIPABACKUP (\d+) 201\.2\.10\.(\d+)/g, 'VIPABACKUP $1 DV$2 2001:db8::$2')
    .replace(/IPCONFIG DYNAMICXCF 193\.9\.200\.(\d+) 255\.255\.255\.0 1/g, 'IPCONFIG6 DYNAMICXCF 2001:db8:200::$1')
    .replace(/(VIPADISTRIBUTE[A-Z ]*?) 201\.2\.10\.(\d+)/g, '$1 DV$2')
    .replace(/(VIPAROUTE DEFINE 193\.9\.200\.\d+) 10\.1\.1\.(\d+)/g, '$1 2001:db8:1::$2')
    .replace(/193\.9\.200\.(\d+)/g, '2001:db8:200::$1')
    .replace(/dvipa: 201\.2\.10\.(\d+)/g, 'dvipa: "2001:DB8:0::$1"');
}

/** A property verdict with the addresses of one family written as the other's (for comparing the twins). */
export const asIpv4 = (s: string): string => s.replace(/\[?2001:db8::(\d+)\]?/g, '201.2.10.$1').replace(/IPCONFIG6/g, 'IPCONFIG').replace(/DV(\d+) (201\.2\.10\.)/g, '255.255.255.0 $2');
