/**
 * Each of the seven domain events, recorded in the outbox and dispatched as the code paths do,
 * reaches a real receiver through the embedded engine with the seed's payload fields and both
 * signature families. (Feature tests — parsing, exports, syncs — emit them from their own code
 * paths; this one drives the emit functions directly, one of each.)
 */
import { createHmac } from "node:crypto";
import type { ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:http";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Webhook } from "standardwebhooks";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../engine/harness";
import { startApp, waitFor } from "../engine/support/app-process";

/** The seed's payload fields per event (docs/reference/webhooks-integration-session.md). */
const SEED_FIELDS: Record<string, string[]> = {
  "document.processed": ["documentoId", "tipo", "numero", "fecha", "total", "proveedor"],
  "document.failed": ["documentoId", "error", "timestamp"],
  "document.exported": ["documentoId", "tipo", "total", "externalId"],
  "export.completed": ["success", "failed", "skipped"],
  "export.failed": ["error", "connectorId"],
  "sync.completed": ["success", "failed", "staged"],
  "sync.failed": ["error", "connectorId"],
};

const children: ChildProcess[] = [];
const servers: Server[] = [];
afterAll(async () => {
  children.forEach((c) => c.kill("SIGKILL"));
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

type Received = { headers: Record<string, string>; body: string };

describe("the seven webhook events", () => {
  it("arrive signed (contract + Standard Webhooks) with the seed's fields", { timeout: 60_000 }, async () => {
    const received: Received[] = [];
    const receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        received.push({ headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])), body: Buffer.concat(chunks).toString("utf8") });
        res.writeHead(200).end("ok");
      });
    });
    servers.push(receiver);
    const receiverPort = await freePort();
    await new Promise<void>((r) => receiver.listen(receiverPort, "127.0.0.1", r));

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATA_DIR: mkdtempSync(join(tmpdir(), "contaflow-seven-")),
      LOG_LEVEL: "warn",
      OUTBOUND_ALLOWLIST: "127.0.0.1",
      APP_PORT: String(await freePort()),
      INNGEST_ENGINE_PORT: String(await freePort()),
    };
    if (!process.env.DATABASE_URL) {
      const { spawnSync } = await import("node:child_process");
      delete env.DATABASE_URL;
      expect(spawnSync(process.execPath, ["--import", "tsx", "scripts/db.ts", "deploy"], { env, encoding: "utf8" }).status).toBe(0);
    }
    const app = await startApp(env, "test/engine/support/webhook-app.ts");
    children.push(app);
    const call = async (path: string, body: unknown) => (await (await fetch(`http://127.0.0.1:${env.APP_PORT}${path}`, { method: "POST", body: JSON.stringify(body) })).json()) as Record<string, unknown>;

    const setup = await call("/setup", { url: `http://127.0.0.1:${receiverPort}/hook`, eventTypes: Object.keys(SEED_FIELDS) });
    const secret = String(setup.secret);
    const { recorded } = (await call("/emit-samples", { tenantId: setup.tenantId })) as { recorded: { id: string; type: string }[] };
    // One of each catalogue event is recorded (document.updated too); the endpoint subscribes to the seed's seven.
    expect(recorded.map((e) => e.type)).toEqual(expect.arrayContaining(Object.keys(SEED_FIELDS)));

    await waitFor("all seven delivered", async () => (received.length >= 7 ? true : null), 30_000);
    const byType = new Map(received.map((r) => [r.headers["x-webhook-event"], r]));
    for (const [type, fields] of Object.entries(SEED_FIELDS)) {
      const delivery = byType.get(type);
      expect(delivery, type).toBeDefined();
      const { headers, body } = delivery!;
      // Standard Webhooks, verified by the reference library.
      expect(() => new Webhook(secret).verify(body, headers)).not.toThrow();
      // The contract family: HMAC-SHA256 hex of the raw body, same id and clock as webhook-*.
      expect(headers["x-signature"]).toBe(createHmac("sha256", secret).update(body).digest("hex"));
      expect(headers["x-request-id"]).toBe(headers["webhook-id"]);
      expect(Math.floor(Date.parse(headers["x-timestamp"]!) / 1000)).toBe(Number(headers["webhook-timestamp"]));
      expect(headers["x-webhook-token"]).toMatch(/.{16,}/);
      const payload = JSON.parse(body) as Record<string, unknown>;
      expect(payload.type).toBe(type);
      for (const field of fields) expect(payload, `${type}.${field}`).toHaveProperty(field);
      expect(recorded.find((e) => e.type === type)?.id).toBe(headers["webhook-id"]);
    }
  });
});
