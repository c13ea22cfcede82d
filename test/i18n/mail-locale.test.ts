/**
 * E-mails in the recipient's language: an invitation in the inviter's request locale (the invitee
 * has no account yet), account e-mails (password reset) and admin notices in the user's stored
 * language, which switching the UI's language stores; in-app notices in the reader's language.
 * Spanish by default.
 */
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { GET as setLocale } from "@/app/api/preferences/locale/route";
import { db } from "@/server/db/client";
import { readLocalOutbox } from "@/server/mail/mailer";
import { notifyTenantAdmins } from "@/server/notifications/notify-admins";
import { callerFor, createTenantWith, createUser } from "../support/factories";
import { APP_URL, authRequest, signUp } from "../support/http";

describe("invitation e-mails", () => {
  it("are written in the inviter's language, role and expiry date included", async () => {
    const owner = await createUser();
    const tenantId = (await createTenantWith(owner, "Estudio Idiomas")).id;
    await callerFor(owner, tenantId, "en").invitations.create({ email: "english.invitee@example.com", role: "ACCOUNTANT" });
    const en = readLocalOutbox("english.invitee@example.com").at(-1)!;
    expect(en.subject).toBe(`${owner.name} invited you to Estudio Idiomas on Contaflow`);
    expect(en.text).toContain("with the Accountant role");
    expect(en.text).toMatch(/valid until [A-Z][a-z]+ \d{1,2}, \d{4}, once only/);

    await callerFor(owner, tenantId).invitations.create({ email: "invitada.es@example.com", role: "VIEWER" });
    const es = readLocalOutbox("invitada.es@example.com").at(-1)!;
    expect(es.subject).toBe(`${owner.name} te invitó a Estudio Idiomas en Contaflow`);
    expect(es.text).toContain("con el rol Solo lectura");
  });
});

describe("account e-mails and notices", () => {
  it("follow the language the user chose in the UI", async () => {
    const email = `reset-en-${Date.now()}@example.com`;
    const cookie = await signUp(email);
    await authRequest("/request-password-reset", { email, redirectTo: "/restablecer" });
    expect(readLocalOutbox(email).at(-1)?.subject).toBe("Restablecé tu contraseña de Contaflow");

    const switched = await setLocale(new NextRequest(`${APP_URL}/api/preferences/locale?value=en&next=/`, { headers: { cookie } }));
    expect(switched.status).toBeLessThan(400);
    expect((await db().user.findUniqueOrThrow({ where: { email } })).locale).toBe("en");

    await authRequest("/request-password-reset", { email, redirectTo: "/restablecer" });
    const reset = readLocalOutbox(email).at(-1)!;
    expect(reset.subject).toBe("Reset your Contaflow password");
    expect(reset.text).toMatch(/^Hello Ana Contadora,\n\nTo choose a new password, open this link \(it expires in 1 hour\):\nhttp/);
  });

  it("write an admin notice in each admin's language", async () => {
    const owner = await createUser();
    const tenantId = (await createTenantWith(owner, "Estudio Avisos")).id;
    await db().user.update({ where: { id: owner.id }, data: { locale: "en" } });
    await notifyTenantAdmins(tenantId, { kind: "webhook.endpoint.recovered", title: "Un endpoint de webhooks se recuperó", body: "«ERP» volvió a recibir entregas correctamente." });
    const mail = readLocalOutbox(owner.email).at(-1)!;
    expect(mail).toMatchObject({ subject: "Contaflow: A webhook endpoint recovered", text: "«ERP» is receiving deliveries correctly again." });
    await notifyTenantAdmins(tenantId, {
      kind: "webhook.endpoint.disabled",
      title: "Deshabilitamos un endpoint de webhooks",
      body: "«ERP» quedó deshabilitado el 06/12/2026 05:00. Motivo: falló sin interrupción desde el 03/12/2026 05:00 (más de 72 horas). Los eventos nuevos quedan retenidos, no se pierden: al volver a habilitarlo podés entregar lo retenido.",
    });
    expect(readLocalOutbox(owner.email).at(-1)!.text).toBe(
      "«ERP» was disabled on 06/12/2026 05:00. Reason: failed without interruption since 03/12/2026 05:00 (more than 72 hours). New events are held, not lost: once you enable it again you can deliver what was held.",
    );
    // The in-app notice: stored in Spanish, listed in the reader's language.
    const en = (await callerFor(owner, tenantId, "en").notifications.list()).find((n) => n.kind === "webhook.endpoint.recovered");
    expect(en).toMatchObject({ title: "A webhook endpoint recovered", body: "«ERP» is receiving deliveries correctly again." });
    const es = (await callerFor(owner, tenantId).notifications.list()).find((n) => n.kind === "webhook.endpoint.recovered");
    expect(es).toMatchObject({ title: "Un endpoint de webhooks se recuperó" });
  });
});
