/** Connector health badge: the rule over the export log and the last connection test, on the real database. */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { recordExportCall } from "@/server/connectors/export-log";
import { connectorHealth } from "@/server/connectors/health";
import { ConnectorCallError } from "@/server/connectors/transport";
import { callerFor, createConnectorRow, createTenantWith, createUser } from "../support/factories";

let tenantId: string;
let otherTenantId: string;
let caller: ReturnType<typeof callerFor>;

beforeAll(async () => {
  const admin = await createUser();
  tenantId = (await createTenantWith(admin)).id;
  caller = callerFor(admin, tenantId);
  const other = await createUser();
  otherTenantId = (await createTenantWith(other)).id;
});

const base = { method: "POST", url: "https://erp.example.com/api/facturas" };
let clock = Date.parse("2026-12-01T10:00:00Z");
/** Log rows get strictly increasing timestamps so "most recent" is well defined. */
async function log(connectorId: string, status: "SUCCESS" | "FAILED" | "SKIPPED", error?: unknown, tenant = tenantId) {
  const row = await recordExportCall({ tenantId: tenant }, { connectorId, status, ...base, error });
  clock += 1000;
  await db().connectorExportLog.update({ where: { id: row.id }, data: { createdAt: new Date(clock) } });
}
const refused = () => new ConnectorCallError("CONNECTION_REFUSED", "Conexión rechazada por erp.example.com", { url: base.url });

describe("connectorHealth", () => {
  it("says UNTESTED only when there were no calls at all (skipped documents are not calls)", async () => {
    const c = await createConnectorRow(tenantId);
    await log(c.id, "SKIPPED");
    const h = (await connectorHealth({ tenantId }, [c.id]))[c.id];
    expect(h).toMatchObject({ state: "UNTESTED", calls: 0, lastReason: null });
  });

  it("OK after successful exports; DEGRADED with the last reason when some failed; FAILING after a streak of failures", async () => {
    const c = await createConnectorRow(tenantId);
    await log(c.id, "SUCCESS");
    await log(c.id, "SUCCESS");
    expect((await connectorHealth({ tenantId }, [c.id]))[c.id]).toMatchObject({ state: "OK", calls: 2, failed: 0, lastReason: null });

    await log(c.id, "FAILED", new Error("El sistema externo respondió 422: CUIT inexistente"));
    await log(c.id, "SUCCESS");
    expect((await connectorHealth({ tenantId }, [c.id]))[c.id]).toMatchObject({ state: "DEGRADED", calls: 4, failed: 1, lastReason: "El sistema externo respondió 422: CUIT inexistente" });

    await log(c.id, "FAILED", refused());
    await log(c.id, "FAILED", refused());
    expect((await connectorHealth({ tenantId }, [c.id]))[c.id]!.state).toBe("DEGRADED");
    await log(c.id, "FAILED", refused());
    const failing = (await connectorHealth({ tenantId }, [c.id]))[c.id]!;
    expect(failing).toMatchObject({ state: "FAILING", failed: 4, lastReason: "Conexión rechazada por erp.example.com" });
    expect(failing.lastFailureAt?.getTime()).toBe(clock);
  });

  it("an unreachable ERP during a first export is FAILING at once (every attempt failed), not «Sin probar»", async () => {
    const c = await createConnectorRow(tenantId);
    await log(c.id, "FAILED", refused());
    expect((await connectorHealth({ tenantId }, [c.id]))[c.id]).toMatchObject({ state: "FAILING", calls: 1, lastReason: "Conexión rechazada por erp.example.com" });
  });

  it("counts the last connection test as a call, ordered with the exports", async () => {
    const c = await createConnectorRow(tenantId, { lastTestAt: new Date("2026-01-01T00:00:00Z"), lastTestOk: false, lastTestStatus: 401, lastTestMessage: "Credenciales rechazadas (HTTP 401)" });
    expect((await connectorHealth({ tenantId }, [c.id]))[c.id]).toMatchObject({ state: "FAILING", calls: 1, lastReason: "Credenciales rechazadas (HTTP 401)" });
    await log(c.id, "SUCCESS");
    expect((await connectorHealth({ tenantId }, [c.id]))[c.id]).toMatchObject({ state: "DEGRADED", calls: 2 });
  });

  it("never reads another tenant's connectors or calls (through the tRPC procedure)", async () => {
    const mine = await createConnectorRow(tenantId);
    const theirs = await createConnectorRow(otherTenantId);
    await log(theirs.id, "FAILED", refused(), otherTenantId);
    const all = await caller.connectors.health();
    expect(all[mine.id]).toMatchObject({ state: "UNTESTED" });
    expect(all[theirs.id]).toBeUndefined();
  });
});
