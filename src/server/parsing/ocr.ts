import "server-only";
import { spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import type { OcrPageWords } from "@/lib/documents/positions";
import { ParseFailure } from "./failure";
import type { FileKind } from "./inspect";
import { MAX_TEXT_CHARS, PARSE_LIMITS } from "./limits";
import type { StageResult } from "./stage";
import { imageGeometry } from "./image-geometry";
import { ocrUpright, type PixelWord, type Recognized } from "./ocr-page";
import { checkTipoLetter } from "./ocr-tipo";
import { extractFieldsFromLines } from "./text-rules";
import { runInWorker } from "./worker-pool";

/**
 * OCR, fully offline. Debian's `tesseract` CLI (+ tesseract-ocr-spa) when installed: about twice
 * as fast, one process per page with OMP_THREAD_LIMIT=1 and a kill on timeout. Otherwise
 * tesseract.js with the Spanish traineddata shipped in `@tesseract.js-data/spa`. Every page is
 * turned upright (and a small image upscaled) before its OCR: ocr-page.ts.
 */
export type OcrEngine = "cli" | "js";

let engineCache: OcrEngine | null = null;
let osdCache = false;
export function ocrEngine(): OcrEngine {
  if (engineCache) return engineCache;
  let langs = "";
  try {
    const r = spawnSync("tesseract", ["--list-langs"], { encoding: "utf8", timeout: 5000 });
    if (r.status === 0) langs = `${r.stdout}${r.stderr}`;
  } catch {
    // no tesseract CLI
  }
  const forced = process.env.PARSE_OCR_ENGINE;
  engineCache = forced === "cli" || forced === "js" ? forced : /\bspa\b/.test(langs) ? "cli" : "js";
  // orientation detection needs Debian's tesseract-ocr-osd (tesseract.js ships no osd data)
  osdCache = engineCache === "cli" && /\bosd\b/.test(langs);
  return engineCache;
}

/** Tesseract OSD (page orientation) is available: the CLI engine with `osd` traineddata. */
export function osdAvailable(): boolean {
  ocrEngine();
  return osdCache;
}

/** Stdout kept: text plus the TSV of every word (~60 bytes each). */
const MAX_CLI_OUTPUT = 4 * MAX_TEXT_CHARS + 2_000_000;

/**
 * `tesseract … txt tsv` prints both to stdout: TSV rows (12 tab-separated columns; level 5 = a word)
 * and the plain text (no tabs). One run gives the text exactly as before plus the word boxes.
 */
export function splitCliOutput(out: string): Recognized {
  const text: string[] = [];
  const words: PixelWord[] = [];
  for (const row of out.split("\n")) {
    const c = row.split("\t");
    if (c.length !== 12) {
      text.push(row);
      continue;
    }
    if (c[0] !== "5" || !c[11]!.trim()) continue;
    const [left, top, width, height] = c.slice(6, 10).map(Number) as [number, number, number, number];
    words.push({ s: c[11]!.trim(), l: Number(c[2]) * 10_000 + Number(c[3]) * 100 + Number(c[4]), left, top, width, height });
  }
  return { text: text.join("\n"), words };
}

function ocrCli(png: Uint8Array, timeoutMs: number): Promise<Recognized> {
  return new Promise((resolve, reject) => {
    const child = spawn("tesseract", ["stdin", "stdout", "-l", "spa", "--psm", "6", "txt", "tsv"], {
      env: { ...process.env, OMP_THREAD_LIMIT: "1" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new ParseFailure("TIMEOUT", "El reconocimiento de texto (OCR) tardó demasiado"));
    }, timeoutMs);
    child.stdout.on("data", (d: Buffer) => {
      size += d.length;
      if (size < MAX_CLI_OUTPUT) out.push(d);
    });
    child.stderr.resume();
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(new ParseFailure("OCR_FAILED", `No se pudo ejecutar el OCR (${e.message})`));
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(splitCliOutput(Buffer.concat(out).toString("utf8")));
      else reject(new ParseFailure("OCR_FAILED", "El OCR no pudo leer la imagen"));
    });
    child.stdin.on("error", () => {});
    child.stdin.end(Buffer.from(png));
  });
}

type JsBox = { x0: number; y0: number; x1: number; y1: number };
type JsBlocks = { paragraphs: { lines: { words: { text: string; bbox: JsBox }[] }[] }[] }[];
type TessWorker = { recognize(img: Buffer, opts: object, output: object): Promise<{ data: { text: string; blocks: JsBlocks | null } }>; terminate(): Promise<unknown>; setParameters(p: Record<string, string>): Promise<unknown> };
let jsWorker: Promise<TessWorker> | null = null;

function tesseractJs(): Promise<TessWorker> {
  jsWorker ??= (async () => {
    const require = createRequire(path.join(/*turbopackIgnore: true*/ process.cwd(), "package.json"));
    const { createWorker } = (await import("tesseract.js")) as unknown as { createWorker: (...a: unknown[]) => Promise<TessWorker> };
    const langPath = path.join(path.dirname(require.resolve("@tesseract.js-data/spa/package.json")), "4.0.0_best_int");
    const w = await createWorker("spa", 1, { langPath, gzip: true, cachePath: path.join(os.tmpdir(), "contaflow-tesseract"), logger: () => {} });
    await w.setParameters({ tessedit_pageseg_mode: "6" });
    return w;
  })();
  return jsWorker;
}

function jsWords(blocks: JsBlocks | null): PixelWord[] | null {
  if (!blocks) return null;
  const words: PixelWord[] = [];
  let l = 0;
  for (const b of blocks)
    for (const p of b.paragraphs)
      for (const line of p.lines) {
        l++;
        for (const w of line.words) if (w.text.trim()) words.push({ s: w.text.trim(), l, left: w.bbox.x0, top: w.bbox.y0, width: w.bbox.x1 - w.bbox.x0, height: w.bbox.y1 - w.bbox.y0 });
      }
  return words;
}

async function ocrJs(png: Uint8Array, timeoutMs: number): Promise<Recognized> {
  const w = await tesseractJs();
  let timer: NodeJS.Timeout | undefined;
  try {
    const res = await Promise.race([
      w.recognize(Buffer.from(png), {}, { text: true, blocks: true }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          jsWorker = null;
          void w.terminate();
          reject(new ParseFailure("TIMEOUT", "El reconocimiento de texto (OCR) tardó demasiado"));
        }, timeoutMs);
      }),
    ]);
    return { text: res.data.text, words: jsWords(res.data.blocks) };
  } finally {
    clearTimeout(timer);
  }
}

/** OCR of one page image (PNG or JPEG) → text and word boxes (pixels). */
export function ocrPng(png: Uint8Array, timeoutMs?: number): Promise<Recognized> {
  // tesseract.js is ~2× slower and starts its engine on first use
  return ocrEngine() === "cli" ? ocrCli(png, timeoutMs ?? PARSE_LIMITS.timeouts.ocrPage) : ocrJs(png, timeoutMs ?? PARSE_LIMITS.timeouts.ocrPage * 3);
}

/** Terminates the tesseract.js worker, if any (tests/bench teardown). */
export async function shutdownOcr(): Promise<void> {
  const w = jsWorker;
  jsWorker = null;
  if (w) await (await w).terminate();
}

/** Pages for OCR: an image as uploaded, PDF pages rendered at ~216 dpi. */
async function pageSources(bytes: Uint8Array, kind: FileKind): Promise<Uint8Array[]> {
  if (kind === "image") return [bytes];
  const { pngs } = await runInWorker<{ pngs: Uint8Array[] }>("render", { bytes, maxPages: PARSE_LIMITS.ocrPages, scale: 3 }, PARSE_LIMITS.timeouts.render);
  return pngs;
}

export async function extractOcr(bytes: Uint8Array, kind: FileKind): Promise<StageResult | null> {
  const sources = await pageSources(bytes, kind);
  const texts: string[] = [];
  const pageNotes: string[] = [];
  const ocrWords: OcrPageWords[] = [];
  // an image with an EXIF turn: the browser shows it turned, the decoded pixels may not be — no boxes
  const asShown = kind !== "image" || imageGeometry(bytes)?.asStored === true;
  for (const [i, src] of sources.entries()) {
    const page = await ocrUpright(src, { upscale: kind === "image", recognize: (image) => ocrPng(image), osd: osdAvailable() });
    texts.push(page.text);
    if (asShown && page.words?.length) ocrWords.push({ page: i + 1, turn: page.rotation, words: page.words });
    const where = sources.length > 1 ? `Página ${i + 1}: ` : "";
    if (page.scale > 1.05) pageNotes.push(`${where}imagen de baja resolución ampliada ×${page.scale.toFixed(1)} para el OCR`);
    if (page.rotation) pageNotes.push(`${where}imagen girada ${page.rotation}° antes del OCR (${page.how})`);
  }
  const text = texts.join("\n\f\n");
  const lines = text.split(/\r?\n/).map((l) => l.replace(/\s+$/, "")).filter((l) => l.trim() !== "");
  if (lines.join("").replace(/\s/g, "").length < 20) return null;
  const { fields, meta, notes } = extractFieldsFromLines(lines, "OCR", 0.8);
  const tipoNote = checkTipoLetter(lines, fields, meta);
  return {
    fields,
    meta,
    notes: [`Texto reconocido por OCR (${ocrEngine() === "cli" ? "tesseract" : "tesseract.js"})`, ...pageNotes, ...notes, ...(tipoNote ? [tipoNote] : [])],
    text: text.slice(0, MAX_TEXT_CHARS),
    ...(ocrWords.length ? { positions: { ocr: ocrWords } } : {}),
  };
}
