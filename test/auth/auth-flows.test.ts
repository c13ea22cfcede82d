import { describe, expect, it } from "vitest";
import { readLocalOutbox } from "@/server/mail/mailer";
import { db } from "@/server/db/client";
import { authRequest, peer, sessionCookie, signUp } from "../support/http";

describe("auth flows (better-auth over our database)", () => {
  it("signs up, stores a database session, signs in, and signs out", async () => {
    const cookie = await signUp("ana@estudio.com.ar");
    expect(cookie).toContain("session_token");
    expect(await db().session.count()).toBe(1);

    const signIn = await authRequest("/sign-in/email", { email: "ana@estudio.com.ar", password: "clave-segura-1" }, peer("198.51.100.1"));
    expect(signIn.status).toBe(200);
    const out = await authRequest("/sign-out", {}, { cookie: sessionCookie(signIn) });
    expect(out.status).toBe(200);
    expect(await db().session.count()).toBe(1); // the sign-up session remains; the signed-out one is gone
  });

  it("rejects a wrong password with a clear error", async () => {
    await signUp("beto@estudio.com.ar");
    const res = await authRequest("/sign-in/email", { email: "beto@estudio.com.ar", password: "incorrecta" }, peer("198.51.100.2"));
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBe("INVALID_EMAIL_OR_PASSWORD");
  });

  it("rate-limits repeated sign-in attempts", async () => {
    await signUp("caro@estudio.com.ar");
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await authRequest("/sign-in/email", { email: "caro@estudio.com.ar", password: `mal-${i}` }, peer("198.51.100.3"));
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    // Another client address is not affected.
    const other = await authRequest("/sign-in/email", { email: "caro@estudio.com.ar", password: "clave-segura-1" }, peer("198.51.100.4"));
    expect(other.status).toBe(200);
  });

  it("resets a password with the e-mailed token", async () => {
    await signUp("dani@estudio.com.ar");
    const req = await authRequest("/request-password-reset", { email: "dani@estudio.com.ar", redirectTo: "/restablecer" });
    expect(req.status).toBe(200);
    const mail = readLocalOutbox("dani@estudio.com.ar").at(-1);
    expect(mail?.subject).toMatch(/Restablecé/);
    const link = /https?:\/\/\S+/.exec(mail!.text)![0];
    const token = new URL(link).pathname.split("/").at(-1)!;

    const reset = await authRequest("/reset-password", { newPassword: "otra-clave-2", token });
    expect(reset.status).toBe(200);
    const reused = await authRequest("/reset-password", { newPassword: "tercera-clave-3", token });
    expect(reused.status).toBe(400);

    const oldPw = await authRequest("/sign-in/email", { email: "dani@estudio.com.ar", password: "clave-segura-1" }, peer("198.51.100.5"));
    expect(oldPw.status).toBe(401);
    const newPw = await authRequest("/sign-in/email", { email: "dani@estudio.com.ar", password: "otra-clave-2" }, peer("198.51.100.5"));
    expect(newPw.status).toBe(200);
  });
});
