/**
 * Nothing is lost when many files are uploaded at once: the upload route called concurrently over
 * real HTTP (as the /parse tray does, one multipart request per file) — 4 at once twice in a row,
 * 8 at once, and a batch holding the same bytes twice — ends with exactly one document per
 * distinct file, every answer names a document that exists, and every document's parse ends.
 * (An earlier e2e run saw the fourth of four files without a document; this guards that path.)
 */
import { engineReady } from "./support/engine-first";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { generateInvoice } from "../corpus/generate";
import { startApiServer } from "../public-api/support/api-server";
import { settledDocument } from "../support/factories";
import { signedUpOwner } from "../support/http";

let engine: Awaited<typeof engineReady>;
let server: Awaited<ReturnType<typeof startApiServer>>;
let cookie: string;
let tenantId: string;

beforeAll(async () => {
  engine = await engineReady;
  server = await startApiServer(["api/documents"]);
  ({ cookie, tenantId } = await signedUpOwner("lote", "Estudio Lote"));
}, 60_000);
afterAll(async () => {
  await server?.close();
  await engine?.stop();
});

type Answer = { status: number; body: { document?: { id: string; fileName: string }; duplicate?: boolean; error?: { message: string } } };

async function upload(bytes: Uint8Array, fileName: string): Promise<Answer> {
  const form = new FormData();
  form.append("file", new Blob([bytes as Uint8Array<ArrayBuffer>], { type: "application/pdf" }), fileName);
  const res = await fetch(`${server.url}/api/documents/upload`, { method: "POST", body: form, headers: { cookie, "x-tenant-id": tenantId } });
  return { status: res.status, body: (await res.json()) as Answer["body"] };
}

let nextSeed = 9300;
async function invoices(n: number) {
  return Promise.all(Array.from({ length: n }, (_, i) => generateInvoice({ seed: nextSeed++, format: "pdf-qr", tipoCodigo: 1 }).then((d) => ({ name: `lote-${nextSeed}-${i}.pdf`, bytes: d.bytes }))));
}

/** Uploads all at once; every answer is 201 with its own new document, which exists with that file name. */
async function uploadAllAtOnce(files: { name: string; bytes: Uint8Array }[]) {
  const answers = await Promise.all(files.map((f) => upload(f.bytes, f.name)));
  for (const [i, a] of answers.entries()) {
    expect(a, files[i]!.name).toMatchObject({ status: 201, body: { duplicate: false, document: { fileName: files[i]!.name } } });
  }
  const ids = answers.map((a) => a.body.document!.id);
  expect(new Set(ids).size).toBe(files.length);
  const rows = await db().document.findMany({ where: { tenantId, id: { in: ids } } });
  expect(rows.map((r) => r.fileName).sort()).toEqual(files.map((f) => f.name).sort());
  return ids;
}

describe("many uploads at once", () => {
  it("4 at once, twice in a row, then 8 at once: one document per file, each parsed", async () => {
    const ids: string[] = [];
    for (const n of [4, 4, 8]) ids.push(...(await uploadAllAtOnce(await invoices(n))));
    expect(await db().document.count({ where: { tenantId } })).toBe(16);
    for (const id of ids) expect((await settledDocument(id, { timeoutMs: 150_000, everyMs: 200 })).status).toBe("COMPLETED");
  }, 300_000);

  it("the same bytes twice in one batch: one document, both answers name it", async () => {
    const before = await db().document.count({ where: { tenantId } });
    const [a, b, c] = await invoices(3);
    const answers = await Promise.all([upload(a!.bytes, a!.name), upload(b!.bytes, b!.name), upload(a!.bytes, "otra-copia.pdf"), upload(c!.bytes, c!.name)]);
    expect(answers.map((x) => x.status).sort()).toEqual([200, 201, 201, 201]);
    const sameA = [answers[0]!, answers[2]!];
    expect(sameA.map((x) => x.body.duplicate).sort()).toEqual([false, true]);
    expect(sameA[0]!.body.document!.id).toBe(sameA[1]!.body.document!.id);
    expect(await db().document.count({ where: { tenantId } })).toBe(before + 3);
    for (const x of answers) expect(await db().document.findUnique({ where: { id: x.body.document!.id } })).not.toBeNull();
  }, 120_000);
});
