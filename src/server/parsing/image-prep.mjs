// Page images for OCR, run inside pdf-worker.mjs (untrusted bytes, native decoder). Plain JS for
// the same reason as the worker. @napi-rs/canvas' loadImage already applies a JPEG's EXIF
// orientation (test/parsing/ocr-orientation.test.ts checks it), so what is left here is the
// scale (small images are upscaled: Tesseract reads nothing at ~75 dpi), an explicit rotation
// chosen by the caller, and a cheap hint whether text lines run across or down the image.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
let canvasMod = null;
function canvas() {
  canvasMod ??= require("@napi-rs/canvas");
  return canvasMod;
}

/** Sum of squared steps between neighbours, per unit of ink: high when the profile alternates. */
function jaggedness(profile) {
  let steps = 0;
  let ink = 0;
  for (let i = 0; i < profile.length; i++) {
    ink += profile[i];
    if (i) steps += (profile[i] - profile[i - 1]) ** 2;
  }
  return steps / Math.max(1, ink);
}

/**
 * Row vs column ink profiles of a ≤ 700 px copy (1000 px separated no better). Horizontal text
 * lines make the row profile alternate (line, gap, line) while the column profile stays smooth:
 * ratio ≫ 1 upright or upside down, ≪ 1 when turned 90°. Only the central 80 % counts (a dark
 * table around a photographed page would dominate the profiles), and the best of five small
 * skews (−4°…4°) is taken (a 2° skew smears the lines of a whole page together). On 17 real
 * invoice pages, 2 generated scans and a skewed photo on a dark table: ≥ 2.0 upright, ≤ 0.5 turned.
 */
function lineAxisHint(img, w, h) {
  const { createCanvas } = canvas();
  const k = Math.min(1, 700 / Math.max(w, h));
  const sw = Math.max(1, Math.round(w * k));
  const sh = Math.max(1, Math.round(h * k));
  const c = createCanvas(sw, sh);
  const ctx = c.getContext("2d");
  const x0 = Math.floor(sw * 0.1);
  const x1 = Math.ceil(sw * 0.9);
  const y0 = Math.floor(sh * 0.1);
  const y1 = Math.ceil(sh * 0.9);
  let bestRows = 0;
  let bestCols = 0;
  let firstInk = 0;
  let allInk = 0;
  for (const skew of [0, -2, 2, -4, 4]) {
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, sw, sh);
    ctx.translate(sw / 2, sh / 2);
    ctx.rotate((skew * Math.PI) / 180);
    ctx.drawImage(img, -sw / 2, -sh / 2, sw, sh);
    const d = ctx.getImageData(0, 0, sw, sh).data;
    const rows = new Float64Array(sh);
    const cols = new Float64Array(sw);
    for (let y = 0; y < sh; y++) {
      for (let x = 0; x < sw; x++) {
        const i = (y * sw + x) * 4;
        if (d[i] * 77 + d[i + 1] * 150 + d[i + 2] * 29 >= 128 * 256) continue;
        if (skew === 0) {
          // which half along the long side carries more ink (for a cheaper OSD on a turned page)
          allInk++;
          if (sw >= sh ? x < sw / 2 : y < sh / 2) firstInk++;
        }
        if (x >= x0 && x < x1 && y >= y0 && y < y1) {
          rows[y]++;
          cols[x]++;
        }
      }
    }
    bestRows = Math.max(bestRows, jaggedness(rows.subarray(y0, y1)));
    bestCols = Math.max(bestCols, jaggedness(cols.subarray(x0, x1)));
  }
  return { ratio: bestCols > 0 ? bestRows / bestCols : 1, denseFirstHalf: firstInk * 2 >= allInk };
}

/** The half (along the long side) of a prepared, unrotated image as JPEG. */
async function halfImage(img, w, h, first) {
  const { createCanvas } = canvas();
  const byX = w >= h;
  const hw = byX ? Math.ceil(w / 2) : w;
  const hh = byX ? h : Math.ceil(h / 2);
  const cnv = createCanvas(hw, hh);
  const ctx = cnv.getContext("2d");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, hw, hh);
  ctx.drawImage(img, first || !byX ? 0 : -(w - hw), first || byX ? 0 : -(h - hh), w, h);
  const out = await cnv.encode("jpeg", 92);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

const isPng = (b) => b.length > 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47;

export const imageHandlers = {
  /**
   * bytes (PNG/JPEG/…) → image for OCR, turned `rotate` degrees clockwise (0/90/180/270), scaled
   * so a long side under minLongSide becomes upscaleTo (at most 3×) and the area ≤ maxPixels.
   * Encoded as JPEG q92: PNG of a noisy 3 MP scan took ~1.9 s, JPEG ~0.15 s, same OCR text. A
   * PNG that needs no change (a rendered PDF page) is passed through. `axisRatio` (only when
   * asked) is the line-direction hint of the unrotated image; under `osdHalfBelow` the result
   * also carries `osdImage`, its half with more ink: OSD on it costs ~0.25–0.45 s of CPU instead
   * of ~0.65 s and named the turn of 34/34 turned real pages (17 × 90°/270°; emptier half 32/34).
   */
  async prepareImage({ bytes, maxPixels, minLongSide = 0, upscaleTo = minLongSide, rotate = 0, axis = false, osdHalfBelow = 0 }) {
    const { loadImage, createCanvas } = canvas();
    const img = await loadImage(Buffer.from(bytes));
    if (!img.width || !img.height) throw Object.assign(new Error("imagen ilegible"), { name: "FormatError" });
    const long = Math.max(img.width, img.height);
    let k = long < minLongSide ? Math.min(3, upscaleTo / long) : 1;
    k = Math.min(k, Math.sqrt(maxPixels / (img.width * img.height)));
    const hint = axis ? lineAxisHint(img, img.width, img.height) : null;
    const result = { width: img.width, height: img.height, scale: k, axisRatio: hint?.ratio ?? null, osdImage: null };
    if (hint && hint.ratio < osdHalfBelow) {
      const sw = Math.max(1, Math.round(img.width * k));
      const sh = Math.max(1, Math.round(img.height * k));
      result.osdImage = await halfImage(img, sw, sh, hint.denseFirstHalf);
    }
    if (rotate === 0 && k === 1 && isPng(bytes)) return { ...result, image: bytes };
    const w = Math.max(1, Math.round(img.width * k));
    const h = Math.max(1, Math.round(img.height * k));
    const quarter = rotate === 90 || rotate === 270;
    const cw = quarter ? h : w;
    const ch = quarter ? w : h;
    const cnv = createCanvas(cw, ch);
    const ctx = cnv.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, cw, ch);
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = "high";
    ctx.translate(cw / 2, ch / 2);
    ctx.rotate((rotate * Math.PI) / 180);
    ctx.drawImage(img, -w / 2, -h / 2, w, h);
    const out = await cnv.encode("jpeg", 92);
    return { ...result, image: new Uint8Array(out.buffer, out.byteOffset, out.byteLength) };
  },
};
