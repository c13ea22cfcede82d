/**
 * Account hygiene: generic sign-up, no session tokens in bodies, reset links revoked on reset,
 * a password change ends other sessions, names without bidi/control characters, foreign ids
 * on mutations are NOT_FOUND, cf_tenant Secure under https.
 */
import { afterEach, describe, expect, it } from "vitest";
import { GET as authGet } from "@/app/api/auth/[...all]/route";
import { resetEnvCache } from "@/env";
import { db } from "@/server/db/client";
import { uploadDocument } from "@/server/documents/upload-document";
import { readLocalOutbox } from "@/server/mail/mailer";
import { activeTenantCookie } from "@/server/tenants/active-tenant-cookie";
import { generateInvoice } from "../corpus/generate";
import { createDocuments } from "../exports/support/fixtures";
import { callerFor, createConnectorRow, createTenantWith, createUser } from "../support/factories";
import { APP_URL, authRequest, peer, sessionCookie, signUp } from "../support/http";

const originalAppUrl = process.env.APP_URL;
afterEach(() => {
  process.env.APP_URL = originalAppUrl;
  resetEnvCache();
});

async function session(cookie: string) {
  const res = await authGet(new Request(`${APP_URL}/api/auth/get-session`, { headers: { cookie, ...peer("203.0.113.50") } }));
  return { status: res.status, body: (await res.json()) as { session?: Record<string, unknown>; user?: unknown } | null };
}

describe("account hygiene", () => {
  it("sign-up answers the same for a taken e-mail (no enumeration) and e-mails the owner instead", async () => {
    await signUp("tomada@estudio.com.ar");
    const fresh = await authRequest("/sign-up/email", { email: "libre@estudio.com.ar", password: "clave-segura-1", name: "Libre" }, peer("198.51.100.60"));
    const taken = await authRequest("/sign-up/email", { email: "tomada@estudio.com.ar", password: "otra-clave-9", name: "Intrusa" }, peer("198.51.100.60"));
    expect(taken.status).toBe(fresh.status);
    expect(taken.status).toBe(200);
    const [a, b] = [(await fresh.json()) as Record<string, unknown>, (await taken.json()) as Record<string, unknown>];
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    expect(taken.headers.getSetCookie()).toEqual(fresh.headers.getSetCookie());
    expect(readLocalOutbox("tomada@estudio.com.ar").at(-1)?.subject).toMatch(/intentó crear una cuenta/);
  });

  it("no session token in sign-in or get-session bodies (only in the HttpOnly cookie)", async () => {
    await signUp("sin-token@estudio.com.ar");
    const res = await authRequest("/sign-in/email", { email: "sin-token@estudio.com.ar", password: "clave-segura-1" }, peer("198.51.100.61"));
    expect(res.status).toBe(200);
    const cookie = sessionCookie(res);
    const value = decodeURIComponent(cookie.split("=")[1]!.split(".")[0]!);
    const text = await res.text();
    expect(text).not.toContain(value);
    expect(JSON.parse(text)).not.toHaveProperty("token");
    const s = await session(cookie);
    expect(s.body?.session).toBeDefined();
    expect(s.body?.session).not.toHaveProperty("token");
    expect(JSON.stringify(s.body)).not.toContain(value);
  });

  it("a password reset revokes every other outstanding reset link", async () => {
    await signUp("reset@estudio.com.ar");
    for (let i = 0; i < 2; i++) await authRequest("/request-password-reset", { email: "reset@estudio.com.ar", redirectTo: "/restablecer" }, peer("198.51.100.62"));
    const tokens = readLocalOutbox("reset@estudio.com.ar")
      .slice(-2)
      .map((m) => new URL(/https?:\/\/\S+/.exec(m.text)![0]).pathname.split("/").at(-1)!);
    expect(new Set(tokens).size).toBe(2);
    expect((await authRequest("/reset-password", { newPassword: "nueva-clave-2", token: tokens[1] })).status).toBe(200);
    const older = await authRequest("/reset-password", { newPassword: "robada-clave-3", token: tokens[0] });
    expect(older.status).toBe(400);
    const signIn = await authRequest("/sign-in/email", { email: "reset@estudio.com.ar", password: "nueva-clave-2" }, peer("198.51.100.63"));
    expect(signIn.status).toBe(200);
  });

  it("changing the password ends the other sessions, even when the client does not ask for it", async () => {
    const first = await signUp("cambio@estudio.com.ar");
    const second = sessionCookie(await authRequest("/sign-in/email", { email: "cambio@estudio.com.ar", password: "clave-segura-1" }, peer("198.51.100.64")));
    expect((await session(first)).body?.session).toBeDefined();
    const change = await authRequest("/change-password", { currentPassword: "clave-segura-1", newPassword: "clave-nueva-22", revokeOtherSessions: false }, { cookie: second });
    expect(change.status).toBe(200);
    expect(await change.json()).not.toHaveProperty("token", expect.any(String));
    expect((await session(first)).body).toBeNull();
    // The browser that changed it stays signed in (a fresh session cookie).
    expect((await session(sessionCookie(change))).body?.session).toBeDefined();
  });

  it("strips bidi and control characters from stored file, tenant and user names", async () => {
    const owner = await createUser();
    const tenant = await createTenantWith(owner);
    const invoice = await generateInvoice({ seed: 9901, format: "pdf-qr", tipoCodigo: 1 });
    const { document } = await uploadDocument({ tenantId: tenant.id, userId: owner.id, role: "OWNER" }, { bytes: invoice.bytes, fileName: "factura\u202Efdp.exe" });
    expect(document.fileName).toBe("facturafdp.exe");
    const created = await callerFor(owner).tenant.create({ name: "Estudio \u202EABC\u2066 Norte\u200B" });
    expect((await db().tenant.findUniqueOrThrow({ where: { id: created.id } })).name).toBe("Estudio ABC Norte");
    await authRequest("/sign-up/email", { email: "bidi@estudio.com.ar", password: "clave-segura-1", name: "Ana\u202E\u0007 Pérez" }, peer("198.51.100.65"));
    expect((await db().user.findUniqueOrThrow({ where: { email: "bidi@estudio.com.ar" } })).name).toBe("Ana Pérez");
  });

  it("exports.exportOne with another tenant's document is NOT_FOUND and creates no run", async () => {
    const victimOwner = await createUser();
    const victim = await createTenantWith(victimOwner);
    const [victimDoc] = await createDocuments(victim.id, 1);
    const attacker = await createUser();
    const own = await createTenantWith(attacker);
    const connector = await createConnectorRow(own.id);
    await expect(callerFor(attacker, own.id).exports.exportOne({ connectorId: connector.id, documentId: victimDoc! })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db().exportRun.count({ where: { tenantId: own.id } })).toBe(0);
  });

  it("cf_tenant is Secure when APP_URL is https", () => {
    expect(activeTenantCookie("t1")).not.toContain("Secure");
    process.env.APP_URL = "https://contaflow.example.com";
    resetEnvCache();
    expect(activeTenantCookie("t1")).toMatch(/; Secure$/);
  });
});
