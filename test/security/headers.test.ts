/** The security headers src/proxy.ts puts on pages and API answers (real NextRequest → proxy). */
import { afterEach, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { resetEnvCache } from "@/env";
import { proxy } from "@/proxy";

const original = process.env.APP_URL;
afterEach(() => {
  process.env.APP_URL = original;
  resetEnvCache();
});

function run(path: string) {
  return proxy(new NextRequest(`${process.env.APP_URL}${path}`));
}

describe("security headers", () => {
  it("pages: nonce CSP (fresh per request, handed to Next on the request), no framing, no sniffing", () => {
    const a = run("/panel");
    const b = run("/panel");
    const csp = a.headers.get("content-security-policy")!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(b.headers.get("content-security-policy")).not.toBe(csp);
    // Next reads the nonce from the request's CSP header (x-middleware-request-* overrides).
    expect(a.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(a.headers.get("x-frame-options")).toBe("DENY");
    expect(a.headers.get("x-content-type-options")).toBe("nosniff");
    expect(a.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(a.headers.get("permissions-policy")).toContain("camera=()");
    expect(a.headers.get("strict-transport-security")).toBeNull();
  });

  it("API answers load nothing; only the document preview may be framed, by us", () => {
    expect(run("/api/trpc/tenant.mine").headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    const file = run("/api/documents/abc/file");
    expect(file.headers.get("content-security-policy")).toContain("frame-ancestors 'self'");
    expect(file.headers.get("x-frame-options")).toBe("SAMEORIGIN");
  });

  it("the OAuth consent page may redirect its form to the client's redirect URI; other pages may not", () => {
    expect(run("/panel").headers.get("content-security-policy")).toContain("form-action 'self'");
    const consent = run("/oauth/autorizar").headers.get("content-security-policy")!;
    expect(consent).not.toContain("form-action");
    expect(consent).toContain("frame-ancestors 'none'");
  });

  it("HSTS and upgrade-insecure-requests when APP_URL is https", () => {
    process.env.APP_URL = "https://contaflow.example.com";
    resetEnvCache();
    const res = run("/panel");
    expect(res.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    expect(res.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });
});
