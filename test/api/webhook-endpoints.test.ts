import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { db } from "@/server/db/client";
import { openSecret, openToken } from "@/server/webhooks/endpoints/credentials";
import { addMember, callerFor, createTenantWith, createUser } from "../support/factories";

let admin: Awaited<ReturnType<typeof createUser>>;
let tenantId: string;

function allowLoopback(allowed: boolean) {
  if (allowed) process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";
  else delete process.env.OUTBOUND_ALLOWLIST;
  resetEnvCache();
}

beforeAll(async () => {
  admin = await createUser();
  tenantId = (await createTenantWith(admin)).id;
});
afterEach(() => allowLoopback(false));

describe("webhook endpoints", () => {
  it("creates an endpoint, shows secret and token once, stores them encrypted", async () => {
    allowLoopback(true);
    const created = await callerFor(admin, tenantId).webhooks.create({ url: "http://127.0.0.1:9/hook", description: "ERP", eventTypes: ["document.processed", "export.failed"] });
    expect(created.secret).toMatch(/^whsec_/);
    expect(created.token).toMatch(/^whtok_/);

    const row = await db().webhookEndpoint.findUniqueOrThrow({ where: { id: created.endpoint.id } });
    expect(row.secretEnc).not.toContain(created.secret.slice(6));
    expect(openSecret(row.id, row.secretEnc)).toBe(created.secret);
    expect(openToken(row.id, row.tokenEnc)).toBe(created.token);

    const listed = await callerFor(admin, tenantId).webhooks.list();
    const json = JSON.stringify(listed);
    expect(json).not.toContain(created.secret);
    expect(json).not.toContain(created.token);
    expect(listed[0]).toMatchObject({ url: "http://127.0.0.1:9/hook", eventTypes: ["document.processed", "export.failed"], enabled: true, timeoutSeconds: 15, health: { successRate: null, lastDeliveryAt: null } });
  });

  it("refuses private and loopback URLs at save time with a clear field error", async () => {
    for (const url of ["http://127.0.0.1/hook", "http://10.0.0.5/x", "http://[::1]/x", "http://169.254.169.254/latest/meta-data"]) {
      const error = (await callerFor(admin, tenantId)
        .webhooks.create({ url, eventTypes: ["sync.failed"] })
        .then(() => null, (e: unknown) => e)) as { code: string; cause: { fieldErrors: Record<string, string[]> } };
      expect(error).toMatchObject({ code: "BAD_REQUEST" });
      expect(error.cause.fieldErrors.url?.[0]).toMatch(/no está permitid/);
    }
    expect(await db().webhookEndpoint.count({ where: { url: { contains: "10.0.0.5" } } })).toBe(0);
  });

  it("rejects bad input with field errors and writes nothing", async () => {
    const before = await db().webhookEndpoint.count();
    await expect(callerFor(admin, tenantId).webhooks.create({ url: "no-es-una-url", eventTypes: [] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(callerFor(admin, tenantId).webhooks.create({ url: "https://x.example", eventTypes: ["document.inventado" as "document.processed"] })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(await db().webhookEndpoint.count()).toBe(before);
  });

  it("rotates the secret keeping the previous one (encrypted) for the grace period", async () => {
    allowLoopback(true);
    const { endpoint, secret } = await callerFor(admin, tenantId).webhooks.create({ url: "http://127.0.0.1:9/r", eventTypes: ["sync.completed"] });
    const rotated = await callerFor(admin, tenantId).webhooks.rotateSecret({ id: endpoint.id, graceHours: 24, contractHeaders: "keep-previous" });
    expect(rotated.secret).not.toBe(secret);
    const row = await db().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(openSecret(row.id, row.secretEnc)).toBe(rotated.secret);
    const [retired] = row.retiredKeys as { secretEnc: string; until: string }[];
    expect(retired!.secretEnc).not.toContain(secret!.slice(6));
    expect(openSecret(row.id, retired!.secretEnc)).toBe(secret);
    expect(Date.parse(retired!.until) - Date.now()).toBeGreaterThan(23 * 3_600_000);
    expect(rotated.endpoint.rotationEndsAt!.toISOString()).toBe(retired!.until);
    expect(rotated.endpoint.contractSwitchAt!.toISOString()).toBe(retired!.until);
  });

  it("disables, re-enables, updates and deletes", async () => {
    allowLoopback(true);
    const caller = callerFor(admin, tenantId);
    const { endpoint } = await caller.webhooks.create({ url: "http://127.0.0.1:9/d", eventTypes: ["sync.completed"] });
    expect((await caller.webhooks.setEnabled({ id: endpoint.id, enabled: false })).disabledReason).toBe("Deshabilitado manualmente");
    expect((await caller.webhooks.setEnabled({ id: endpoint.id, enabled: true })).enabled).toBe(true);
    const updated = await caller.webhooks.update({ id: endpoint.id, data: { url: "http://127.0.0.1:9/e", description: "nuevo", eventTypes: ["export.completed"], timeoutSeconds: 30 } });
    expect(updated).toMatchObject({ url: "http://127.0.0.1:9/e", timeoutSeconds: 30, eventTypes: ["export.completed"] });
    await caller.webhooks.delete({ id: endpoint.id });
    await expect(caller.webhooks.get({ id: endpoint.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("is for admins only", async () => {
    const { user } = await addMember(tenantId, "ACCOUNTANT");
    await expect(callerFor(user, tenantId).webhooks.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("lists every event of the catalogue (the seed's seven and document.updated) with schema and sample", async () => {
    const catalog = await callerFor(admin, tenantId).webhooks.eventCatalog();
    expect(catalog.map((e) => e.type)).toEqual(["document.processed", "document.failed", "document.exported", "document.updated", "export.completed", "export.failed", "sync.completed", "sync.failed"]);
    for (const e of catalog) expect(e.jsonSchema).toHaveProperty("properties");
  });
});
