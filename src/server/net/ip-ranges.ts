/**
 * Which IP addresses an outgoing request (webhooks, connectors) may reach. Everything that is
 * not public unicast is refused, with the range named so the admin understands why.
 * Ranges are ours (not ipaddr.js's `range()` names) because the message must show the CIDR.
 */
import ipaddr from "ipaddr.js";

export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

interface BlockedRange {
  cidr: string;
  /** Completes "La URL apunta a …". */
  label: string;
}

// Order matters: the first match names the range (metadata before link-local).
const V4: BlockedRange[] = [
  { cidr: "169.254.169.254/32", label: "el servicio de metadatos de la nube" },
  { cidr: "0.0.0.0/8", label: "una dirección no especificada" },
  { cidr: "10.0.0.0/8", label: "una red privada" },
  { cidr: "172.16.0.0/12", label: "una red privada" },
  { cidr: "192.168.0.0/16", label: "una red privada" },
  { cidr: "127.0.0.0/8", label: "la propia máquina (loopback)" },
  { cidr: "100.64.0.0/10", label: "una red interna del proveedor (CGNAT)" },
  { cidr: "169.254.0.0/16", label: "una red link-local" },
  { cidr: "192.0.0.0/24", label: "un rango reservado" },
  { cidr: "192.0.2.0/24", label: "un rango reservado para documentación" },
  { cidr: "198.51.100.0/24", label: "un rango reservado para documentación" },
  { cidr: "203.0.113.0/24", label: "un rango reservado para documentación" },
  { cidr: "192.88.99.0/24", label: "un rango reservado (relay 6to4)" },
  { cidr: "198.18.0.0/15", label: "un rango reservado para pruebas de rendimiento" },
  { cidr: "224.0.0.0/4", label: "una dirección multicast" },
  { cidr: "240.0.0.0/4", label: "un rango reservado" },
];

const V6: BlockedRange[] = [
  { cidr: "::/128", label: "una dirección no especificada" },
  { cidr: "::1/128", label: "la propia máquina (loopback)" },
  { cidr: "fd00:ec2::254/128", label: "el servicio de metadatos de la nube" },
  { cidr: "fc00::/7", label: "una red privada" },
  { cidr: "fe80::/10", label: "una red link-local" },
  { cidr: "fec0::/10", label: "una red site-local (obsoleta)" },
  { cidr: "ff00::/8", label: "una dirección multicast" },
  { cidr: "100::/64", label: "un rango reservado (descarte)" },
  { cidr: "64:ff9b:1::/48", label: "una red NAT64 local" },
  { cidr: "2001::/23", label: "un rango reservado" },
  { cidr: "2001:db8::/32", label: "un rango reservado para documentación" },
  { cidr: "3fff::/20", label: "un rango reservado para documentación" },
  { cidr: "5f00::/16", label: "un rango reservado (segment routing)" },
];

const parsedV4 = V4.map((r) => ({ ...r, range: ipaddr.IPv4.parseCIDR(r.cidr) }));
const parsedV6 = V6.map((r) => ({ ...r, range: ipaddr.IPv6.parseCIDR(r.cidr) }));
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR("2000::/3");

export type IpVerdict =
  | { blocked: false }
  | { blocked: true; cidr: string; label: string; address: string; via?: string };

export function parseIp(text: string): IpAddress | null {
  const bare = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  return ipaddr.isValid(bare) ? ipaddr.parse(bare) : null;
}

/** IPv6 forms that carry an IPv4 address the packet really goes to (or can be steered to). */
export function embeddedIpv4(ip: ipaddr.IPv6): ipaddr.IPv4 | null {
  const p = ip.parts;
  const v4 = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  if (ip.isIPv4MappedAddress()) return ip.toIPv4Address(); // ::ffff:a.b.c.d
  const range = ip.range();
  if (range === "rfc6145") return v4(p[6]!, p[7]!); // ::ffff:0:a.b.c.d
  if (range === "rfc6052" && p.slice(2, 6).every((x) => x === 0)) return v4(p[6]!, p[7]!); // 64:ff9b::a.b.c.d (NAT64)
  if (range === "6to4") return v4(p[1]!, p[2]!); // 2002:AABB:CCDD::
  // ::a.b.c.d (deprecated "IPv4-compatible"); p[6] === 0 keeps :: and ::1 out of it.
  if (p.slice(0, 6).every((x) => x === 0) && p[6] !== 0) return v4(p[6]!, p[7]!);
  return null;
}

function checkV4(ip: ipaddr.IPv4): IpVerdict {
  const hit = parsedV4.find((r) => ip.match(r.range));
  if (hit) return { blocked: true, cidr: hit.cidr, label: hit.label, address: ip.toString() };
  if (ip.range() !== "unicast") return { blocked: true, cidr: ip.toString() + "/32", label: "un rango reservado", address: ip.toString() };
  return { blocked: false };
}

export function checkIp(ip: IpAddress): IpVerdict {
  if (ip.kind() === "ipv4") return checkV4(ip as ipaddr.IPv4);
  const v6 = ip as ipaddr.IPv6;
  const inner = embeddedIpv4(v6);
  if (inner) {
    const verdict = checkV4(inner);
    return verdict.blocked ? { ...verdict, via: v6.toString() } : verdict;
  }
  const hit = parsedV6.find((r) => v6.match(r.range));
  if (hit) return { blocked: true, cidr: hit.cidr, label: hit.label, address: v6.toString() };
  if (!v6.match(GLOBAL_UNICAST_V6)) return { blocked: true, cidr: "2000::/3", label: "una dirección fuera del rango público de Internet", address: v6.toString() };
  return { blocked: false };
}

/**
 * The address and, for an IPv4-mapped IPv6 address (::ffff:a.b.c.d), the IPv4 it is: the same
 * socket destination, so the allow-list treats them alike. NAT64/6to4 forms reach a gateway,
 * not that IPv4, so they are not equivalent (they are still blocked by `checkIp`).
 */
export function addressForms(ip: IpAddress): IpAddress[] {
  if (ip.kind() === "ipv4") return [ip];
  const v6 = ip as ipaddr.IPv6;
  return v6.isIPv4MappedAddress() ? [v6, v6.toIPv4Address()] : [v6];
}

export function blockedMessage(v: Extract<IpVerdict, { blocked: true }>): string {
  const via = v.via ? ` (a través de la dirección IPv6 ${v.via})` : "";
  // "a" + "el servicio…" contracts to "al servicio…".
  const target = v.label.startsWith("el ") ? `al ${v.label.slice(3)}` : `a ${v.label}`;
  return `La URL apunta ${target} (${v.cidr})${via}; no está permitido.`;
}
