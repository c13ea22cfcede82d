/**
 * The five export/sync events travel the real pipeline — outbox → Inngest fan-out → signed
 * webhook delivery — to a receiver on 127.0.0.1, with exactly the seed's payload fields.
 */
import { engineReady } from "./support/engine";
import { afterAll, beforeAll, expect, it } from "vitest";
import { eventCatalog, type EventType } from "@/server/events/catalog";
import { startExport } from "@/server/exports/start-export";
import { startSync } from "@/server/sync/runs";
import { startErp } from "../connectors/support/erp-server";
import { createConnectorRow, createEndpointRow, createTenantWith, createUser } from "../support/factories";
import { startReceiver, type Receiver } from "../webhooks/support/receiver";
import { serveSuppliers, startPushErp, suppliers, type PushErp } from "./support/erp";
import { createDocuments, PULL_MAPPING, pushConnector } from "./support/fixtures";
import { exportRunDone, syncRunDone, until } from "./support/wait";

const TYPES: EventType[] = ["document.exported", "export.completed", "export.failed", "sync.completed", "sync.failed"];
let engine: Awaited<typeof engineReady>;
let receiver: Receiver;
let erp: PushErp;

beforeAll(async () => {
  engine = await engineReady;
  receiver = await startReceiver();
  erp = await startPushErp();
}, 60_000);
afterAll(async () => {
  await erp?.close();
  await receiver?.close();
  await engine?.stop();
});

it("document.exported, export.completed, export.failed, sync.completed and sync.failed arrive with the seed's fields", { timeout: 90_000 }, async () => {
  const owner = await createUser();
  const tenantId = (await createTenantWith(owner)).id;
  const scope = { tenantId, userId: owner.id, role: "OWNER" as const };
  await createEndpointRow(tenantId, `${receiver.url}/hook`, TYPES);

  const connector = await pushConnector(tenantId, erp.url);
  const ids = await createDocuments(tenantId, 3, { firstNumber: 700 });
  erp.script.set("0001-00000702", [422]);
  await exportRunDone((await startExport(scope, { connectorId: connector.id, selection: { documentIds: ids.slice(1) }, force: false })).runId);
  await exportRunDone((await startExport(scope, { connectorId: connector.id, selection: { documentIds: [ids[0]!] }, force: false })).runId);

  const pullErp = await startErp();
  serveSuppliers(pullErp, suppliers(4), "NONE");
  const pullBase = { direction: "PULL" as const, baseUrl: pullErp.url, pullPath: "/proveedores", pullRecordPath: "items", pullIdField: "codigo", pullMapping: PULL_MAPPING };
  const pull = await createConnectorRow(tenantId, { name: "ERP proveedores", ...pullBase });
  const broken = await createConnectorRow(tenantId, { name: "ERP roto", ...pullBase, pullPath: "/no-existe" });
  pullErp.route("GET /no-existe", (_req, res) => res.writeHead(404, { "content-type": "application/json" }).end('{"error":"no existe"}'));
  await syncRunDone((await startSync(scope, pull.id)).runId);
  await syncRunDone((await startSync(scope, broken.id)).runId);

  const bodies = () => receiver.requests.map((r) => JSON.parse(r.body.toString()) as Record<string, unknown>);
  await until("five kinds of events at the receiver", async () => TYPES.every((t) => bodies().some((b) => b.type === t)), 60_000);
  await pullErp.close();

  for (const type of TYPES) {
    const body = bodies().find((b) => b.type === type)!;
    // Every field of the schema but `test`, which only test events carry.
    const fields = Object.keys((eventCatalog[type].schema as unknown as { shape: Record<string, unknown> }).shape).filter((k) => k !== "test").sort();
    expect(Object.keys(body).sort(), type).toEqual(fields);
    expect(eventCatalog[type].schema.safeParse(body).success, type).toBe(true);
  }
  const all = bodies();
  expect(all.filter((b) => b.type === "document.exported")).toHaveLength(2);
  expect(all.find((b) => b.type === "document.exported" && b.documentoId === ids[0])).toMatchObject({ tipo: "FACTURA_A", numero: "0001-00000700", total: 1210, externalId: expect.stringMatching(/^ERP-/) as unknown });
  expect(all.find((b) => b.type === "export.completed")).toMatchObject({ connectorId: connector.id, success: 1, failed: 0, skipped: 0 });
  expect(all.find((b) => b.type === "export.failed")).toMatchObject({ connectorId: connector.id, error: expect.stringContaining("422") as unknown });
  expect(all.find((b) => b.type === "sync.completed")).toMatchObject({ connectorId: pull.id, success: 4, failed: 0, staged: 0 });
  expect(all.find((b) => b.type === "sync.failed")).toMatchObject({ connectorId: broken.id, error: expect.stringContaining("404") as unknown });
  expect(receiver.requests.every((r) => r.headers["webhook-signature"]?.startsWith("v1,"))).toBe(true);
});
