/**
 * Fast, safe recovery after faults, on a private PostgreSQL server (own-postgres.ts: the machine's
 * shared server is never stopped), with the app's real document pipeline in a child process
 * (support/pipeline-app.ts) and the default 6-minute lease — recovery must not wait it out:
 * - kill -9 of the app during 20 uploads → every accepted document done within 30 s of the restart;
 * - PostgreSQL restarted mid-load → in-flight work resumes within 30 s of the database being back;
 *   meanwhile tRPC, /api/v1 and uploads answer 503 + Retry-After in Spanish;
 * nothing lost, no duplicate webhook deliveries with distinct ids, no unhandled rejections, and an
 * outage logged once by the engine (not once per tick).
 */
import { spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateInvoice, type GeneratedInvoice } from "../corpus/generate";
import { createOwnPostgres, type OwnPostgres } from "../support/own-postgres";
import { freePort } from "./harness";
import { eventUrl, startApp, waitFor } from "./support/app-process";

const SCRIPT = "test/engine/support/pipeline-app.ts";
const DOCS = 20;
const children: ChildProcess[] = [];
let pg: OwnPostgres;
let receiver: { server: Server; url: string; deliveries: { id: string; documentoId: string }[] };
let invoices: GeneratedInvoice[];

beforeAll(async () => {
  pg = createOwnPostgres(Number(process.env.OWN_PG_PORT ?? (await freePort())));
  const migrate = spawnSync(process.execPath, ["--import", "tsx", "scripts/db.ts", "deploy"], { env: { ...process.env, DATABASE_URL: pg.url }, encoding: "utf8" });
  if (migrate.status !== 0) throw new Error(`migrations failed: ${migrate.stderr}`);
  const deliveries: { id: string; documentoId: string }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString()) as { data?: { documentoId?: string }; documentoId?: string };
      deliveries.push({ id: String(req.headers["webhook-id"]), documentoId: String(body.data?.documentoId ?? body.documentoId) });
      res.writeHead(204).end();
    });
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  receiver = { server, url: `http://127.0.0.1:${port}/hook`, deliveries };
  invoices = await Promise.all(Array.from({ length: DOCS }, (_, i) => generateInvoice({ seed: 7000 + i, format: "pdf-qr", tipoCodigo: 1 })));
}, 120_000);

afterAll(async () => {
  children.forEach((c) => c.kill("SIGKILL"));
  await new Promise((r) => receiver?.server.close(r));
  pg?.destroy();
});

async function appEnv() {
  const port = await freePort();
  return {
    ...process.env,
    DATABASE_URL: pg.url,
    DATA_DIR: mkdtempSync(join(tmpdir(), "contaflow-recovery-")),
    APP_PORT: String(port),
    APP_URL: `http://127.0.0.1:${port}`,
    INNGEST_ENGINE_PORT: String(await freePort()),
    OUTBOUND_ALLOWLIST: "127.0.0.1",
    SIGN_UP_MAX_ATTEMPTS: "1000",
    LOG_LEVEL: "info",
  } as NodeJS.ProcessEnv & { APP_PORT: string };
}

/** The child's log from now on (JSON lines). */
function capture(child: ChildProcess) {
  const lines: string[] = [];
  let rest = "";
  const on = (d: Buffer) => {
    const parts = (rest + d.toString()).split("\n");
    rest = parts.pop()!;
    lines.push(...parts);
  };
  child.stdout!.on("data", on);
  child.stderr!.on("data", on);
  return lines;
}

const peer = () => ({ [process.env.CONTAFLOW_PEER_HEADER!]: "198.51.100.9" });
async function signUpOn(base: string): Promise<{ cookie: string; email: string }> {
  const email = `falla-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const post = (path: string, body: unknown) => fetch(`${base}/api/auth${path}`, { method: "POST", headers: { "content-type": "application/json", origin: base, ...peer() }, body: JSON.stringify(body) });
  expect((await post("/sign-up/email", { email, password: "clave-segura-1", name: "Falla" })).ok).toBe(true);
  const signIn = await post("/sign-in/email", { email, password: "clave-segura-1" });
  expect(signIn.ok).toBe(true);
  return { cookie: signIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; "), email };
}

type Session = { base: string; cookie: string; tenantId: string };
async function setUp(base: string): Promise<Session> {
  const { cookie, email } = await signUpOn(base);
  const res = await fetch(`${base}/setup`, { method: "POST", body: JSON.stringify({ email, url: receiver.url }) });
  const { tenantId } = (await res.json()) as { tenantId: string };
  return { base, cookie, tenantId };
}

async function upload(s: Session, file: GeneratedInvoice): Promise<Response> {
  const form = new FormData();
  form.append("file", new Blob([file.bytes as Uint8Array<ArrayBuffer>]), file.fileName);
  return fetch(`${s.base}/api/documents/upload`, { method: "POST", body: form, headers: { cookie: s.cookie, "x-tenant-id": s.tenantId, ...peer() } });
}

/** Uploads every file (`parallel` at a time); `onAccepted` after each 201. Failures are not accepted. */
async function uploadAll(s: Session, files: GeneratedInvoice[], parallel: number, onAccepted: (n: number) => void = () => undefined) {
  const accepted = new Map<GeneratedInvoice, string>();
  const refused: { file: GeneratedInvoice; status: number; retryAfter: string | null; body: string }[] = [];
  const queue = [...files];
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let file = queue.shift(); file; file = queue.shift()) {
        try {
          const res = await upload(s, file);
          if (res.status === 201) {
            accepted.set(file, ((await res.json()) as { document: { id: string } }).document.id);
            onAccepted(accepted.size);
          } else refused.push({ file, status: res.status, retryAfter: res.headers.get("retry-after"), body: await res.text() });
        } catch {
          refused.push({ file, status: 0, retryAfter: null, body: "connection lost" });
        }
      }
    }),
  );
  return { accepted, refused };
}

async function documents(s: Session) {
  const res = await fetch(`${s.base}/status?tenantId=${s.tenantId}`);
  if (!res.ok) return null;
  return (await res.json()) as { id: string; status: string }[];
}

async function allDone(s: Session, ids: string[], within: number) {
  let last: { id: string; status: string }[] | null = null;
  return waitFor(`${ids.length} documents to be COMPLETED`, async () => {
    const rows = await documents(s);
    last = rows ?? last;
    const done = new Set(rows?.filter((r) => r.status === "COMPLETED").map((r) => r.id));
    return ids.every((id) => done.has(id)) ? rows : null;
  }, within).catch((e: unknown) => {
    const states = (last ?? []).filter((r) => ids.includes(r.id)).map((r) => r.status);
    const counts: Record<string, number> = {};
    for (const state of states) counts[state] = (counts[state] ?? 0) + 1;
    throw new Error(`${(e as Error).message}; states: ${JSON.stringify(counts)} of ${ids.length}`);
  });
}

/** Every document delivered by webhook, each one under a single webhook-id (re-sends keep the id). */
async function deliveredOnce(ids: string[]) {
  await waitFor("a document.processed delivery per document", async () => (ids.every((id) => receiver.deliveries.some((d) => d.documentoId === id)) ? true : null), 30_000);
  for (const id of ids) expect(new Set(receiver.deliveries.filter((d) => d.documentoId === id).map((d) => d.id)).size, `webhook ids of ${id}`).toBe(1);
}

async function health(base: string) {
  return (await (await fetch(`${base}/health`)).json()) as { unhandledRejections: string[]; uncaughtExceptions: string[] };
}

describe("recovery after faults (own PostgreSQL, real document pipeline)", () => {
  it("kill -9 of the app during 20 uploads: every accepted document is done within 30 s of the restart", { timeout: 150_000 }, async () => {
    const env = await appEnv();
    let child = await startApp(env, SCRIPT);
    children.push(child);
    const s = await setUp(env.APP_URL!);
    const killed = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const { accepted } = await uploadAll(s, invoices, 4, (n) => {
      if (n === 8) child.kill("SIGKILL");
    });
    await killed;
    expect(accepted.size).toBeGreaterThanOrEqual(8);
    expect(accepted.size).toBeLessThan(DOCS);

    child = await startApp(env, SCRIPT);
    children.push(child);
    const restartedAt = Date.now();
    await allDone(s, [...accepted.values()], 30_000);
    expect(Date.now() - restartedAt).toBeLessThan(30_000);

    // The client retries what was not accepted; nothing is lost or doubled.
    const rest = invoices.filter((f) => !accepted.has(f));
    const retried = await Promise.all(rest.map(async (f) => ((await (await upload(s, f)).json()) as { document: { id: string } }).document.id));
    const ids = [...accepted.values(), ...retried];
    expect(new Set(ids).size).toBe(DOCS);
    const rows = await allDone(s, ids, 45_000); // the retried uploads: no fault, just a loaded machine
    expect(rows).toHaveLength(DOCS);
    await deliveredOnce(ids);
    expect(await health(env.APP_URL!)).toEqual({ unhandledRejections: [], uncaughtExceptions: [] });
    child.kill("SIGKILL");
  });

  it("PostgreSQL restarted mid-load: 503 + Retry-After while down, in-flight work resumes within 30 s, outage logged once", { timeout: 150_000 }, async () => {
    const env = await appEnv();
    const child = await startApp(env, SCRIPT);
    children.push(child);
    const log = capture(child);
    const s = await setUp(env.APP_URL!);

    let stopped!: () => void;
    const down = new Promise<void>((r) => (stopped = r));
    const load = uploadAll(s, invoices, 3, (n) => {
      if (n === 6) {
        pg.stop("fast");
        stopped();
      }
    });
    await down;

    // While it is down: tRPC, the public API and uploads say so, in Spanish, with Retry-After.
    const trpc = await fetch(`${s.base}/api/trpc/documents.list?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`, { headers: { cookie: s.cookie, "x-tenant-id": s.tenantId } });
    expect(trpc.status).toBe(503);
    expect(Number(trpc.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await trpc.json()) as { error: { json: { message: string } } }).error.json.message).toMatch(/base de datos no está disponible/);
    const api = await fetch(`${s.base}/api/v1/documents`, { headers: { authorization: "Bearer token-cualquiera" } });
    expect(api.status).toBe(503);
    expect(api.headers.get("content-type")).toBe("application/problem+json");
    expect(Number(api.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await api.json()).toMatchObject({ status: 503, code: "UNAVAILABLE", detail: expect.stringMatching(/base de datos no está disponible/) });
    // The engine's Event API too (the SDK retries a 503), instead of a 500 logged per request.
    const engineEvent = await fetch(eventUrl(env), { method: "POST", body: JSON.stringify({ name: "test/outage", data: {} }) });
    expect(engineEvent.status).toBe(503);
    expect(Number(engineEvent.headers.get("retry-after"))).toBeGreaterThan(0);
    const { accepted, refused } = await load;
    expect(refused.length).toBeGreaterThan(0);
    const routeErrors = () => log.filter((l) => l.includes("route failed")).map((l) => l.slice(0, 2000)).join("\n");
    for (const r of refused) expect([r.status, Number(r.retryAfter) > 0], `${r.body}\n${routeErrors()}`).toEqual([503, true]);

    await new Promise((r) => setTimeout(r, 8_000)); // a real outage: long enough for backoff to reach its ceiling
    pg.start();
    const upAt = Date.now();
    await allDone(s, [...accepted.values()], 30_000);
    expect(Date.now() - upAt).toBeLessThan(30_000);
    // Up again: the same public API call is an ordinary 401.
    expect((await fetch(`${s.base}/api/v1/documents`, { headers: { authorization: "Bearer token-cualquiera" } })).status).toBe(401);

    const retried = await Promise.all(refused.map(async ({ file }) => ((await (await upload(s, file)).json()) as { document: { id: string } }).document.id));
    const ids = [...accepted.values(), ...retried];
    expect(new Set(ids).size).toBe(DOCS);
    expect(await allDone(s, ids, 45_000)).toHaveLength(DOCS); // the retried uploads: no fault, just a loaded machine
    await deliveredOnce(ids);
    expect(await health(env.APP_URL!)).toEqual({ unhandledRejections: [], uncaughtExceptions: [] });
    // The whole app, not only the engine: a handful of warnings for the outage, not a flood.
    const warnings = log.filter((l) => /"level":(40|50|60)/.test(l));
    expect(warnings.length, warnings.map((l) => l.slice(0, 300)).join("\n")).toBeLessThanOrEqual(5);
    const engineLines = log.filter((l) => l.includes("inngest engine: database") || l.includes("engine tick failed") || l.includes("engine step failed"));
    expect(engineLines.filter((l) => l.includes("unreachable")).length, engineLines.join("\n")).toBeGreaterThanOrEqual(1);
    expect(engineLines.length, engineLines.join("\n")).toBeLessThanOrEqual(4);
    child.kill("SIGKILL");
  });
});
