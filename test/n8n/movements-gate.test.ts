/**
 * Movimientos until n8n is ready (issue 18, item 7): nothing is accepted that could only fail,
 * and what each role reads fits what it can do — an admin is sent to the n8n settings, an
 * accountant (who cannot open them) is told who can fix it; no raw error code is shown.
 */
import { describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { n8nErrorText } from "@/components/movements/n8n-error-text";
import { db } from "@/server/db/client";
import { saveN8nSettings } from "@/server/n8n/settings";
import { addMember, callerFor, createTenantWith, createUser } from "../support/factories";

process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";
resetEnvCache();

const EMAIL = { from: "avisos@bancogalicia.com.ar", subject: "Compra", body: "Realizaste una compra por $ 1.000,00 en COTO." };

describe("Movimientos without n8n", () => {
  it("reports the state, and refuses new e-mails with a message for the role; nothing is stored", async () => {
    const owner = await createUser();
    const tenant = await createTenantWith(owner);
    const { user: accountant } = await addMember(tenant.id, "ACCOUNTANT");
    const admin = callerFor(owner, tenant.id);
    const member = callerFor(accountant, tenant.id);

    expect(await member.movements.availability()).toEqual({ n8n: "not_configured" });
    const forAdmin = await admin.movements.pasteEmail(EMAIL).catch((e: Error) => e);
    expect(forAdmin).toMatchObject({ code: "CONFLICT" });
    expect((forAdmin as Error).message).toContain("configuralo en Integraciones › n8n");
    const forMember = await member.movements.pasteEmail(EMAIL).catch((e: Error) => e);
    expect((forMember as Error).message).toContain("Pedile a un administrador");
    expect((forMember as Error).message).not.toMatch(/configuralo|NOT_CONFIGURED/);
    await expect(member.movements.uploadEml({ fileName: "a.eml", content: "From: a@b.example\r\nSubject: x\r\n\r\nCompra por $ 10 en X" })).rejects.toThrow(/Pedile a un administrador/);
    expect(await db().bankEmail.count({ where: { tenantId: tenant.id } })).toBe(0);
    // Projections are refused too; budgets are saved and wait for n8n (no sync that could only fail).
    await expect(member.movements.requestProjection({})).rejects.toThrow(/Pedile a un administrador/);
    expect(await db().financialProjection.count({ where: { tenantId: tenant.id } })).toBe(0);
    const saved = await member.movements.updateProfile({
      currency: "ARS", timezone: "America/Argentina/Buenos_Aires", language: "es", notificationsEnabled: true, emailAlerts: false, weeklyBudget: 1000, monthlyBudget: null, categoryBudgets: [],
      budgetThreshold: 0.8, unusualAmountMultiplier: 3, unusualAmountThreshold: null, dailyDigest: false, instantAlerts: [], blockedCategories: [], connectedBanks: [], goals: [],
    });
    expect(saved).toMatchObject({ weeklyBudget: 1000, sync: { status: "NEVER", requestedAt: null } });

    await saveN8nSettings({ tenantId: tenant.id, userId: owner.id, role: "OWNER" }, { baseUrl: "http://127.0.0.1:9", token: "tok-gate-1", signingSecret: "secreto-gate-0123456789", timeoutSeconds: 5, enabled: false });
    expect(await member.movements.availability()).toEqual({ n8n: "disabled" });
    await expect(admin.movements.pasteEmail(EMAIL)).rejects.toThrow(/n8n está desactivado/);
    await saveN8nSettings({ tenantId: tenant.id, userId: owner.id, role: "OWNER" }, { baseUrl: "http://127.0.0.1:9", timeoutSeconds: 5, enabled: true });
    expect(await member.movements.availability()).toEqual({ n8n: "ready" });
  });

  it("stored errors are shown without the raw code to admins, and as who-can-fix-it to other roles", () => {
    const stored = "NOT_CONFIGURED: n8n no está configurado o está desactivado: cargá la URL, el token y el secreto en Integraciones › n8n.";
    expect(n8nErrorText(stored, true, "miembro")).toBe("n8n no está configurado o está desactivado: cargá la URL, el token y el secreto en Integraciones › n8n.");
    expect(n8nErrorText(`[AUTH_FAILED] AUTH_FAILED: Firma inválida. Verificá…`, true, "miembro")).toBe("Firma inválida. Verificá…");
    expect(n8nErrorText(stored, false, "Un administrador puede ver el motivo")).toBe("Un administrador puede ver el motivo");
  });

  it("a failed projection's stored n8n error: admins read it without the raw code, other roles get none (the page says who can fix it)", async () => {
    const owner = await createUser();
    const tenant = await createTenantWith(owner);
    const { user: accountant } = await addMember(tenant.id, "ACCOUNTANT");
    const stored = "INTERNAL_ERROR: La respuesta HTTP 200 de n8n llegó vacía. Suele significar que un paso del workflow falló. Se agotaron los reintentos (5 intentos); no se vuelve a intentar.";
    await db().financialProjection.create({ data: { tenantId: tenant.id, projectionType: "weekly", trigger: "MANUAL", status: "FAILED", errorMessage: stored, completedAt: new Date() } });
    const [forAdmin] = await callerFor(owner, tenant.id).movements.projections();
    expect(forAdmin!.errorMessage).toBe(stored.replace("INTERNAL_ERROR: ", ""));
    const [forMember] = await callerFor(accountant, tenant.id).movements.projections();
    expect(forMember).toMatchObject({ status: "FAILED", errorMessage: null });
  });
});
