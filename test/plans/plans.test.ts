import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { assertWithinLimit } from "@/server/plans/usage";
import { addMember, callerFor, createEndpointRow, createTenantWith, createUser } from "../support/factories";

beforeAll(async () => {
  // A tiny plan for limit tests, beside the three seeded by the migration.
  await db().plan.create({ data: { id: "prueba", name: "Prueba", sortOrder: 9, webhooks: 1, users: 2, documentsPerMonth: 10, connectors: 1, apiCallsPerMinute: 10 } });
});

async function ownedTenant(planId?: string) {
  const owner = await createUser();
  const tenant = await createTenantWith(owner);
  if (planId) await db().tenant.update({ where: { id: tenant.id }, data: { planId } });
  return { owner, tenantId: tenant.id };
}

describe("plans", () => {
  it("the migration seeds Gratis, Estudio and Empresa; a new tenant starts on Gratis", async () => {
    const { owner, tenantId } = await ownedTenant();
    const overview = await callerFor(owner, tenantId).plans.overview();
    expect(overview.plans.map((p) => p.id).slice(0, 3)).toEqual(["gratis", "estudio", "empresa"]);
    expect(overview.current).toMatchObject({ id: "gratis", name: "Gratis", limits: { users: 5, webhooks: 10, documentsPerMonth: 100, connectors: 2, apiCallsPerMinute: 60 } });
    expect(overview.plans.find((p) => p.id === "empresa")?.limits).toMatchObject({ users: null, connectors: null });
    expect(overview.canChange).toBe(true);
  });

  it("a tenant without a plan is on Gratis", async () => {
    const { owner, tenantId } = await ownedTenant();
    await db().tenant.update({ where: { id: tenantId }, data: { planId: null } });
    expect((await callerFor(owner, tenantId).plans.overview()).current.id).toBe("gratis");
  });

  it("usage: users = members + pending invitations, webhooks = endpoints; unmetered limits say null", async () => {
    const { owner, tenantId } = await ownedTenant();
    await addMember(tenantId, "VIEWER");
    await db().invitation.create({ data: { tenantId, email: "a@example.com", role: "VIEWER", tokenHash: "h1", expiresAt: new Date(Date.now() + 60_000) } });
    await db().invitation.create({ data: { tenantId, email: "b@example.com", role: "VIEWER", tokenHash: "h2", expiresAt: new Date(Date.now() - 60_000) } });
    await db().invitation.create({ data: { tenantId, email: "c@example.com", role: "VIEWER", tokenHash: "h3", expiresAt: new Date(Date.now() + 60_000), revokedAt: new Date() } });
    await createEndpointRow(tenantId, "https://erp.example.com/a");
    const usage = Object.fromEntries((await callerFor(owner, tenantId).plans.overview()).usage.map((u) => [u.key, u]));
    expect(usage.users).toEqual({ key: "users", used: 3, limit: 5 });
    expect(usage.webhooks).toEqual({ key: "webhooks", used: 1, limit: 10 });
    expect(usage.documentsPerMonth).toEqual({ key: "documentsPerMonth", used: 0, limit: 100 });
  });

  it("only the OWNER switches plans; the switch is audited; ADMINs see the plans page data", async () => {
    const { owner, tenantId } = await ownedTenant();
    const { user: admin } = await addMember(tenantId, "ADMIN");
    expect((await callerFor(admin, tenantId).plans.overview()).canChange).toBe(false);
    await expect(callerFor(admin, tenantId).plans.change({ planId: "empresa" })).rejects.toMatchObject({ code: "FORBIDDEN", message: "Solo el dueño (OWNER) puede cambiar de plan" });
    const { user: viewer } = await addMember(tenantId, "VIEWER");
    await expect(callerFor(viewer, tenantId).plans.overview()).rejects.toMatchObject({ code: "FORBIDDEN" });

    await expect(callerFor(owner, tenantId).plans.change({ planId: "empresa" })).resolves.toMatchObject({ id: "empresa" });
    expect((await db().tenant.findUniqueOrThrow({ where: { id: tenantId } })).planId).toBe("empresa");
    expect((await callerFor(owner, tenantId).audit.list())[0]).toMatchObject({ action: "PLAN_CHANGED", oldValue: "Gratis", newValue: "Empresa" });
    await expect(callerFor(owner, tenantId).plans.change({ planId: "no-existe" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a plan the current usage does not fit", async () => {
    const { owner, tenantId } = await ownedTenant("estudio");
    for (let i = 0; i < 2; i++) await addMember(tenantId, "VIEWER");
    await expect(callerFor(owner, tenantId).plans.change({ planId: "prueba" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "No podés pasar al plan Prueba: hay 3 usuarios (contando invitaciones pendientes) y ese plan permite 2",
    });
    expect((await db().tenant.findUniqueOrThrow({ where: { id: tenantId } })).planId).toBe("estudio");
  });
});

describe("limits are enforced before the action", () => {
  it("webhooks: creating past the limit fails with the message and creates nothing", async () => {
    const { owner, tenantId } = await ownedTenant("prueba");
    await createEndpointRow(tenantId, "https://erp.example.com/uno");
    const error = await callerFor(owner, tenantId)
      .webhooks.create({ url: "https://erp.example.com/dos", eventTypes: ["document.processed"] })
      .then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ code: "FORBIDDEN", message: "Llegaste al límite de tu plan Prueba: hasta 1 endpoint de webhooks — mejorá tu plan en Planes" });
    expect(await db().webhookEndpoint.count({ where: { tenantId } })).toBe(1);
  });

  it("assertWithinLimit passes under the limit, fails at it, and never fails on an unlimited plan", async () => {
    const { tenantId } = await ownedTenant("prueba");
    await expect(assertWithinLimit({ tenantId }, "users")).resolves.toBeUndefined();
    await addMember(tenantId, "VIEWER");
    await expect(assertWithinLimit({ tenantId }, "users")).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("hasta 2 usuarios") });
    await expect(assertWithinLimit({ tenantId }, "users", 0)).resolves.toBeUndefined();
    await db().tenant.update({ where: { id: tenantId }, data: { planId: "empresa" } });
    for (let i = 0; i < 3; i++) await addMember(tenantId, "VIEWER");
    await expect(assertWithinLimit({ tenantId }, "users")).resolves.toBeUndefined();
  });
});
