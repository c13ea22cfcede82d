/**
 * SSRF guard for URLs the tenant gives us (webhook endpoints, connectors). Used twice:
 * - at save time (`assertOutboundUrlAllowed`): a clear Spanish message next to the URL field;
 * - at send time, inside the connector (`./safe-agent.ts`): every connection is resolved,
 *   checked and pinned to the checked address, so DNS rebinding cannot switch it later.
 * Host names are resolved through an injectable resolver so tests never touch real DNS.
 */
import { lookup } from "node:dns/promises";
import { AppError } from "@/server/errors";
import { blockedMessage, checkIp, parseIp } from "./ip-ranges";
import { isAllowlistedHost, isAllowlistedIp, normalizeHost, outboundPolicy, type OutboundPolicy } from "./outbound-policy";

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export type SsrfReason = "INVALID_URL" | "SCHEME" | "CREDENTIALS" | "BLOCKED_ADDRESS" | "DNS_FAILED";
export type SsrfVerdict =
  | { ok: true; addresses: ResolvedAddress[] }
  | { ok: false; reason: SsrfReason; message: string; code?: string };

export interface GuardOptions {
  policy?: OutboundPolicy;
  resolver?: Resolver;
}

export const MAX_URL_LENGTH = 2048;

export const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

/** Scheme, credentials and host: everything decidable without DNS. Returns the parsed URL. */
export function checkUrlShape(raw: string): { ok: true; url: URL; host: string } | Extract<SsrfVerdict, { ok: false }> {
  if (raw.length > MAX_URL_LENGTH) return { ok: false, reason: "INVALID_URL", message: `La URL es demasiado larga (máximo ${MAX_URL_LENGTH} caracteres).` };
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: "INVALID_URL", message: "La URL no es válida; usá una dirección completa como https://ejemplo.com/webhook." };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return { ok: false, reason: "SCHEME", message: `Solo se permiten URLs http:// o https:// (recibimos ${url.protocol}//).` };
  }
  if (url.username || url.password) {
    return { ok: false, reason: "CREDENTIALS", message: "La URL no puede incluir usuario ni contraseña; usá el token del webhook para autenticar." };
  }
  // WHATWG parsing already normalised 2130706433, 0x7f.1, 017700000001 … to 127.0.0.1.
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (!host) return { ok: false, reason: "INVALID_URL", message: "La URL no tiene un nombre de host." };
  return { ok: true, url, host };
}

/** Every address must be allowed: one private answer among public ones refuses the host. */
export function checkAddresses(addresses: ResolvedAddress[], policy: OutboundPolicy): SsrfVerdict {
  for (const { address } of addresses) {
    const ip = parseIp(address);
    if (!ip) return { ok: false, reason: "BLOCKED_ADDRESS", message: `La dirección ${address} no es una IP válida; no está permitido.` };
    if (isAllowlistedIp(ip, policy)) continue;
    const verdict = checkIp(ip);
    if (verdict.blocked) return { ok: false, reason: "BLOCKED_ADDRESS", message: blockedMessage(verdict) };
  }
  return { ok: true, addresses };
}

/** Resolves a host name (or takes an IP literal as is) and checks every address. */
export async function resolveAndCheck(host: string, opts: GuardOptions = {}): Promise<SsrfVerdict> {
  const policy = opts.policy ?? outboundPolicy();
  const literal = parseIp(host);
  if (literal) {
    const address = { address: literal.toString(), family: literal.kind() === "ipv4" ? 4 : 6 } as const;
    return checkAddresses([address], policy);
  }
  let addresses: ResolvedAddress[];
  try {
    addresses = await (opts.resolver ?? systemResolver)(normalizeHost(host));
  } catch (e) {
    const code = (e as { code?: string }).code ?? "ENOTFOUND";
    return { ok: false, reason: "DNS_FAILED", code, message: `No pudimos resolver el nombre ${host} (${code}); revisá que esté bien escrito.` };
  }
  if (addresses.length === 0) {
    return { ok: false, reason: "DNS_FAILED", code: "ENOTFOUND", message: `El nombre ${host} no tiene direcciones IP.` };
  }
  if (isAllowlistedHost(host, policy)) return { ok: true, addresses };
  return checkAddresses(addresses, policy);
}

/** Full check of a URL: shape, DNS and every resolved address. */
export async function checkOutboundUrl(raw: string, opts: GuardOptions = {}): Promise<SsrfVerdict> {
  const shape = checkUrlShape(raw);
  if (!shape.ok) return shape;
  return resolveAndCheck(shape.host, opts);
}

/** Save-time guard: throws the user-facing error shown next to the `url` field. */
export async function assertOutboundUrlAllowed(raw: string, opts: GuardOptions & { field?: string } = {}): Promise<URL> {
  const verdict = await checkOutboundUrl(raw, opts);
  if (!verdict.ok) throw AppError.field(opts.field ?? "url", verdict.message);
  return new URL(raw.trim());
}
