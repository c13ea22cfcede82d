/**
 * Deflate bombs: several distinct ones uploaded at once through the HTTP route each end FAILED
 * with a clear reason, the server keeps answering, and its memory returns to the baseline.
 * Plain bombs are refused by the decompression cap (stream-guard.mjs); hex-wrapped ones slip past
 * that scan and are stopped by the worker's memory ceiling (worker-pool.ts, prlimit --data).
 */
import { engineReady } from "../documents/support/engine-first";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseInvoice } from "@/server/parsing/parse-invoice";
import { diedOfMemory, workerCommand, workerPids } from "@/server/parsing/worker-pool";
import { readFileSync } from "node:fs";
import { generateInvoice } from "../corpus/generate";
import { startApiServer } from "../public-api/support/api-server";
import { settledDocument } from "../support/factories";
import { signedUpOwner } from "../support/http";
import { deflateBombPdf, hexWrappedBombPdf } from "./support/deflate-bomb";

let engine: Awaited<typeof engineReady>;
let server: Awaited<ReturnType<typeof startApiServer>>;
let cookie: string;
let tenantId: string;

beforeAll(async () => {
  engine = await engineReady;
  server = await startApiServer(["api/documents", "api/v1"]);
  ({ cookie, tenantId } = await signedUpOwner("bombas", "Estudio Bombas"));
}, 60_000);
afterAll(async () => {
  await server?.close();
  await engine?.stop();
});

const rssMb = () => process.memoryUsage().rss / 1048576;
const childRssMb = (pid: number) => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;
  } catch {
    return 0;
  }
};

async function upload(bytes: Uint8Array, fileName: string) {
  const form = new FormData();
  form.append("file", new Blob([bytes as Uint8Array<ArrayBuffer>], { type: "application/pdf" }), fileName);
  const res = await fetch(`${server.url}/api/documents/upload`, { method: "POST", body: form, headers: { cookie, "x-tenant-id": tenantId } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { document: { id: string } }).document.id;
}

const settled = (id: string) => settledDocument(id, { timeoutMs: 150_000, everyMs: 200 });

describe("parsing under a memory ceiling", () => {
  it("runs the parse workers under prlimit --data", () => {
    const { cmd, args, memoryCapped } = workerCommand();
    expect(memoryCapped).toBe(true);
    expect(cmd).toMatch(/prlimit$/);
    expect(args[0]).toMatch(/^--data=\d+$/);
  });

  it("a worker that died of memory in any of its ways is told apart from another crash", () => {
    for (const signal of ["SIGABRT", "SIGSEGV", "SIGBUS", "SIGTRAP", "SIGILL"] as const) expect(diedOfMemory(null, signal, "")).toBe(true);
    expect(diedOfMemory(134, null, "")).toBe(true);
    expect(diedOfMemory(1, null, "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory")).toBe(true);
    expect(diedOfMemory(1, null, "TypeError: x is not a function")).toBe(false);
    expect(diedOfMemory(null, "SIGTERM", "")).toBe(false);
  });

  it("a bomb the decompression scan cannot see is stopped by the memory ceiling", async () => {
    await expect(parseInvoice(hexWrappedBombPdf(77), "bomba-hex.pdf")).rejects.toMatchObject({ reason: "TOO_LARGE", message: expect.stringMatching(/demasiada memoria/) });
  }, 120_000);

  it("several distinct bombs at once: each FAILED with a clear reason, the server answers, memory returns to baseline", async () => {
    // The test's own bytes first, then the baseline after a normal parse (workers up, code loaded).
    const bombs = [deflateBombPdf(1), deflateBombPdf(2), hexWrappedBombPdf(3), hexWrappedBombPdf(4)];
    const normal = await generateInvoice({ seed: 4242, format: "pdf-qr", tipoCodigo: 1 });
    expect((await settled(await upload(normal.bytes, normal.fileName))).status).toBe("COMPLETED");
    const baseline = rssMb();

    expect(new Set(bombs.map((b) => Buffer.from(b).toString("base64").slice(-200))).size).toBe(4);
    const ids = await Promise.all(bombs.map((b, i) => upload(b, `bomba-${i}.pdf`)));

    // The server answers throughout: an API call every 250 ms while the bombs are parsed.
    const latencies: number[] = [];
    let done = false;
    const probe = (async () => {
      while (!done) {
        const t0 = Date.now();
        const res = await fetch(`${server.url}/api/v1/openapi.json`);
        expect(res.status).toBe(200);
        await res.arrayBuffer();
        latencies.push(Date.now() - t0);
        await new Promise((r) => setTimeout(r, 250));
      }
    })();
    const rows = await Promise.all(ids.map((id) => settled(id)));
    done = true;
    await probe;

    for (const row of rows) {
      expect(row.status).toBe("FAILED");
      expect(row.error).toMatch(/se expande a más de \d+ MB|demasiada memoria/);
    }
    expect(latencies.length).toBeGreaterThan(0);
    expect(Math.max(...latencies)).toBeLessThan(3000);
    await new Promise((r) => setTimeout(r, 1000));
    // Each bomb expands to more than 133 MB: one kept in this process would show. A fixed margin,
    // not a ratio, so code loaded lazily by the pipeline (event fan-out, representations) fits.
    expect(rssMb()).toBeLessThan(baseline + 100);
    // Workers that needed a lot were replaced: none keeps the bomb's memory.
    for (const pid of workerPids()) expect(childRssMb(pid)).toBeLessThan(600);
  }, 240_000);
});
