/**
 * An undici Agent whose connector runs the SSRF guard before every new connection:
 * - IP literals are checked before the socket is created (net never calls `lookup` for them);
 * - host names go through a guarded `lookup`: resolve, check every address, and connect to the
 *   checked one. The answer is pinned for `pinTtlMs`, so a rebinding DNS server cannot swap a
 *   private address in between the check and the connection (or between retries in the window).
 * Connections are kept alive and reused per origin; that is what makes ≥1,000 deliveries/s possible.
 */
import type { LookupAddress, LookupOptions } from "node:dns";
import { Agent, buildConnector } from "undici";
import { parseIp } from "./ip-ranges";
import { outboundPolicy } from "./outbound-policy";
import { resolveAndCheck, type GuardOptions, type ResolvedAddress, type SsrfVerdict } from "./ssrf";

export const SSRF_ERROR_CODE = "ERR_SSRF_BLOCKED";

export interface SafeAgentOptions extends GuardOptions {
  connectTimeoutMs?: number;
  /** How long a checked DNS answer is reused for new connections. */
  pinTtlMs?: number;
  /** Max sockets per origin. */
  connections?: number;
  keepAliveTimeoutMs?: number;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

function verdictError(verdict: Extract<SsrfVerdict, { ok: false }>): NodeJS.ErrnoException {
  const code = verdict.reason === "DNS_FAILED" ? (verdict.code ?? "ENOTFOUND") : SSRF_ERROR_CODE;
  return Object.assign(new Error(verdict.message), { code });
}

/** Resolved-and-checked answers per host name, for a short time. */
class PinCache {
  private readonly entries = new Map<string, { addresses: ResolvedAddress[]; expiresAt: number }>();
  constructor(private readonly ttlMs: number) {}

  get(host: string): ResolvedAddress[] | undefined {
    const hit = this.entries.get(host);
    if (hit && hit.expiresAt > Date.now()) return hit.addresses;
    this.entries.delete(host);
    return undefined;
  }

  set(host: string, addresses: ResolvedAddress[]) {
    if (this.entries.size >= 10_000) this.entries.clear(); // bounded; a miss only costs a lookup
    this.entries.set(host, { addresses, expiresAt: Date.now() + this.ttlMs });
  }
}

export function guardedLookup(opts: GuardOptions & { pinTtlMs?: number } = {}) {
  const pins = new PinCache(opts.pinTtlMs ?? 30_000);
  return (hostname: string, options: LookupOptions, callback: LookupCallback) => {
    const pinned = pins.get(hostname);
    const answer = pinned
      ? Promise.resolve<SsrfVerdict>({ ok: true, addresses: pinned })
      : resolveAndCheck(hostname, { policy: opts.policy ?? outboundPolicy(), resolver: opts.resolver });
    answer.then(
      (verdict) => {
        if (!verdict.ok) return callback(verdictError(verdict), "");
        if (!pinned) pins.set(hostname, verdict.addresses);
        const wanted = options.family === 4 || options.family === 6 ? verdict.addresses.filter((a) => a.family === options.family) : verdict.addresses;
        const first = wanted[0];
        if (!first) return callback(Object.assign(new Error(`Sin direcciones IPv${options.family} para ${hostname}`), { code: "ENOTFOUND" }), "");
        if (options.all) callback(null, wanted);
        else callback(null, first.address, first.family);
      },
      (e: unknown) => callback(e as NodeJS.ErrnoException, ""),
    );
  };
}

export function createSafeAgent(opts: SafeAgentOptions = {}): Agent {
  const base = buildConnector({ lookup: guardedLookup(opts), timeout: opts.connectTimeoutMs ?? 10_000 });
  const connect: buildConnector.connector = (options, callback) => {
    const literal = parseIp(options.hostname);
    if (!literal) return base(options, callback);
    // IP literal: net skips `lookup` for these, so check here, before any socket exists.
    resolveAndCheck(options.hostname, { policy: opts.policy ?? outboundPolicy() }).then(
      (verdict) => (verdict.ok ? base(options, callback) : callback(verdictError(verdict), null)),
      (e: unknown) => callback(e as Error, null),
    );
  };
  return new Agent({
    connect,
    connections: opts.connections ?? 64,
    keepAliveTimeout: opts.keepAliveTimeoutMs ?? 4_000,
    pipelining: 1,
  });
}
