/**
 * Parses invoice files exactly as the app does (same stages and decisions, no database, no AI)
 * and prints the fields with their source and confidence, and the review verdict.
 *   npm run parse -- <files…> [--json]
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { INVOICE_FIELD_NAMES } from "@/lib/documents/fields";
import { shutdownOcr, shutdownWorkers } from "@/server/parsing";
import { parseLikeApp, type AppParse } from "@/server/parsing/app-parse";

function show(file: string, r: AppParse): string {
  const out = [`== ${file}`, `   etapas: ${r.stages.map((s) => `${s.stage}=${s.status}${s.ms ? ` (${s.ms} ms)` : ""}`).join(", ")}`];
  if (!r.ok) {
    out.push(`   FALLÓ (${r.failure.reason}): ${r.failure.message}`);
  } else {
    for (const name of INVOICE_FIELD_NAMES) {
      const v = r.fields[name];
      const m = r.meta[name];
      const value = v == null ? "—" : typeof v === "object" ? JSON.stringify(v) : String(v);
      const flag = m && "flag" in m && m.flag ? `  ⚑ ${String(m.flag)}` : "";
      out.push(`   ${name.padEnd(21)} ${value.padEnd(40)} ${m ? `${m.source} ${m.confidence.toFixed(2)}` : ""}${flag}`);
    }
    for (const i of r.issues) out.push(`   ${i.severity === "error" ? "error" : "aviso"}: ${i.message}`);
    out.push(`   veredicto: ${r.needsReview ? "A REVISIÓN" : "ok (sin revisión)"}`);
  }
  for (const n of r.notes) out.push(`   nota: ${n}`);
  return out.join("\n");
}

async function main() {
  const args = process.argv.slice(2);
  const json = args.includes("--json");
  const files = args.filter((a) => a !== "--json");
  if (!files.length) {
    console.error("uso: npm run parse -- <archivos…> [--json]");
    process.exit(2);
  }
  const results: { file: string; result: AppParse }[] = [];
  for (const file of files) {
    const result = await parseLikeApp(new Uint8Array(readFileSync(file)), path.basename(file));
    if (json) results.push({ file, result });
    else console.log(show(file, result));
  }
  if (json) console.log(JSON.stringify(results, null, 2));
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => Promise.all([shutdownWorkers(), shutdownOcr()]));
