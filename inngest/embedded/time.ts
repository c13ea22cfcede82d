import { env } from "@/env";

/** Durations as the SDK sends them: "30s", "5m", "1d", "100ms", numbers (ms) or an ISO date. */
export function durationMs(value: string | number | undefined | null): number {
  if (value === undefined || value === null || value === "") return 0;
  if (typeof value === "number") return value;
  if (/^\d{4}-\d\d-\d\dT/.test(value)) return Math.max(0, Date.parse(value) - Date.now());
  if (/^\d+$/.test(value)) return Number(value);
  let total = 0;
  for (const [, n, unit] of value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g)) {
    total += Number(n) * { ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5, w: 6048e5 }[unit as "ms"];
  }
  return total;
}

/** Retry delay after a failed attempt: exponential from a base (10 s by default) with jitter, ≤ 1 h. */
export function backoffMs(attempt: number): number {
  const base = env().INNGEST_ENGINE_BACKOFF_MS;
  const delay = Math.min(base * 2 ** attempt, 3_600_000);
  return Math.round(delay * (0.8 + Math.random() * 0.4));
}

/** `Retry-After` as seconds or an HTTP date, in ms from now. */
export function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header)) return Number(header) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/** A config duration as Inngest parses it ("30s", "1h30m", "2d", "1w"); null if it is not one. */
export function parseDuration(value: unknown): number | null {
  if (typeof value !== "string" || !/^(\d+(\.\d+)?(ms|s|m|h|d|w))+$/.test(value)) return null;
  return durationMs(value);
}
