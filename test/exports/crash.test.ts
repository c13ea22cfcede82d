/**
 * Crash test: SIGKILL the app while it pushes 500 documents, start it again: the run finishes,
 * the ERP holds every document exactly once (Idempotency-Key: a call repeated after the crash
 * is answered with the first invoice), and the logs agree with the documents — one SUCCESS log
 * row per document, whose external id is the document's.
 */
import type { ChildProcess } from "node:child_process";
import { afterAll, expect, it } from "vitest";
import { appEnv, startApp, waitFor } from "../engine/support/app-process";
import { startPushErp, type PushErp } from "./support/erp";

const SCRIPT = "test/exports/support/exports-app.ts";
const COUNT = Number(process.env.EXPORT_CRASH_DOCUMENTS ?? 500);
const children: ChildProcess[] = [];
let erp: PushErp | undefined;
afterAll(async () => {
  children.forEach((c) => c.kill("SIGKILL"));
  await erp?.close();
});

type Status = { run: { status: string; success: number; failed: number; skipped: number; total: number } | null; items: Record<string, number>; logs: { documentId: string; status: string; externalId: string | null; idempotencyKey: string }[]; docs: { id: string; externalSystemId: string | null; exportedVersion: number | null }[] };
const post = async (port: string, path: string, body: unknown) => (await (await fetch(`http://127.0.0.1:${port}${path}`, { method: "POST", body: JSON.stringify(body) })).json()) as Record<string, string>;
const status = async (port: string, runId: string) => (await (await fetch(`http://127.0.0.1:${port}/status?runId=${runId}`)).json()) as Status;

it(`SIGKILL during a ${COUNT}-document push: after restart every document is exported exactly once and the logs agree`, { timeout: 400_000 }, async () => {
  erp = await startPushErp();
  erp.setDelay(15);
  const env = await appEnv("export-crash", { INNGEST_ENGINE_BACKOFF_MS: "200" });
  let child = await startApp(env, SCRIPT);
  children.push(child);
  const setup = await post(env.APP_PORT!, "/setup", { erpUrl: erp.url, documents: COUNT });
  const { runId } = await post(env.APP_PORT!, "/push", setup);
  expect(runId).toBeTruthy();

  await waitFor("some invoices at the ERP", async () => (erp!.created.size >= Math.min(40, COUNT / 5) ? true : null), 240_000).catch(async (e: Error) => {
    throw new Error(`${e.message}: ERP has ${erp!.created.size}, requests ${erp!.requests.length}; ${JSON.stringify((await status(env.APP_PORT!, runId!)).items)}`);
  });
  child.kill("SIGKILL");
  await new Promise((r) => child.once("exit", r));
  const atKill = erp.created.size;
  expect(atKill).toBeLessThan(COUNT);

  child = await startApp(env, SCRIPT);
  children.push(child);
  let last: Status | null = null;
  await waitFor("the run to finish", async () => {
    last = await status(env.APP_PORT!, runId!);
    return last.run && (last.run.status === "COMPLETED" || last.run.status === "FAILED") ? last : null;
  }, 300_000).catch((e: Error) => {
    throw new Error(`${e.message}: ERP has ${erp!.created.size}/${COUNT} (at kill ${atKill}); items ${JSON.stringify(last?.items)}`);
  });
  const s = last! as Status;
  expect(s.run).toMatchObject({ status: "COMPLETED", total: COUNT, success: COUNT, failed: 0, skipped: 0 });
  expect(s.items).toEqual({ SUCCESS: COUNT });

  // The receiver: one invoice per document, keyed (document, connector, version 1).
  expect(erp.created.size).toBe(COUNT);
  const keys = new Set([...erp.created.keys()]);
  expect(s.docs.every((d) => keys.has(`${d.id}:${setup.connectorId}:1`))).toBe(true);
  expect(erp.requests.filter((r) => r.method === "POST").length).toBeGreaterThanOrEqual(COUNT); // a few sent twice around the crash
  const invoiceByKey = new Map([...erp.created.values()].map((i) => [i.key, i.id]));

  // The logs: exactly one SUCCESS row per document, agreeing with the document and the ERP.
  const success = s.logs.filter((l) => l.status === "SUCCESS");
  expect(success).toHaveLength(COUNT);
  expect(new Set(success.map((l) => l.documentId)).size).toBe(COUNT);
  const docs = new Map(s.docs.map((d) => [d.id, d]));
  for (const l of success) {
    expect(docs.get(l.documentId)).toMatchObject({ externalSystemId: l.externalId, exportedVersion: 1 });
    expect(invoiceByKey.get(l.idempotencyKey)).toBe(l.externalId);
  }
  child.kill("SIGKILL");
});
