import "server-only";
import { db } from "@/server/db/client";
import { clientKey } from "./client-address";

/**
 * Failed attempts per client address (trust model: client-address.ts) in fixed windows, in the
 * database so every app process counts together. Callers check `blocked` BEFORE verifying
 * credentials, so a blocked address learns nothing from further guesses.
 */
export type FailureRule = { name: string; max: number; windowSeconds: number };

export const OAUTH_CLIENT_SECRET: FailureRule = { name: "oauth-client", max: 10, windowSeconds: 60 };
export const API_BEARER_TOKEN: FailureRule = { name: "api-token", max: 30, windowSeconds: 60 };

function window(rule: FailureRule, headers: Headers, now: Date) {
  const ms = rule.windowSeconds * 1000;
  const start = Math.floor(now.getTime() / ms) * ms;
  return { key: `${rule.name}:${clientKey(headers)}`, windowStart: new Date(start), retryAfter: Math.max(1, Math.ceil((start + ms - now.getTime()) / 1000)) };
}

/** Seconds to wait when this address used up its failures, else null. */
export async function failureBlock(rule: FailureRule, headers: Headers, now = new Date()): Promise<number | null> {
  const w = window(rule, headers, now);
  const row = await db().addressRateLimit.findUnique({ where: { key_windowStart: { key: w.key, windowStart: w.windowStart } }, select: { count: true } });
  return row && row.count >= rule.max ? w.retryAfter : null;
}

export async function recordFailure(rule: FailureRule, headers: Headers, now = new Date()): Promise<void> {
  const w = window(rule, headers, now);
  await db().$executeRaw`
    INSERT INTO "AddressRateLimit" ("key", "windowStart", "count") VALUES (${w.key}, ${w.windowStart}, 1)
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "AddressRateLimit"."count" + 1`;
  if (Math.random() < 0.01) void db().addressRateLimit.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - 86_400_000) } } }).catch(() => undefined);
}
