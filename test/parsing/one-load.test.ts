/**
 * The app's first parse step reads inspect + QR + text on ONE document load (readDocument), and
 * gets exactly what the three separate calls it replaces got (inspectFile, extractQr,
 * extractText — one load each): on every real fixture, the generated corpus (both QR styles,
 * malformed QR payloads, text-only PDFs, images, a scan) and the hostile files. Loads are counted
 * by the worker pool from the workers' own replies (pdfLoadCount).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { extractQr, extractText, inspectFile, isParseFailure, pdfLoadCount, readDocument, shutdownOcr, shutdownWorkers, type StageResult } from "@/server/parsing";
import { generateInvoice, hostileFiles, MALFORMED_QR_VARIANTS, standardSpecs } from "~/test/corpus/generate";

afterAll(async () => {
  await shutdownWorkers();
  await shutdownOcr();
});

const REAL_DIR = path.join(process.cwd(), "test/fixtures/real");

function realFixtures(): { name: string; bytes: Uint8Array }[] {
  const out: { name: string; bytes: Uint8Array }[] = [];
  for (const dir of readdirSync(REAL_DIR, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const f of readdirSync(path.join(REAL_DIR, dir.name)).sort()) {
      if (/\.(pdf|png|jpe?g)$/i.test(f)) out.push({ name: `${dir.name}/${f}`, bytes: new Uint8Array(readFileSync(path.join(REAL_DIR, dir.name, f))) });
    }
  }
  return out;
}

type Comparable = { inspect: unknown; qr: unknown; text: unknown };

const outcome = (r: StageResult | null) => (r ? { fields: r.fields, meta: r.meta, notes: r.notes, anchors: r.anchors ?? null, text: r.text ?? null, positions: r.positions ?? null } : null);
const failed = (err: unknown) => (isParseFailure(err) ? { reason: err.reason, message: err.message } : { thrown: String(err) });

async function attempt<T>(fn: () => Promise<T>): Promise<{ ok: T } | { err: unknown }> {
  try {
    return { ok: await fn() };
  } catch (err) {
    return { err: failed(err) };
  }
}

/** The three calls the pipeline used to make (a failed inspect stops the parse). */
async function separately(bytes: Uint8Array, name: string): Promise<Comparable> {
  const info = await attempt(() => inspectFile(bytes, name));
  if (!("ok" in info)) return { inspect: info, qr: null, text: null };
  const qr = await attempt(() => extractQr(bytes, info.ok.kind));
  const text = await attempt(() => extractText(bytes, info.ok.kind));
  return { inspect: info, qr: "ok" in qr ? { ok: outcome(qr.ok) } : qr, text: "ok" in text ? { ok: outcome(text.ok) } : text };
}

async function oneLoad(bytes: Uint8Array, name: string): Promise<Comparable> {
  const read = await attempt(() => readDocument(bytes, name));
  if (!("ok" in read)) return { inspect: read, qr: null, text: null };
  const { kind, mimeType, pageCount, qr, text } = read.ok;
  return {
    inspect: { ok: { kind, mimeType, pageCount } },
    qr: qr.error ? { err: failed(qr.error) } : { ok: outcome(qr.result) },
    text: text.error ? { err: failed(text.error) } : { ok: outcome(text.result) },
  };
}

async function compare(name: string, bytes: Uint8Array) {
  const before = pdfLoadCount();
  const one = await oneLoad(bytes, name);
  const loads = pdfLoadCount() - before;
  const three = await separately(bytes, name);
  expect(one, name).toEqual(three);
  return loads;
}

describe("inspect + QR + text on one document load", () => {
  it("real invoices: the same stage results as three separate calls, one load per PDF", async () => {
    const files = realFixtures();
    expect(files.length).toBeGreaterThan(40);
    for (const f of files) {
      const loads = await compare(f.name, f.bytes);
      expect(loads, f.name).toBe(/\.pdf$/i.test(f.name) ? 1 : 0);
    }
  }, 600_000);

  it("generated corpus and malformed QR payloads: the same results, one load each", async () => {
    const specs = [
      ...standardSpecs({ qrPdfs: 8, textPdfs: 3, images: 2, seed: 4100 }),
      { seed: 4150, format: "pdf-qr" as const, qrStyle: "vector" as const },
      { seed: 4151, format: "pdf-scan" as const },
      ...MALFORMED_QR_VARIANTS.map((v, i) => ({ seed: 4200 + i, format: "pdf-qr" as const, qrVariant: v.variant })),
    ];
    for (const spec of specs) {
      const inv = await generateInvoice(spec);
      const loads = await compare(inv.fileName, inv.bytes);
      expect(loads, inv.fileName).toBe(inv.fileName.endsWith(".pdf") ? 1 : 0);
    }
  }, 600_000);

  it("hostile files fail the same way (the first stage that failed before fails now)", async () => {
    const reason = (c: unknown) => (c && typeof c === "object" && "err" in c ? (c.err as { reason?: string }).reason : "ok");
    for (const h of await hostileFiles()) {
      const one = await oneLoad(h.bytes, h.fileName);
      const three = await separately(h.bytes, h.fileName);
      if (reason(three.inspect) !== "ok" || reason(one.inspect) === "ok") {
        expect(one, h.name).toEqual(three);
      } else {
        // The worker died or ran out of time during the one read: the parse fails with the reason
        // the QR or text call failed with before.
        expect([reason(three.qr), reason(three.text)], h.name).toContain(reason(one.inspect));
      }
    }
  }, 600_000);
});
