/**
 * The explicit exceptions to the SSRF guard. Empty in production; local development and tests
 * set OUTBOUND_ALLOWLIST (comma/space separated) to reach receivers on 127.0.0.1:
 *   OUTBOUND_ALLOWLIST="127.0.0.1, ::1/128, receptor.local"
 * An IP or CIDR allows those addresses (and their IPv4-mapped IPv6 form, ::ffff:a.b.c.d);
 * a host name allows that exact name whatever it resolves to.
 */
import ipaddr from "ipaddr.js";
import { env } from "@/env";
import { addressForms, type IpAddress } from "./ip-ranges";

export interface OutboundPolicy {
  cidrs: [IpAddress, number][];
  hosts: Set<string>;
}

export const STRICT_POLICY: OutboundPolicy = { cidrs: [], hosts: new Set() };

/** Lower case, without the trailing dot of a fully qualified name. */
export function normalizeHost(host: string): string {
  return host.toLowerCase().replace(/\.$/, "");
}

export function parseOutboundAllowlist(text: string | undefined): OutboundPolicy {
  const policy: OutboundPolicy = { cidrs: [], hosts: new Set() };
  for (const entry of (text ?? "").split(/[\s,]+/).filter(Boolean)) {
    const bare = entry.replace(/^\[|\]$/g, "");
    if (ipaddr.isValidCIDR(bare)) policy.cidrs.push(ipaddr.parseCIDR(bare));
    else if (ipaddr.isValid(bare)) {
      const ip = ipaddr.parse(bare);
      policy.cidrs.push([ip, ip.kind() === "ipv4" ? 32 : 128]);
    } else if (/^[a-z0-9.-]+$/i.test(bare)) policy.hosts.add(normalizeHost(bare));
    else throw new Error(`OUTBOUND_ALLOWLIST: entrada inválida "${entry}" (se esperan IPs, CIDRs o nombres de host)`);
  }
  return policy;
}

let cached: { text: string | undefined; policy: OutboundPolicy } | undefined;

/** The policy from the environment; re-parsed only when the variable changes. */
export function outboundPolicy(): OutboundPolicy {
  const text = env().OUTBOUND_ALLOWLIST;
  if (!cached || cached.text !== text) cached = { text, policy: parseOutboundAllowlist(text) };
  return cached.policy;
}

export function isAllowlistedIp(ip: IpAddress, policy: OutboundPolicy): boolean {
  return addressForms(ip).some((form) => policy.cidrs.some(([net, bits]) => form.kind() === net.kind() && form.match(net, bits)));
}

export function isAllowlistedHost(host: string, policy: OutboundPolicy): boolean {
  return policy.hosts.has(normalizeHost(host));
}
