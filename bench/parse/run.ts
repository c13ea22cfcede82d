/**
 * bench/parse: invoice parsing throughput (docs/s) and p50/p95 per stage for
 *   - text PDFs with the AFIP QR (embedded PNG and vector-drawn, both layouts),
 *   - text PDFs without a QR,
 *   - scanned-looking images (QR + OCR), and the same images stored turned 90° (orientation + OCR),
 * next to `pdftotext` (poppler-utils) on the same PDFs in the same run, as the floor.
 *   npx tsx --conditions=react-server bench/parse/run.ts [--qr 40] [--noqr 20] [--images 4] [--concurrency 2] [--out bench/results/parse.json]
 * Prints a table and writes the results (with commit, machine and load). Targets: ≥ 10 docs/s
 * for QR PDFs on 2 cores with p95 < 500 ms; OCR < 2 s per page (upright and turned).
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { createCanvas, loadImage } from "@napi-rs/canvas";
import { ocrEngine, parseInvoice, shutdownOcr, shutdownWorkers, warmUp } from "@/server/parsing";
import { generateInvoice, standardSpecs, type GeneratedInvoice } from "~/test/corpus/generate";

const run = promisify(execFile);

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

function pct(values: number[], p: number): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! * 10) / 10;
}

async function pool<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

type GroupResult = {
  group: string;
  docs: number;
  concurrency: number;
  wallMs: number;
  docsPerSec: number;
  /** CPU time of this process (main + worker threads; not child processes such as tesseract) per document. */
  cpuMsPerDoc: number;
  /** CPU time of child processes (the tesseract CLI: OCR and OSD, single-threaded) per document — its wall time on an idle core. */
  childCpuMsPerDoc: number | null;
  /** 2 cores / CPU per document: the throughput two otherwise idle cores would give. */
  projectedDocsPerSec2Cores: number;
  correct: number;
  failures: string[];
  stages: Record<string, { p50: number; p95: number; n: number }>;
  pdftotext?: { docsPerSec: number; p50: number; p95: number; wallMs: number } | null;
};

async function benchGroup(group: string, docs: GeneratedInvoice[], concurrency: number, dir: string): Promise<GroupResult> {
  const timings: Record<string, number[]> = {};
  let correct = 0;
  const c0 = process.cpuUsage();
  const k0 = childCpuMs();
  const t0 = performance.now();
  const failures: string[] = [];
  await pool(docs, concurrency, async (d) => {
    const r = await parseInvoice(d.bytes, d.fileName).catch((e: unknown) => {
      failures.push(`${d.fileName}: ${e instanceof Error ? e.message : String(e)}`);
      return null;
    });
    if (!r) return;
    for (const [k, v] of Object.entries(r.timings)) (timings[k] ??= []).push(v);
    if (r.fields.total === d.truth.total && r.fields.numero === d.truth.numero && r.fields.proveedorCuit === d.truth.proveedorCuit) correct++;
  });
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const cpuMsPerDoc = Math.round(((cpu.user + cpu.system) / 1000 / docs.length) * 10) / 10;
  const k1 = childCpuMs();
  const childCpuMsPerDoc = k0 != null && k1 != null ? Math.round((k1 - k0) / docs.length) : null;
  const stages = Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, { p50: pct(v, 50), p95: pct(v, 95), n: v.length }]));

  let pdftotext: GroupResult["pdftotext"] = null;
  if (docs[0]!.fileName.endsWith(".pdf")) {
    const files = docs.map((d, i) => {
      const f = path.join(dir, `${group}-${i}.pdf`);
      writeFileSync(f, d.bytes);
      return f;
    });
    const per: number[] = [];
    const p0 = performance.now();
    await pool(files, concurrency, async (f) => {
      const s = performance.now();
      await run("pdftotext", ["-layout", f, "-"], { maxBuffer: 16 * 1024 * 1024 });
      per.push(performance.now() - s);
    });
    const w = performance.now() - p0;
    pdftotext = { docsPerSec: Math.round((files.length / (w / 1000)) * 10) / 10, p50: pct(per, 50), p95: pct(per, 95), wallMs: Math.round(w) };
  }
  return { group, docs: docs.length, concurrency, wallMs: Math.round(wallMs), docsPerSec: Math.round((docs.length / (wallMs / 1000)) * 10) / 10, cpuMsPerDoc, childCpuMsPerDoc, projectedDocsPerSec2Cores: Math.round((2000 / cpuMsPerDoc) * 10) / 10, correct, failures, stages, pdftotext };
}

/** The same generated image stored turned 90° clockwise (as a phone that ignores EXIF would). */
async function turned90(d: GeneratedInvoice): Promise<GeneratedInvoice> {
  const img = await loadImage(Buffer.from(d.bytes));
  const c = createCanvas(img.height, img.width);
  const ctx = c.getContext("2d");
  ctx.translate(c.width / 2, c.height / 2);
  ctx.rotate(Math.PI / 2);
  ctx.drawImage(img, -img.width / 2, -img.height / 2);
  return { ...d, bytes: new Uint8Array(await c.encode("jpeg", 85)), fileName: d.fileName.replace(/\.\w+$/, "_girada.jpg") };
}

/** CPU ms of waited-for child processes (Linux /proc: cutime + cstime), null elsewhere. */
function childCpuMs(): number | null {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // fields 16 and 17 of stat(5), counted after the ")" of the command name
    return ((Number(f[13]) + Number(f[14])) * 1000) / 100;
  } catch {
    return null;
  }
}

function gitCommit(): string | null {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  } catch {
    return null;
  }
}

async function main() {
  const concurrency = arg("concurrency", 2);
  const nQr = arg("qr", 40);
  const nNoQr = arg("noqr", 20);
  const nImages = arg("images", 4);
  const dir = mkdtempSync(path.join(os.tmpdir(), "contaflow-bench-parse-"));

  const gen = async (specs: ReturnType<typeof standardSpecs>) => Promise.all(specs.map((s) => generateInvoice(s)));
  const qrDocs = await gen(standardSpecs({ qrPdfs: nQr, textPdfs: 0, images: 0, seed: 20_000 }));
  const noQrDocs = await gen(standardSpecs({ qrPdfs: 0, textPdfs: nNoQr, images: 0, seed: 30_000 }));
  const imageDocs = await gen(standardSpecs({ qrPdfs: 0, textPdfs: 0, images: nImages, seed: 40_000 }));

  const loadBefore = os.loadavg();
  const tw = performance.now();
  await warmUp();
  // one throwaway parse per kind: JIT, fonts, OCR engine start
  await parseInvoice(qrDocs[0]!.bytes, qrDocs[0]!.fileName).catch((e: unknown) => console.warn("warm-up:", e));
  await parseInvoice(imageDocs[0]!.bytes, imageDocs[0]!.fileName).catch((e: unknown) => console.warn("warm-up:", e));
  const warmMs = Math.round(performance.now() - tw);

  const results: GroupResult[] = [];
  results.push(await benchGroup("pdf-qr", qrDocs, concurrency, dir));
  results.push(await benchGroup("pdf-sin-qr", noQrDocs, concurrency, dir));
  results.push(await benchGroup("imagen-ocr", imageDocs, 1, dir));
  results.push(await benchGroup("imagen-girada-90", await Promise.all(imageDocs.map(turned90)), 1, dir));
  const loadAfter = os.loadavg();

  console.log(`\nbench/parse — ${os.cpus().length} CPU (${os.cpus()[0]?.model}), load ${loadBefore.map((l) => l.toFixed(2)).join("/")} → ${loadAfter.map((l) => l.toFixed(2)).join("/")}, OCR: ${ocrEngine()}, warm-up ${warmMs} ms`);
  for (const r of results) {
    console.log(`\n${r.group}: ${r.docs} docs, concurrency ${r.concurrency}: ${r.docsPerSec} docs/s (${r.wallMs} ms), correct ${r.correct}/${r.docs}; CPU ${r.cpuMsPerDoc} ms/doc → ${r.projectedDocsPerSec2Cores} docs/s on 2 idle cores${r.childCpuMsPerDoc ? `; tesseract CPU ${r.childCpuMsPerDoc} ms/doc` : ""}`);
    if (r.failures.length) console.log(`  FAILED: ${r.failures.join("; ")}`);
    for (const [k, v] of Object.entries(r.stages)) console.log(`  ${k.padEnd(9)} p50 ${String(v.p50).padStart(7)} ms   p95 ${String(v.p95).padStart(7)} ms   (n=${v.n})`);
    if (r.pdftotext) console.log(`  pdftotext floor: ${r.pdftotext.docsPerSec} docs/s, p50 ${r.pdftotext.p50} ms, p95 ${r.pdftotext.p95} ms`);
  }
  const qr = results[0]!;
  const img = results[2]!;
  const turned = results[3]!;
  const targets = {
    qrDocsPerSec: { target: 10, value: qr.docsPerSec, met: qr.docsPerSec >= 10, projectedOnIdle2Cores: qr.projectedDocsPerSec2Cores },
    qrP95Ms: { target: 500, value: qr.stages.total?.p95, met: (qr.stages.total?.p95 ?? Infinity) < 500 },
    ocrPerPageMs: { target: 2000, value: img.stages.ocr?.p50, met: (img.stages.ocr?.p50 ?? Infinity) < 2000 },
    ocrTurnedPerPageMs: { target: 2000, value: turned.stages.ocr?.p50, met: (turned.stages.ocr?.p50 ?? Infinity) < 2000 },
  };
  console.log(`\ntargets: ${JSON.stringify(targets)}`);
  const out = process.argv.includes("--out") ? process.argv[process.argv.indexOf("--out") + 1]! : "bench/results/parse.json";
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(
    out,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        commit: gitCommit(),
        node: process.version,
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model,
        loadavgBefore: loadBefore,
        loadavgAfter: loadAfter,
        ocrEngine: ocrEngine(),
        workers: Number(process.env.PARSE_WORKERS ?? 0) || os.availableParallelism(),
        warmUpMs: warmMs,
        results,
        targets,
      },
      null,
      2,
    ),
  );
  await shutdownWorkers();
  await shutdownOcr();
}

void main();
