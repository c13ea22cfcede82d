/**
 * bench/accuracy: field accuracy of the app's parse (scripts/parse.ts pipeline, AI off) on
 *   - the real invoices with hand-verified truth (test/fixtures/real/truth.json),
 *   - the generated corpus (test/corpus/generate.ts: QR PDFs, text PDFs, optionally images).
 * Per field, fully-right documents, and SILENT WRONG (wrong value, not flagged, document not in
 * review). Writes bench/results/accuracy.json.
 *   npx tsx --conditions=react-server bench/accuracy/run.ts [--qr 24] [--text 8] [--images 0] [--verbose]
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { shutdownOcr, shutdownWorkers } from "@/server/parsing";
import { parseLikeApp } from "@/server/parsing/app-parse";
import { formatSummary, loadRealTruth, scoreDoc, summarize, type DocScore, type Truth } from "~/test/corpus/accuracy";
import { generateInvoice, standardSpecs } from "~/test/corpus/generate";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

async function score(file: string, bytes: Uint8Array, truth: Truth): Promise<DocScore> {
  const r = await parseLikeApp(bytes, path.basename(file));
  return scoreDoc(file, truth, r.ok ? r : null);
}

async function main() {
  const verbose = process.argv.includes("--verbose");
  const loadBefore = os.loadavg();
  const t0 = performance.now();
  const real: DocScore[] = [];
  for (const { file, truth } of loadRealTruth()) real.push(await score(file, new Uint8Array(readFileSync(file)), truth));
  const specs = standardSpecs({ qrPdfs: arg("qr", 24), textPdfs: arg("text", 8), images: arg("images", 0), seed: 50_000 });
  const generated: DocScore[] = [];
  for (const spec of specs) {
    const g = await generateInvoice(spec);
    generated.push(await score(g.fileName, g.bytes, g.truth));
  }
  const ms = Math.round(performance.now() - t0);
  const loadAfter = os.loadavg();
  const realSummary = summarize(real);
  const genSummary = summarize(generated);
  console.log(formatSummary("real (test/fixtures/real)", realSummary));
  console.log(formatSummary("\ngenerated (test/corpus/generate)", genSummary));
  if (verbose) {
    for (const s of [...real, ...generated]) if (s.details.length) console.log(`\n${path.basename(s.file)}${s.inReview ? " [revisión]" : ""}\n  ${s.details.join("\n  ")}`);
  }
  const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench/results"], { encoding: "utf8" }).trim() !== "";
  console.log(`\ncommit ${commit}${dirty ? " (+ cambios sin commit)" : ""}, ${os.cpus().length} CPU, load ${loadBefore.map((l) => l.toFixed(2)).join("/")} → ${loadAfter.map((l) => l.toFixed(2)).join("/")}, ${ms} ms`);
  mkdirSync("bench/results", { recursive: true });
  writeFileSync(
    "bench/results/accuracy.json",
    JSON.stringify(
      {
        date: new Date().toISOString(),
        commit: `${commit}${dirty ? "-dirty" : ""}`,
        node: process.version,
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model,
        loadavgBefore: loadBefore,
        loadavgAfter: loadAfter,
        wallMs: ms,
        real: { summary: realSummary, problems: real.filter((s) => s.details.length).map((s) => ({ file: path.relative(process.cwd(), s.file), inReview: s.inReview, details: s.details })) },
        generated: { summary: genSummary, problems: generated.filter((s) => s.details.length).map((s) => ({ file: s.file, inReview: s.inReview, details: s.details })) },
      },
      null,
      2,
    ),
  );
  await shutdownWorkers();
  await shutdownOcr();
}

void main();
