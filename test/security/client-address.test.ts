/**
 * Rate limits key on the client address from our trust model (TRUSTED_PROXIES), over real HTTP:
 * the test server stamps the socket peer exactly like scripts/server.mjs.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { clientAddress } from "@/server/http/client-address";
import { signUp } from "../support/http";
import { startApiServer } from "../public-api/support/api-server";

let server: { url: string; close: () => Promise<void> };
beforeAll(async () => {
  server = await startApiServer(["api/auth", "api/oauth", "api/v1"]);
});
afterAll(() => server.close());
afterEach(() => {
  delete process.env.TRUSTED_PROXIES;
  resetEnvCache();
});

function trustProxies(value: string) {
  process.env.TRUSTED_PROXIES = value;
  resetEnvCache();
}

async function signIn(email: string, password: string, xff?: string) {
  const res = await fetch(`${server.url}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: process.env.APP_URL!, ...(xff ? { "x-forwarded-for": xff } : {}) },
    body: JSON.stringify({ email, password }),
  });
  return res.status;
}

describe("client address trust model", () => {
  it("sign-in limit holds when every attempt forges a different X-Forwarded-For", async () => {
    await signUp("forja@estudio.com.ar");
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push(await signIn("forja@estudio.com.ar", `mal-${i}`, `198.18.${i}.${i + 1}`));
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });

  it("sign-up and password-reset limits hold with forged X-Forwarded-For", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await fetch(`${server.url}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: process.env.APP_URL!, "x-forwarded-for": `198.18.50.${i + 1}` },
        body: JSON.stringify({ email: `nuevo${i}@estudio.com.ar`, password: "clave-segura-1", name: "Nuevo" }),
      });
      statuses.push(res.status);
    }
    expect(statuses).toContain(429);
    const resets: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await fetch(`${server.url}/api/auth/request-password-reset`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: process.env.APP_URL!, "x-forwarded-for": `198.18.60.${i + 1}` },
        body: JSON.stringify({ email: "nadie@estudio.com.ar", redirectTo: "/restablecer" }),
      });
      resets.push(res.status);
    }
    expect(resets.slice(5)).toEqual([429, 429]);
  });

  it("behind a configured proxy, limits apply per real client (rightmost untrusted address)", async () => {
    trustProxies("127.0.0.1/32");
    await signUp("proxy@estudio.com.ar");
    const statuses: number[] = [];
    // The client forges a leftmost entry; the proxy appends the address it saw (198.51.100.20).
    for (let i = 0; i < 6; i++) statuses.push(await signIn("proxy@estudio.com.ar", `mal-${i}`, `10.9.9.${i}, 198.51.100.20`));
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    // Another real client behind the same proxy is not locked out.
    expect(await signIn("proxy@estudio.com.ar", "clave-segura-1", "198.51.100.21")).toBe(200);
  });

  it("OAuth token endpoint slows down wrong client secrets per address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await fetch(`${server.url}/api/oauth/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": `198.18.70.${i + 1}` },
        body: new URLSearchParams({ grant_type: "client_credentials", client_id: "cf_inexistente", client_secret: `adivinanza-${i}` }),
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it("public API refuses an address after too many invalid bearer tokens", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) {
      const res = await fetch(`${server.url}/api/v1/documents`, { headers: { authorization: `Bearer falso-${i}`, "x-forwarded-for": `198.18.80.${i + 1}` } });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
  });

  it("resolves addresses by the trust model", () => {
    const h = (peer: string, xff?: string) => new Headers({ [process.env.CONTAFLOW_PEER_HEADER!]: peer, ...(xff ? { "x-forwarded-for": xff } : {}) });
    expect(clientAddress(h("203.0.113.5", "1.1.1.1"))).toBe("203.0.113.5");
    expect(clientAddress(h("::ffff:203.0.113.5"))).toBe("203.0.113.5");
    expect(clientAddress(new Headers({ "x-forwarded-for": "1.1.1.1" }))).toBeNull();
    trustProxies("10.0.0.0/8, 192.0.2.1");
    expect(clientAddress(h("10.0.0.2", "6.6.6.6, 198.51.100.7, 192.0.2.1"))).toBe("198.51.100.7");
    expect(clientAddress(h("10.0.0.2", "nonsense, 192.0.2.1"))).toBe("192.0.2.1");
    expect(clientAddress(h("10.0.0.2"))).toBe("10.0.0.2");
    expect(clientAddress(h("198.51.100.9", "6.6.6.6"))).toBe("198.51.100.9");
  });
});
