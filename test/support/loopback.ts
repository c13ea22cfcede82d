/**
 * Outgoing HTTP is SSRF-guarded; tests whose receivers listen on 127.0.0.1 allow loopback for
 * each test (the explicit allow-list setting) and drop it afterwards, so a test of the guard
 * itself sees the production default.
 */
import { afterEach, beforeEach } from "vitest";
import { resetEnvCache } from "@/env";

export function allowLoopback(allowed: boolean) {
  if (allowed) process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";
  else delete process.env.OUTBOUND_ALLOWLIST;
  resetEnvCache();
}

export function allowLoopbackInEachTest() {
  beforeEach(() => allowLoopback(true));
  afterEach(() => allowLoopback(false));
}
