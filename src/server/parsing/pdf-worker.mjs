// Worker thread for everything that touches untrusted file bytes with native/wasm code:
// pdf.js (open, text layer, render), @napi-rs/canvas and the zxing-wasm decoder.
// Runs under worker_threads with resourceLimits; the parent terminates it on timeout, so a hostile
// file can cost at most one worker, never the server. Plain JS on purpose: it is loaded by Node
// directly (no bundler, no TS loader) in the app, in tests and in the bench.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parentPort } from "node:worker_threads";
import { imageHandlers } from "./image-prep.mjs";

// A child process (worker-pool.ts, under a memory ceiling) talks over IPC; a worker thread over its port.
const port = parentPort ?? { on: (event, fn) => process.on(event, fn), postMessage: (msg) => process.send(msg) };
// The server went away: nothing will read our answers.
if (!parentPort) process.on("disconnect", () => process.exit(0));

import { checkFlateStreams } from "./stream-guard.mjs";
import { walkGraphicsState } from "./graphics-state.mjs";
import { darkRects, qrBitmapFromRects } from "./vector-qr.mjs";

const require = createRequire(import.meta.url);

/** Largest bitmap we ever render, in pixels (≈ 3000×4200 — an A4 page at 360 dpi). */
const MAX_RENDER_PIXELS = 12_600_000;

let pdfjsPromise = null;
function pdfjs() {
  pdfjsPromise ??= import("pdfjs-dist/legacy/build/pdf.mjs");
  return pdfjsPromise;
}

let canvasMod = null;
function canvas() {
  canvasMod ??= require("@napi-rs/canvas");
  return canvasMod;
}

let zxingPromise = null;
function zxing() {
  zxingPromise ??= (async () => {
    const mod = await import("zxing-wasm/reader");
    const wasmPath = require.resolve("zxing-wasm/reader/zxing_reader.wasm");
    const wasmBinary = readFileSync(wasmPath);
    await mod.prepareZXingModule({
      overrides: { wasmBinary: wasmBinary.buffer.slice(wasmBinary.byteOffset, wasmBinary.byteOffset + wasmBinary.byteLength) },
      fireImmediately: true,
    });
    return mod;
  })();
  return zxingPromise;
}

const standardFontDataUrl = (() => {
  try {
    const p = require.resolve("pdfjs-dist/package.json").replace(/package\.json$/, "standard_fonts/");
    return p;
  } catch {
    return undefined;
  }
})();

/** Documents opened during the current job: the reply carries it (worker-pool.ts counts loads). */
let loads = 0;

async function openPdf(bytes) {
  loads++;
  checkFlateStreams(bytes);
  const { getDocument } = await pdfjs();
  const task = getDocument({
    data: bytes,
    isEvalSupported: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    standardFontDataUrl: process.env.PARSE_STANDARD_FONTS === "1" ? standardFontDataUrl : undefined,
    maxImageSize: 25_000_000,
    canvasMaxAreaInBytes: MAX_RENDER_PIXELS * 4,
    stopAtErrors: false,
    verbosity: 0,
  });
  try {
    return await task.promise;
  } catch (err) {
    await task.destroy().catch(() => {});
    throw err;
  }
}

/** Failures that end a parse (the pipeline's FATAL_REASONS): no point searching further. */
const FATAL_REASONS = new Set(["TOO_LARGE", "ENCRYPTED", "TIMEOUT"]);

function classifyError(err) {
  const name = err && typeof err === "object" ? err.name : "";
  // The memory ceiling (RLIMIT_DATA) refused an allocation: a bomb, not a corrupt file.
  if (err instanceof RangeError && /allocation failed|out of memory|Invalid (typed )?array length/i.test(err.message))
    return { reason: "TOO_LARGE", message: "El archivo necesita demasiada memoria para procesarse" };
  if (name === "StreamTooLarge") return { reason: "TOO_LARGE", message: err.message };
  if (name === "PasswordException") return { reason: "ENCRYPTED", message: "El PDF está protegido con contraseña" };
  if (name === "InvalidPDFException") return { reason: "CORRUPT", message: "El PDF está dañado o no es un PDF válido" };
  if (name === "MissingPDFException") return { reason: "CORRUPT", message: "El PDF está vacío" };
  if (name === "FormatError" || name === "UnknownErrorException")
    return { reason: "CORRUPT", message: "El PDF está dañado o no es un PDF válido" };
  return { reason: "CORRUPT", message: `No se pudo leer el archivo (${String(err && err.message ? err.message : err).slice(0, 120)})` };
}

// ---------------------------------------------------------------- text layer

/** Groups text items into lines by baseline y (tolerance relative to font height), sorted by x. */
function itemsToLines(items) {
  const rows = [];
  for (const it of items) {
    if (typeof it.str !== "string" || it.str.trim() === "") continue;
    const t = it.transform;
    const x = t[4];
    const y = t[5];
    const h = Math.max(1, Math.abs(t[3]) || it.height || 8);
    let row = null;
    for (const r of rows) {
      if (Math.abs(r.y - y) <= Math.max(2, Math.min(r.h, h) * 0.45)) {
        row = r;
        break;
      }
    }
    if (!row) {
      row = { y, h, items: [] };
      rows.push(row);
    }
    row.items.push({ x, w: it.width || 0, str: it.str });
  }
  rows.sort((a, b) => b.y - a.y);
  return rows.map((r) => {
    r.items.sort((a, b) => a.x - b.x);
    let line = "";
    let end = null;
    for (const it of r.items) {
      if (end !== null) {
        const gap = it.x - end;
        line += gap > 12 ? "   " : gap > 1.5 ? " " : "";
      }
      line += it.str;
      end = it.x + it.w;
    }
    return line.replace(/\s+$/, "");
  });
}

async function pageText(doc, pageNumber) {
  const page = await doc.getPage(pageNumber);
  const content = await page.getTextContent();
  const lines = itemsToLines(content.items);
  page.cleanup();
  return lines;
}

// ---------------------------------------------------------------- QR

const QR_OPTS = { formats: ["QRCode"], tryHarder: true, maxNumberOfSymbols: 4 };

async function decodeImageData(imageData, stats) {
  const { readBarcodes } = await zxing();
  const results = await readBarcodes(imageData, { ...QR_OPTS, returnErrors: true });
  // a symbol that was found but not decoded is worth a retry at a higher scale
  if (stats && results.some((r) => !r.isValid)) stats.undecoded = true;
  const valid = results.filter((r) => r.isValid && r.text);
  if (stats) stats.symbols = valid.map((r) => ({ text: r.text, position: r.position }));
  return valid.map((r) => r.text);
}

// Where the QR is on the page (for the review viewer): normalised 0..1 of the page as displayed.
const unitBox = (page, xs, ys, w, h) => {
  const c = (v) => Math.min(1, Math.max(0, v));
  const box = { page, x0: c(Math.min(...xs) / w), y0: c(Math.min(...ys) / h), x1: c(Math.max(...xs) / w), y1: c(Math.max(...ys) / h) };
  return box.x1 > box.x0 && box.y1 > box.y0 ? box : null;
};

/** The symbol's corners in a rendered page (pixels) → page box. */
function boxOfSymbol(symbol, pageNumber, w, h) {
  const p = symbol && symbol.position;
  if (!p) return null;
  const pts = [p.topLeft, p.topRight, p.bottomRight, p.bottomLeft].filter(Boolean);
  return pts.length ? unitBox(pageNumber, pts.map((q) => q.x), pts.map((q) => q.y), w, h) : null;
}

/** Points in user space → the page box they span, via the page's viewport. */
function boxOfPoints(points, viewport, pageNumber) {
  const corners = points.map(([x, y]) => viewport.convertToViewportPoint(x, y));
  return unitBox(pageNumber, corners.map((q) => q[0]), corners.map((q) => q[1]), viewport.width, viewport.height);
}

/** An image's unit square under the current transform (user space) → page box. */
const boxOfImage = (ctm, viewport, pageNumber) => boxOfPoints([[0, 0], [1, 0], [0, 1], [1, 1]].map(([x, y]) => [x * ctm[0] + y * ctm[2] + ctm[4], x * ctm[1] + y * ctm[3] + ctm[5]]), viewport, pageNumber);

/** A user-space rectangle → page box. */
const boxOfArea = (area, viewport, pageNumber) => boxOfPoints([[area.x0, area.y0], [area.x1, area.y0], [area.x0, area.y1], [area.x1, area.y1]], viewport, pageNumber);

function toRgba(img) {
  const { width, height, data, kind } = img;
  if (!data || !width || !height) return null;
  const n = width * height;
  if (kind === 3 || data.length === n * 4) return { width, height, data };
  const out = new Uint8ClampedArray(n * 4);
  if (kind === 2 || data.length === n * 3) {
    for (let i = 0, j = 0; i < n; i++, j += 3) {
      out[i * 4] = data[j];
      out[i * 4 + 1] = data[j + 1];
      out[i * 4 + 2] = data[j + 2];
      out[i * 4 + 3] = 255;
    }
    return { width, height, data: out };
  }
  if (kind === 1) {
    // 1 bit per pixel, rows padded to bytes; 0 = black in pdf.js' GRAYSCALE_1BPP output after decode
    const rowBytes = (width + 7) >> 3;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const bit = (data[y * rowBytes + (x >> 3)] >> (7 - (x & 7))) & 1;
        const v = bit ? 255 : 0;
        const o = (y * width + x) * 4;
        out[o] = v;
        out[o + 1] = v;
        out[o + 2] = v;
        out[o + 3] = 255;
      }
    }
    return { width, height, data: out };
  }
  return null;
}

/** Embedded raster images of a page that could be a QR (roughly square, not tiny, not huge). */
async function embeddedQrCandidates(page, ops, OPS) {
  const ids = [];
  // the current transform (graphics-state.mjs) places each image on the page
  const viewport = page.getViewport({ scale: 1 });
  walkGraphicsState(ops, OPS, (fn, args, state) => {
    if (fn !== OPS.paintImageXObject && fn !== OPS.paintInlineImageXObject) return;
    let box = null;
    try {
      box = boxOfImage(state.ctm, viewport, page.pageNumber);
    } catch {
      // a position is a nicety: never let it cost the QR
    }
    ids.push({ id: args[0], box });
  });
  const imgs = [];
  for (const { id, box } of ids) {
    let img = null;
    if (typeof id === "string") {
      img = await new Promise((resolve) => {
        const store = id.startsWith("g_") ? page.commonObjs : page.objs;
        try {
          store.get(id, (v) => resolve(v));
        } catch {
          resolve(null);
        }
        setTimeout(() => resolve(null), 500);
      });
    } else if (id && typeof id === "object") {
      img = id;
    }
    if (!img || !img.width || !img.height) continue;
    const ratio = img.width / img.height;
    if (img.width < 40 || ratio < 0.8 || ratio > 1.25 || img.width * img.height > 4_000_000) continue;
    imgs.push({ img, box });
  }
  return imgs;
}

function pad(imageData, margin) {
  // Embedded QR images often have no quiet zone; add a white margin.
  const w = imageData.width + margin * 2;
  const h = imageData.height + margin * 2;
  const out = new Uint8ClampedArray(w * h * 4).fill(255);
  for (let y = 0; y < imageData.height; y++) {
    const src = imageData.data.subarray(y * imageData.width * 4, (y + 1) * imageData.width * 4);
    out.set(src, ((y + margin) * w + margin) * 4);
  }
  return { width: w, height: h, data: out };
}

async function renderPage(page, scale) {
  const { createCanvas } = canvas();
  let viewport = page.getViewport({ scale });
  const pixels = viewport.width * viewport.height;
  if (pixels > MAX_RENDER_PIXELS) {
    viewport = page.getViewport({ scale: scale * Math.sqrt(MAX_RENDER_PIXELS / pixels) });
  }
  const w = Math.max(1, Math.floor(viewport.width));
  const h = Math.max(1, Math.floor(viewport.height));
  const cnv = createCanvas(w, h);
  const ctx = cnv.getContext("2d");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, w, h);
  await page.render({ canvasContext: ctx, viewport, canvas: cnv }).promise;
  return { cnv, ctx, w, h };
}

const AFIP_RE = /(?:afip|arca)\.gob\.ar/i;

async function qrFromPdf(bytes, maxPages) {
  const doc = await openPdf(bytes);
  try {
    return await qrFromDoc(doc, maxPages, {});
  } finally {
    await doc.destroy().catch(() => {});
  }
}

/**
 * QR search on an open document: embedded images of pages 1–2 (no render), then page 1 (and 2)
 * rendered at scale 2, then 3. `hints.skipHighScale`: pre-QR-era documents skip the scale-3 retry.
 */
async function qrFromDoc(doc, maxPages, hints) {
  const { OPS } = await pdfjs();
  const steps = [];
  // non-AFIP codes seen on the way (a shop's QR, etc.): reported, but the search goes on
  const seen = new Set();
  const found = (texts) => {
    for (const t of texts) seen.add(t);
    return texts.some((t) => AFIP_RE.test(t));
  };
  {
    const pages = Math.min(doc.numPages, maxPages);
    // 1) embedded images (cheap, no render) on every page; 2) render page 1 at scale 2, then 3; 3) other pages
    for (let p = 1; p <= pages; p++) {
      const page = await doc.getPage(p);
      const t0 = performance.now();
      const ops = await page.getOperatorList();
      const imgs = await embeddedQrCandidates(page, ops, OPS);
      for (const { img, box } of imgs) {
        const rgba = toRgba(img);
        if (!rgba) continue;
        const texts = await decodeImageData(pad(rgba, Math.max(8, Math.round(rgba.width / 8))));
        if (found(texts)) {
          steps.push({ step: `embedded-p${p}`, ms: performance.now() - t0 });
          return { texts: [...seen], method: "embedded", page: p, steps, box };
        }
      }
      steps.push({ step: `embedded-p${p}`, ms: performance.now() - t0 });
      // a QR drawn with vector squares, rebuilt from the drawing operations (no render)
      const t1 = performance.now();
      const drawn = qrBitmapFromRects(darkRects(ops, OPS));
      if (drawn) {
        const texts = await decodeImageData(drawn);
        steps.push({ step: `vector-p${p}`, ms: performance.now() - t1 });
        if (found(texts)) return { texts: [...seen], method: "vector", page: p, steps, box: boxOfArea(drawn.bbox, page.getViewport({ scale: 1 }), p) };
      }
      if (p >= 2) break;
    }
    for (let p = 1; p <= Math.min(pages, 2); p++) {
      const page = await doc.getPage(p);
      for (const scale of hints.skipHighScale ? [2] : [2, 3]) {
        const t0 = performance.now();
        const { ctx, w, h } = await renderPage(page, scale);
        const img = ctx.getImageData(0, 0, w, h);
        const stats = { undecoded: false };
        const texts = await decodeImageData({ width: w, height: h, data: img.data }, stats);
        steps.push({ step: `render-p${p}-x${scale}`, ms: performance.now() - t0 });
        if (found(texts)) {
          const box = boxOfSymbol((stats.symbols ?? []).find((s) => AFIP_RE.test(s.text)), p, w, h);
          return { texts: [...seen], method: `render-x${scale}`, page: p, steps, box };
        }
        // nothing QR-like on the page at scale 2: a scale-3 render would not find one either
        if (!stats.undecoded) break;
      }
      page.cleanup();
    }
    return { texts: [...seen], method: null, page: null, steps };
  }
}

async function qrFromImage(bytes) {
  const { readBarcodes } = await zxing();
  const results = await readBarcodes(bytes, QR_OPTS);
  const valid = results.filter((r) => r.isValid && r.text);
  // corners in the decoded pixels; the caller turns them into a page box (it knows the image's header)
  const afip = valid.find((r) => AFIP_RE.test(r.text));
  const p = afip && afip.position;
  const corners = p ? [p.topLeft, p.topRight, p.bottomRight, p.bottomLeft].filter(Boolean).map((q) => ({ x: q.x, y: q.y })) : null;
  return { texts: valid.map((r) => r.text), method: "image", page: 1, steps: [], corners };
}

// ---------------------------------------------------------------- ops

const handlers = {
  ...imageHandlers,
  async info({ bytes }) {
    const doc = await openPdf(bytes);
    try {
      return { pageCount: doc.numPages };
    } finally {
      await doc.destroy().catch(() => {});
    }
  },
  async text({ bytes, maxPages }) {
    const doc = await openPdf(bytes);
    try {
      const pages = [];
      let chars = 0;
      const n = Math.min(doc.numPages, maxPages);
      for (let p = 1; p <= n; p++) {
        const lines = await pageText(doc, p);
        chars += lines.reduce((s, l) => s + l.replace(/\s/g, "").length, 0);
        pages.push(lines);
        if (chars > 200_000) break;
      }
      return { pageCount: doc.numPages, pages, chars };
    } finally {
      await doc.destroy().catch(() => {});
    }
  },
  /**
   * One document load for the whole pipeline: page count (limit checked first), text layer, QR.
   * `soft`: a failure of the text or QR phase is returned (classified) instead of thrown, so the
   * other phase still counts — the app's pipeline treats them as separate stages. A fatal text
   * failure (bomb, password) skips the QR search.
   */
  async analyze({ bytes, maxPages, pageLimit, soft }) {
    const doc = await openPdf(bytes);
    try {
      const pageCount = doc.numPages;
      if (pageCount > pageLimit || pageCount === 0) return { pageCount, pages: [], chars: 0, qr: null };
      const pages = [];
      let chars = 0;
      let textError = null;
      const t0 = performance.now();
      try {
        for (let p = 1; p <= Math.min(pageCount, maxPages); p++) {
          const lines = await pageText(doc, p);
          chars += lines.reduce((s, l) => s + l.replace(/\s/g, "").length, 0);
          pages.push(lines);
          if (chars > 200_000) break;
        }
      } catch (err) {
        if (!soft) throw err;
        textError = classifyError(err);
        // a text layer that failed part-way counts as none, as when the text stage failed alone
        pages.length = 0;
        chars = 0;
      }
      const textMs = performance.now() - t0;
      if (textError && FATAL_REASONS.has(textError.reason)) return { pageCount, pages: [], chars: 0, qr: null, textError, textMs };
      const t1 = performance.now();
      // RG 4892 (QR) applies from 2021: an older issue date in the text layer skips the scale-3 retry
      const years = pages.flat().join("\n").match(/\b\d{1,2}\s?[/-]\s?\d{1,2}\s?[/-]\s?(19\d\d|20[0-2]\d)\b/g) ?? [];
      const latest = Math.max(0, ...years.map((d) => Number(d.slice(-4))));
      let qr = null;
      let qrError = null;
      try {
        qr = await qrFromDoc(doc, maxPages, { skipHighScale: latest > 0 && latest < 2021 });
      } catch (err) {
        if (!soft) throw err;
        qrError = classifyError(err);
      }
      return { pageCount, pages, chars, qr, textMs, qrMs: performance.now() - t1, ...(textError ? { textError } : {}), ...(qrError ? { qrError } : {}) };
    } finally {
      await doc.destroy().catch(() => {});
    }
  },
  async qr({ bytes, kind, maxPages }) {
    return kind === "pdf" ? qrFromPdf(bytes, maxPages) : qrFromImage(bytes);
  },
  /** Renders PDF pages to PNG (for OCR). */
  async render({ bytes, maxPages, scale }) {
    const doc = await openPdf(bytes);
    try {
      const out = [];
      const n = Math.min(doc.numPages, maxPages);
      for (let p = 1; p <= n; p++) {
        const page = await doc.getPage(p);
        const { cnv } = await renderPage(page, scale);
        const png = await cnv.encode("png");
        out.push(new Uint8Array(png.buffer, png.byteOffset, png.byteLength));
        page.cleanup();
      }
      return { pngs: out };
    } finally {
      await doc.destroy().catch(() => {});
    }
  },
  async ping() {
    await Promise.all([pdfjs(), zxing()]);
    canvas();
    return { ok: true };
  },
};

port.on("message", async (msg) => {
  const { id, op, args } = msg;
  loads = 0;
  try {
    const handler = handlers[op];
    if (!handler) throw new Error(`operación desconocida ${op}`);
    const result = await handler(args);
    port.postMessage({ id, ok: true, result, loads });
  } catch (err) {
    port.postMessage({ id, ok: false, error: classifyError(err), loads });
  }
});
