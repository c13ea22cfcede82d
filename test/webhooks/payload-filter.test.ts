/**
 * Per-endpoint payload filters: parsed and checked against the event catalogue at save time (a
 * clear error, nothing saved), and applied at fan-out on the real database: an excluded event
 * gets no delivery at all, not even a held one while the endpoint is disabled.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { db } from "@/server/db/client";
import { createDomainEvent } from "@/server/events/build";
import { recordDomainEvents } from "@/server/events/outbox";
import { matchesPayloadFilter, parsePayloadFilter } from "@/lib/webhooks/payload-filter";
import { fanOutDomainEvents } from "@/server/webhooks/delivery/fan-out";
import { callerFor, createTenantWith, createUser } from "../support/factories";

let tenantId: string;
let owner: Awaited<ReturnType<typeof createUser>>;
const url = "http://127.0.0.1:9/hook";

beforeAll(async () => {
  process.env.OUTBOUND_ALLOWLIST = "127.0.0.1";
  resetEnvCache();
  owner = await createUser();
  tenantId = (await createTenantWith(owner)).id;
});

const processed = (cuit: string | null, tipo = "FACTURA_A") =>
  createDomainEvent("document.processed", {
    documentoId: `doc_${cuit ?? "none"}_${tipo}`,
    tipo,
    numero: "0001-00000001",
    fecha: "2025-01-20",
    total: 100,
    proveedor: cuit ? { cuit, razonSocial: "Proveedor SA" } : null,
    estado: "completed",
    requiereRevision: false,
    motivosRevision: [],
  });

describe("payload filter", () => {
  it("parses conditions and refuses malformed lines with the line number", () => {
    expect(parsePayloadFilter("proveedor.cuit = 30-12345678-9, 20-11111111-2\ntipo != NOTA_CREDITO_A")).toEqual({
      ok: true,
      conditions: [
        { field: "proveedor.cuit", op: "eq", values: ["30-12345678-9", "20-11111111-2"] },
        { field: "tipo", op: "ne", values: ["NOTA_CREDITO_A"] },
      ],
    });
    expect(parsePayloadFilter("tipo FACTURA_A")).toMatchObject({ ok: false, error: expect.stringContaining("Línea 1: escribí «campo = valor»") });
    expect(parsePayloadFilter("tipo =   ")).toEqual({ ok: false, error: "Línea 1: falta el valor de «tipo»" });
    expect(parsePayloadFilter("tipo = A\nproveedor cuit = 1")).toMatchObject({ ok: false, error: expect.stringContaining("Línea 2: «proveedor cuit» no es un campo válido") });
  });

  it("compares CUITs by their digits and treats an absent value as matching nothing", () => {
    const parsed = parsePayloadFilter("proveedor.cuit = 30123456789");
    if (!parsed.ok) throw new Error(parsed.error);
    const [cond] = parsed.conditions;
    expect(matchesPayloadFilter({ proveedor: { cuit: "30-12345678-9" } }, [cond!])).toBe(true);
    expect(matchesPayloadFilter({ proveedor: null }, [cond!])).toBe(false);
    expect(matchesPayloadFilter({ proveedor: { cuit: "30-12345678-9" } }, [{ field: "proveedor.cuit", op: "ne", values: ["30-12345678-9"] }])).toBe(false);
  });

  it("is checked against every subscribed event type when saved", async () => {
    const api = callerFor(owner, tenantId).webhooks;
    await expect(api.create({ url, eventTypes: ["document.processed", "sync.completed"], filter: "proveedor.cuit = 30-12345678-9" })).rejects.toThrow(
      "El campo «proveedor.cuit» no existe en sync.completed: quitá ese evento de la suscripción o filtrá por un campo que tengan todos",
    );
    await expect(api.create({ url, eventTypes: ["document.processed"], filter: "proveedor = x" })).rejects.toThrow("«proveedor» en document.processed no es un valor simple: elegí un campo interno (p. ej. proveedor.cuit)");
    await expect(api.create({ url, eventTypes: ["document.processed"], filter: "receptor.cuit = 1" })).rejects.toThrow("El campo «receptor.cuit» no existe en document.processed");
    expect(await db().webhookEndpoint.count({ where: { tenantId } })).toBe(0);
  });

  it("is applied at fan-out: events it excludes get no delivery, others are delivered as usual", async () => {
    const api = callerFor(owner, tenantId).webhooks;
    const oneSupplier = (await api.create({ url, eventTypes: ["document.processed"], filter: "proveedor.cuit = 30-12345678-9\ntipo != NOTA_CREDITO_A" })).endpoint;
    const everything = (await api.create({ url: `${url}?all`, eventTypes: ["document.processed"] })).endpoint;
    const events = [processed("30-12345678-9"), processed("20-11111111-2"), processed(null), processed("30-12345678-9", "NOTA_CREDITO_A"), processed("30-12345678-9", "FACTURA_B")];
    const recorded = await db().$transaction((tx) => recordDomainEvents(tx, tenantId, events));
    const refs = await fanOutDomainEvents(recorded.map((r) => r.id));
    const forFiltered = refs.filter((r) => r.endpointId === oneSupplier.id);
    expect(refs.filter((r) => r.endpointId === everything.id)).toHaveLength(5);
    expect(forFiltered).toHaveLength(2);
    const kept = await db().webhookDelivery.findMany({ where: { endpointId: oneSupplier.id }, include: { event: { select: { body: true } } } });
    expect(kept.map((d) => JSON.parse(d.event.body).documentoId).sort()).toEqual(["doc_30-12345678-9_FACTURA_A", "doc_30-12345678-9_FACTURA_B"]);
  });

  it("a disabled endpoint holds only the events its filter lets through (a filtered-out event is never held)", async () => {
    const api = callerFor(owner, tenantId).webhooks;
    const off = (await api.create({ url: `${url}?off`, eventTypes: ["document.processed"], enabled: false, filter: "proveedor.cuit = 30-12345678-9" })).endpoint;
    const events = [processed("30-12345678-9", "FACTURA_C"), processed("20-11111111-2", "FACTURA_C")];
    const recorded = await db().$transaction((tx) => recordDomainEvents(tx, tenantId, events));
    const refs = await fanOutDomainEvents(recorded.map((r) => r.id));
    expect(refs.filter((r) => r.endpointId === off.id)).toHaveLength(0);
    const held = await db().webhookDelivery.findMany({ where: { endpointId: off.id }, include: { event: { select: { body: true } } } });
    expect(held.map((d) => [d.status, JSON.parse(d.event.body).documentoId])).toEqual([["HELD", "doc_30-12345678-9_FACTURA_C"]]);
  });
});
