/**
 * The client's address, from a trust model instead of whatever the client sends.
 *
 * The TCP peer is stamped by our own server layer (scripts/server.mjs) into a header whose name
 * is random per process (CONTAFLOW_PEER_HEADER) and which it overwrites on every request, so a
 * client can neither guess nor forge it. `X-Forwarded-For` counts only when the peer is one of
 * TRUSTED_PROXIES: the chain is walked right to left and the first untrusted hop is the client.
 * Without the server layer (e.g. plain `next start`) there is no trustworthy address: callers
 * get null and rate-limit everyone in one shared bucket rather than trusting forged headers.
 */
import ipaddr from "ipaddr.js";
import { env } from "@/env";
import { addressForms, parseIp, type IpAddress } from "@/server/net/ip-ranges";

type Cidr = [IpAddress, number];

/** CIDRs or bare IPs, comma/space separated; throws on an invalid entry. */
export function parseTrustedProxies(text: string | undefined): Cidr[] {
  const out: Cidr[] = [];
  for (const entry of (text ?? "").split(/[\s,]+/).filter(Boolean)) {
    const bare = entry.replace(/^\[|\]$/g, "");
    if (ipaddr.isValidCIDR(bare)) out.push(ipaddr.parseCIDR(bare));
    else if (ipaddr.isValid(bare)) {
      const ip = ipaddr.parse(bare);
      out.push([ip, ip.kind() === "ipv4" ? 32 : 128]);
    } else throw new Error(`TRUSTED_PROXIES: entrada inválida "${entry}" (se esperan IPs o CIDRs)`);
  }
  return out;
}

let cached: { text: string | undefined; cidrs: Cidr[] } | undefined;
function trustedProxies(): Cidr[] {
  const text = env().TRUSTED_PROXIES;
  if (!cached || cached.text !== text) cached = { text, cidrs: parseTrustedProxies(text) };
  return cached.cidrs;
}

function isTrusted(ip: IpAddress, cidrs: Cidr[]): boolean {
  return addressForms(ip).some((form) => cidrs.some(([net, bits]) => form.kind() === net.kind() && form.match(net, bits)));
}

/** One spelling per address (::ffff:a.b.c.d → a.b.c.d) so buckets don't split. */
function canonical(ip: IpAddress): string {
  return addressForms(ip).at(-1)!.toString();
}

/** The header our server layer stamps the TCP peer into (unset → no server layer). */
export function peerHeaderName(): string | undefined {
  return process.env.CONTAFLOW_PEER_HEADER || undefined;
}

/** The client address per the trust model, or null when the request carries no trusted peer. */
export function clientAddress(headers: Headers): string | null {
  const name = peerHeaderName();
  const peer = name ? parseIp(headers.get(name)?.trim() ?? "") : null;
  if (!peer) return null;
  const cidrs = trustedProxies();
  if (!isTrusted(peer, cidrs)) return canonical(peer);
  const chain = (headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  let client = peer;
  for (let i = chain.length - 1; i >= 0; i--) {
    const hop = parseIp(chain[i]!);
    // A malformed hop was written by someone we don't trust: the last trusted hop saw the client.
    if (!hop) break;
    client = hop;
    if (!isTrusted(hop, cidrs)) break;
  }
  return canonical(client);
}

/** Rate-limit key part: the address, or one shared bucket when there is no trustworthy one. */
export function clientKey(headers: Headers): string {
  return clientAddress(headers) ?? "unknown";
}
