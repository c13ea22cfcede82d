// A QR code drawn as vector squares (some issuers' PDF generators draw each dark module as a
// filled rectangle) rebuilt from the page's drawing operations as a clean bitmap for the decoder,
// so the page need not be rendered (the render was most of such a PDF's parse). Only dark,
// axis-aligned filled rectangles count; a QR drawn any other way is left to the page render.
// Plain JS: runs in the parse worker (pdf-worker.mjs).
import { walkGraphicsState } from "./graphics-state.mjs";

/** PDF's own unit is 1/72 in; modules smaller than this are not a printed QR. */
const MIN_MODULE = 0.3;
/** A module larger than this (≈ 1 cm) is not part of a QR on an invoice. */
const MAX_MODULE = 30;
/** A QR has at least 21×21 modules (version 1); fewer dark squares than this are something else. */
const MIN_DARK_SQUARES = 40;
const PX_PER_MODULE = 4;
const QUIET_MODULES = 4;
const MAX_BITMAP_PIXELS = 4_000_000;

const DRAW = { moveTo: 0, lineTo: 1, closePath: 4 };

/** "#rrggbb" (pdf.js gives every device colour so) → dark enough to be a QR module. */
function isDark(hex) {
  if (typeof hex !== "string" || !/^#[0-9a-f]{6}$/i.test(hex)) return false;
  const n = Number.parseInt(hex.slice(1), 16);
  const luma = 0.299 * ((n >> 16) & 255) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255);
  return luma < 110;
}

/** The subpaths of a pdf.js path (moveTo/lineTo/closePath codes) that are rectangles, in user space. */
function rectsOfPath(data, ctm) {
  const rects = [];
  let points = [];
  const flush = () => {
    if (points.length === 5 && points[4][0] === points[0][0] && points[4][1] === points[0][1]) points.pop();
    if (points.length === 4) {
      const xs = points.map((p) => ctm[0] * p[0] + ctm[2] * p[1] + ctm[4]);
      const ys = points.map((p) => ctm[1] * p[0] + ctm[3] * p[1] + ctm[5]);
      const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
      const eps = 1e-3 * Math.max(1, x1 - x0, y1 - y0);
      // axis-aligned: every corner sits on the box's edges
      if (xs.every((x) => Math.abs(x - x0) < eps || Math.abs(x - x1) < eps) && ys.every((y) => Math.abs(y - y0) < eps || Math.abs(y - y1) < eps)) rects.push({ x0, y0, x1, y1 });
    }
    points = [];
  };
  for (let i = 0; i < data.length; ) {
    const code = data[i];
    if (code === DRAW.moveTo) {
      flush();
      points.push([data[i + 1], data[i + 2]]);
      i += 3;
    } else if (code === DRAW.lineTo) {
      points.push([data[i + 1], data[i + 2]]);
      i += 3;
    } else if (code === DRAW.closePath) {
      flush();
      i += 1;
    } else return []; // curves: not a QR's squares
  }
  flush();
  return rects;
}

/** Dark filled rectangles of an operator list, in user space (graphics-state.mjs follows the transform and fill). */
export function darkRects(ops, OPS) {
  const fills = new Set([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const rects = [];
  walkGraphicsState(ops, OPS, (fn, args, state) => {
    if (fn !== OPS.constructPath || !isDark(state.fill) || !fills.has(args?.[0])) return;
    const paths = Array.isArray(args[1]) ? args[1] : [];
    for (const data of paths) if (data && typeof data.length === "number") rects.push(...rectsOfPath(data, state.ctm));
  });
  return rects;
}

/** The most common value of `values` rounded to 0.01 (the module size), or null. */
function mode(values) {
  const counts = new Map();
  for (const v of values) {
    const k = Math.round(v * 100);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let best = null;
  for (const [k, n] of counts) if (!best || n > best.n) best = { k, n };
  return best ? best.k / 100 : null;
}

/**
 * The dark squares (and runs of them: a generator may merge a row's modules) of one module size,
 * drawn black on white with a quiet zone, 4 px per module; `bbox` in user space. Null when there is
 * nothing QR-like: too few squares, or an area too small for 21×21 modules.
 */
export function qrBitmapFromRects(rects) {
  const small = rects.filter((r) => {
    const w = r.x1 - r.x0, h = r.y1 - r.y0;
    return Math.min(w, h) >= MIN_MODULE && Math.min(w, h) <= MAX_MODULE;
  });
  const moduleSize = mode(small.map((r) => Math.min(r.x1 - r.x0, r.y1 - r.y0)));
  if (!moduleSize) return null;
  // a QR row is at most 177 modules (version 40); longer bars of that height are rules, not runs
  const squares = small.filter((r) => Math.abs(Math.min(r.x1 - r.x0, r.y1 - r.y0) - moduleSize) <= moduleSize * 0.1 && Math.max(r.x1 - r.x0, r.y1 - r.y0) <= moduleSize * 177);
  if (squares.length < MIN_DARK_SQUARES) return null;
  const bbox = { x0: Math.min(...squares.map((r) => r.x0)), y0: Math.min(...squares.map((r) => r.y0)), x1: Math.max(...squares.map((r) => r.x1)), y1: Math.max(...squares.map((r) => r.y1)) };
  const cols = Math.round((bbox.x1 - bbox.x0) / moduleSize);
  const rows = Math.round((bbox.y1 - bbox.y0) / moduleSize);
  if (cols < 21 || rows < 21) return null;
  const scale = PX_PER_MODULE / moduleSize;
  const margin = QUIET_MODULES * PX_PER_MODULE;
  const width = Math.round(cols * PX_PER_MODULE) + 2 * margin;
  const height = Math.round(rows * PX_PER_MODULE) + 2 * margin;
  if (width * height > MAX_BITMAP_PIXELS) return null;
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  for (const r of squares) {
    // PDF's y grows upwards; the bitmap's downwards.
    const px0 = margin + Math.round((r.x0 - bbox.x0) * scale);
    const px1 = margin + Math.round((r.x1 - bbox.x0) * scale);
    const py0 = margin + Math.round((bbox.y1 - r.y1) * scale);
    const py1 = margin + Math.round((bbox.y1 - r.y0) * scale);
    for (let y = Math.max(0, py0); y < Math.min(height, py1); y++) {
      for (let x = Math.max(0, px0); x < Math.min(width, px1); x++) {
        const o = (y * width + x) * 4;
        data[o] = data[o + 1] = data[o + 2] = 0;
      }
    }
  }
  return { width, height, data, bbox };
}
