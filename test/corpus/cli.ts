/**
 * Writes sample invoices (with their truth as JSON) to a folder, e.g. for e2e uploads:
 *   npx tsx test/corpus/cli.ts /tmp/facturas [--qr 3] [--text 1] [--images 1] [--malformed] [--hostile] [--seed 1000]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generateInvoice, hostileFiles, MALFORMED_QR_VARIANTS, standardSpecs } from "./generate";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main() {
  const out = process.argv[2];
  if (!out || out.startsWith("--")) {
    console.error("uso: tsx test/corpus/cli.ts <carpeta> [--qr N] [--text N] [--images N] [--malformed] [--hostile] [--seed N]");
    process.exit(2);
  }
  mkdirSync(out, { recursive: true });
  const specs = standardSpecs({ qrPdfs: arg("qr", 3), textPdfs: arg("text", 1), images: arg("images", 1), seed: arg("seed", 1000) });
  if (process.argv.includes("--malformed")) {
    MALFORMED_QR_VARIANTS.forEach((v, i) => specs.push({ seed: 3000 + i, format: "pdf-qr", qrVariant: v.variant }));
  }
  const written: string[] = [];
  for (const spec of specs) {
    const g = await generateInvoice(spec);
    writeFileSync(path.join(out, g.fileName), g.bytes);
    writeFileSync(path.join(out, `${g.fileName}.json`), JSON.stringify({ truth: g.truth, spec: g.spec, qrText: g.qrText }, null, 2));
    written.push(g.fileName);
  }
  if (process.argv.includes("--hostile")) {
    const dir = path.join(out, "hostiles");
    mkdirSync(dir, { recursive: true });
    for (const h of await hostileFiles()) {
      writeFileSync(path.join(dir, h.fileName.replace(/^/, `${h.name.replace(/[^a-z0-9]+/gi, "-").toLowerCase()}__`)), h.bytes);
    }
  }
  console.log(`${written.length} facturas escritas en ${out}`);
  for (const f of written) console.log(`  ${f}`);
}

void main();
