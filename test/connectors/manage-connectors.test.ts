/** Connector CRUD through the tRPC procedures, on the real database. */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { openAuthSecret } from "@/server/connectors/credentials";
import { addMember, callerFor, createTenantWith, createUser } from "../support/factories";
import { allowLoopback } from "../support/loopback";

let admin: Awaited<ReturnType<typeof createUser>>;
let tenantId: string;

type FieldError = { code: string; cause: { fieldErrors: Record<string, string[]> } };
async function failure(p: Promise<unknown>): Promise<FieldError> {
  return (await p.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (e: unknown) => e,
  )) as FieldError;
}

beforeAll(async () => {
  admin = await createUser();
  tenantId = (await createTenantWith(admin)).id;
  await db().tenant.update({ where: { id: tenantId }, data: { planId: "empresa" } });
});
afterEach(() => allowLoopback(false));

const base = { direction: "PUSH" as const, baseUrl: "http://127.0.0.1:9/api/v1" };

describe("connectors", () => {
  it("creates a connector with an encrypted secret that is never returned, only its hint", async () => {
    allowLoopback(true);
    const caller = callerFor(admin, tenantId);
    const created = await caller.connectors.create({ ...base, name: "Tango", authType: "API_KEY", apiKeyHeader: "X-API-Key", secret: "clave-super-secreta-123", defaultHeaders: "X-Empresa: 12", pushPath: "/facturas", pushMapping: '{ "numero": "numero" }' });
    expect(created).toMatchObject({ name: "Tango", direction: "PUSH", authType: "API_KEY", apiKeyHeader: "X-API-Key", hasSecret: true, secretHint: "••••-123", defaultHeaders: "X-Empresa: 12", enabled: true, timeoutSeconds: 15 });

    const row = await db().apiConnector.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.secretEnc).not.toContain("clave-super-secreta");
    expect(openAuthSecret(row.id, row.secretEnc!)).toBe("clave-super-secreta-123");
    expect(row.defaultHeaders).toEqual({ "X-Empresa": "12" });

    for (const json of [JSON.stringify(created), JSON.stringify(await caller.connectors.list()), JSON.stringify(await caller.connectors.get({ id: created.id }))]) {
      expect(json).not.toContain("clave-super-secreta");
      expect(json).not.toContain(row.secretEnc!);
    }
  });

  it("keeps the secret when the edit leaves it empty, replaces it when given, and asks again when the auth type changes", async () => {
    allowLoopback(true);
    const caller = callerFor(admin, tenantId);
    const c = await caller.connectors.create({ ...base, name: "Bejerman", authType: "BEARER", secret: "token-original-abc" });
    const form = { ...base, name: "Bejerman ERP", authType: "BEARER" as const, secret: "" };

    const kept = await caller.connectors.update({ id: c.id, data: form });
    expect(kept).toMatchObject({ name: "Bejerman ERP", hasSecret: true, secretHint: "••••-abc" });
    let row = await db().apiConnector.findUniqueOrThrow({ where: { id: c.id } });
    expect(openAuthSecret(c.id, row.secretEnc!)).toBe("token-original-abc");

    await caller.connectors.update({ id: c.id, data: { ...form, secret: "token-nuevo-xyz" } });
    row = await db().apiConnector.findUniqueOrThrow({ where: { id: c.id } });
    expect(openAuthSecret(c.id, row.secretEnc!)).toBe("token-nuevo-xyz");

    const e = await failure(caller.connectors.update({ id: c.id, data: { ...form, authType: "BASIC", username: "ana" } }));
    expect(e.cause.fieldErrors.secret?.[0]).toMatch(/contraseña: cambiaste el tipo de autenticación/);

    const none = await caller.connectors.update({ id: c.id, data: { ...form, authType: "NONE" } });
    expect(none).toMatchObject({ hasSecret: false, secretHint: null });
  });

  it("a schedule changed in an edit starts from the edit: its earlier fires are not caught up", async () => {
    allowLoopback(true);
    const caller = callerFor(admin, tenantId);
    const c = await caller.connectors.create({ ...base, name: "Programado", authType: "NONE", pushSchedule: "0 8 * * *" });
    const longAgo = new Date("2026-01-01T00:00:00Z");
    await db().apiConnector.update({ where: { id: c.id }, data: { pushScheduledThrough: longAgo } });
    const form = { ...base, name: "Programado", authType: "NONE" as const };

    await caller.connectors.update({ id: c.id, data: { ...form, pushSchedule: "0 8 * * *", description: "igual horario" } });
    expect((await db().apiConnector.findUniqueOrThrow({ where: { id: c.id } })).pushScheduledThrough).toEqual(longAgo);
    const before = Date.now();
    await caller.connectors.update({ id: c.id, data: { ...form, pushSchedule: "30 9 * * 1-5" } });
    expect((await db().apiConnector.findUniqueOrThrow({ where: { id: c.id } })).pushScheduledThrough!.getTime()).toBeGreaterThanOrEqual(before);
  });

  it("requires the secret and the auth type's fields on create", async () => {
    allowLoopback(true);
    const caller = callerFor(admin, tenantId);
    const e = await failure(caller.connectors.create({ ...base, name: "Sin secreto", authType: "OAUTH2_CLIENT_CREDENTIALS", oauthTokenUrl: "http://127.0.0.1:9/oauth/token", oauthClientId: "contaflow" }));
    expect(e.cause.fieldErrors.secret).toEqual(["Ingresá el client secret"]);
    const zod = await failure(caller.connectors.create({ ...base, name: "Incompleto", authType: "API_KEY", secret: "x" }));
    expect(zod.code).toBe("BAD_REQUEST");
    const basic = await failure(caller.connectors.create({ ...base, name: "Incompleto", authType: "BASIC", secret: "x" }));
    expect(basic.code).toBe("BAD_REQUEST");
  });

  it("refuses private and loopback base URLs and token URLs at save time (SSRF)", async () => {
    const caller = callerFor(admin, tenantId);
    for (const baseUrl of ["http://127.0.0.1:8080/api", "http://10.0.0.5/erp", "http://169.254.169.254/latest", "http://[::1]/x"]) {
      const e = await failure(caller.connectors.create({ ...base, name: "Interno", baseUrl }));
      expect(e.code).toBe("BAD_REQUEST");
      expect(e.cause.fieldErrors.baseUrl?.[0]).toMatch(/no está permitid/);
    }
    const token = await failure(
      caller.connectors.create({ ...base, name: "Interno", baseUrl: "https://93.184.215.14/api", authType: "OAUTH2_CLIENT_CREDENTIALS", oauthTokenUrl: "http://192.168.1.10/token", oauthClientId: "x", secret: "y" }),
    );
    expect(token.cause.fieldErrors.oauthTokenUrl?.[0]).toMatch(/no está permitid/);
    expect(await db().apiConnector.count({ where: { tenantId, name: "Interno" } })).toBe(0);
  });

  it("rejects a malformed mapping with the position of the syntax error, and every other bad expression at once", async () => {
    allowLoopback(true);
    const caller = callerFor(admin, tenantId);
    const e = await failure(
      caller.connectors.create({
        ...base,
        direction: "BIDIRECTIONAL",
        name: "Mapeo roto",
        pushMapping: '{ "numero": numero, "total": total * }',
        pullMapping: '{ "cuit": "cuit", "razonSocial": "nombre ++ x" }',
        pullRecordPath: "data[",
      }),
    );
    expect(e.cause.fieldErrors.pushMapping?.[0]).toMatch(/^Error de sintaxis en la posición \d+/);
    expect(e.cause.fieldErrors.pullMapping?.[0]).toMatch(/^Campo «razonSocial»: error de sintaxis en la posición \d+/);
    expect(e.cause.fieldErrors.pullRecordPath?.[0]).toMatch(/sintaxis/);
    expect(await db().apiConnector.count({ where: { tenantId, name: "Mapeo roto" } })).toBe(0);
  });

  it("validates schedules: five fields, real values, not more often than every 5 minutes, only for its direction", async () => {
    allowLoopback(true);
    const caller = callerFor(admin, tenantId);
    const bad = await failure(caller.connectors.create({ ...base, name: "Agenda", pushSchedule: "61 8 * * *" }));
    expect(bad.cause.fieldErrors.pushSchedule?.[0]).toMatch(/minuto/);
    const often = await failure(caller.connectors.create({ ...base, name: "Agenda", pushSchedule: "* * * * *" }));
    expect(often.cause.fieldErrors.pushSchedule?.[0]).toMatch(/al menos 5 minutos/);
    const wrongDirection = await failure(caller.connectors.create({ ...base, name: "Agenda", pullSchedule: "0 8 * * *" }));
    expect(wrongDirection.code).toBe("BAD_REQUEST");

    const ok = await caller.connectors.create({ ...base, name: "Agenda", pushSchedule: "0   8 * * 1-5" });
    expect(ok).toMatchObject({ pushSchedule: "0 8 * * 1-5", pullSchedule: "", scheduleTimezone: "America/Argentina/Buenos_Aires" });
  });

  it("names are unique per organization", async () => {
    allowLoopback(true);
    const caller = callerFor(admin, tenantId);
    await caller.connectors.create({ ...base, name: "Único" });
    const e = await failure(caller.connectors.create({ ...base, name: "único" }));
    expect(e.code).toBe("CONFLICT");
    expect(e.cause.fieldErrors.name).toEqual(["Ya existe un conector con ese nombre"]);
  });

  it("disables, enables and deletes (with its cached token and its runs), never mid-run", async () => {
    allowLoopback(true);
    const caller = callerFor(admin, tenantId);
    const c = await caller.connectors.create({ ...base, name: "Efímero" });
    expect((await caller.connectors.setEnabled({ id: c.id, enabled: false })).enabled).toBe(false);
    expect((await caller.connectors.setEnabled({ id: c.id, enabled: true })).enabled).toBe(true);
    await db().connectorOAuthToken.create({ data: { connectorId: c.id, tenantId, configHash: "x", accessTokenEnc: "x", expiresAt: new Date() } });
    const sync = await db().syncRun.create({ data: { tenantId, connectorId: c.id, status: "RUNNING" } });
    await db().exportRun.create({ data: { tenantId, connectorId: c.id, status: "COMPLETED" } });

    // Not in the middle of a run…
    const busy = await failure(caller.connectors.delete({ id: c.id }));
    expect(busy.code).toBe("CONFLICT");
    expect((busy as unknown as Error).message).toMatch(/sincronización en curso/);
    // …and, once it is over, with its whole history.
    await db().syncRun.update({ where: { id: sync.id }, data: { status: "SUCCESS" } });
    await caller.connectors.delete({ id: c.id });
    await expect(caller.connectors.get({ id: c.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db().connectorOAuthToken.count({ where: { connectorId: c.id } })).toBe(0);
    expect(await db().exportRun.count({ where: { connectorId: c.id } })).toBe(0);
    expect(await db().syncRun.count({ where: { connectorId: c.id } })).toBe(0);
  });

  it("counts against the plan's connector limit", async () => {
    allowLoopback(true);
    const owner = await createUser();
    const small = (await createTenantWith(owner)).id; // "gratis": 2 connectors
    const caller = callerFor(owner, small);
    await caller.connectors.create({ ...base, name: "Uno" });
    await caller.connectors.create({ ...base, name: "Dos" });
    await expect(caller.connectors.create({ ...base, name: "Tres" })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/hasta 2 conectores/) });
  });

  it("is for admins only", async () => {
    const { user } = await addMember(tenantId, "ACCOUNTANT");
    await expect(callerFor(user, tenantId).connectors.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(user, tenantId).connectors.previewMapping({ mapping: "x", sample: "{}" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
