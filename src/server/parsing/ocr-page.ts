import "server-only";
import { MAX_OCR_WORDS_PER_PAGE, turnBox, type OcrWord, type Turn } from "@/lib/documents/positions";
import { PARSE_LIMITS } from "./limits";
import { AXIS_DOWN, GOOD_TEXT, osdRotation, textQuality, type Rotation } from "./orientation";
import { runInWorker } from "./worker-pool";

/**
 * Images whose long side is under MIN_LONG_SIDE are upscaled (≤ 3×) to UPSCALE_TO: an A4 page at
 * 75 dpi (877 px) gives Tesseract almost nothing, the same page at 2× gives every field; 150 dpi
 * (1755 px) reads well as is.
 */
export const MIN_LONG_SIDE = 1600;
const UPSCALE_TO = 2000;
const MAX_OCR_PIXELS = 8_000_000;
/** No more orientation retries once a page has used this much time (a guard, not a target: a loaded machine is slow). */
const RETRY_BUDGET_MS = 25_000;

type Prepared = { image: Uint8Array; width: number; height: number; scale: number; axisRatio: number | null; osdImage: Uint8Array | null };

/** A word as the OCR engine reports it: pixels of the image it was given. */
export type PixelWord = { s: string; l: number; left: number; top: number; width: number; height: number };
export type Recognized = { text: string; words: PixelWord[] | null };

/** `words`: boxes normalised to the page as given (before the turn and upscale), null when unknown. */
export type UprightPage = { text: string; rotation: Rotation; how: string | null; scale: number; quality: number; words: OcrWord[] | null };

const r4 = (n: number) => Math.round(Math.min(1, Math.max(0, n)) * 10_000) / 10_000;

/** Word boxes of the turned image (cw × ch px) → 0..1 of the page before the turn (the canvas turned it `rotation` clockwise). */
export function unturnWords(words: PixelWord[], cw: number, ch: number, rotation: Rotation): OcrWord[] {
  const back = ((360 - rotation) % 360) as Turn;
  const out: OcrWord[] = [];
  for (const w of words) {
    if (out.length >= MAX_OCR_WORDS_PER_PAGE) break;
    const s = w.s.trim();
    if (!s || w.width <= 0 || w.height <= 0) continue;
    const b = turnBox({ x0: w.left / cw, y0: w.top / ch, x1: (w.left + w.width) / cw, y1: (w.top + w.height) / ch }, back);
    const box = { x0: r4(b.x0), y0: r4(b.y0), x1: r4(b.x1), y1: r4(b.y1) };
    if (box.x1 > box.x0 && box.y1 > box.y0) out.push({ s: s.slice(0, 64), l: w.l, ...box });
  }
  return out;
}

/**
 * OCR of one page image, turned upright first. First try: when the ink-profile hint says the
 * lines run down the page, the turn OSD names on the denser half (no answer: 90°); otherwise
 * as is.
 * A try whose text reads well (textQuality ≥ GOOD_TEXT) ends the search. If it reads badly, OSD
 * on the whole page names the turn to try next (its answer is final: an already-tried turn or
 * no answer means the page is just poor). Without OSD (tesseract.js) the other turns are tried
 * in order. The best-reading try is kept. The hint is wrong on some photos (skewed page on a
 * dark table): that costs a second OSD and OCR, not the result.
 */
export async function ocrUpright(
  src: Uint8Array,
  opts: { upscale: boolean; recognize: (image: Uint8Array) => Promise<Recognized>; osd: boolean },
): Promise<UprightPage> {
  const t0 = performance.now();
  const prepare = (rotate: Rotation, axis = false) =>
    runInWorker<Prepared>(
      "prepareImage",
      { bytes: src, maxPixels: MAX_OCR_PIXELS, minLongSide: opts.upscale ? MIN_LONG_SIDE : 0, upscaleTo: UPSCALE_TO, rotate, axis, osdHalfBelow: opts.osd ? AXIS_DOWN : 0 },
      PARSE_LIMITS.timeouts.render,
    );
  const base = await prepare(0, true);
  const turned = (base.axisRatio ?? 1) < AXIS_DOWN;
  const osdSaid = new Set<Rotation>();
  const osd = async (image: Uint8Array) => {
    const r = opts.osd ? await osdRotation(image) : null;
    if (r) osdSaid.add(r.rotate);
    return r;
  };

  let best: UprightPage | null = null;
  const tried = new Set<Rotation>();
  const attempt = async (rotation: Rotation) => {
    tried.add(rotation);
    const image = rotation === 0 ? base.image : (await prepare(rotation)).image;
    const { text, words } = await opts.recognize(image);
    // the prepared image's size, as image-prep.mjs computes it
    const w = Math.max(1, Math.round(base.width * base.scale));
    const h = Math.max(1, Math.round(base.height * base.scale));
    const quarter = rotation === 90 || rotation === 270;
    const boxes = words ? unturnWords(words, quarter ? h : w, quarter ? w : h, rotation) : null;
    const quality = textQuality(text);
    const how = rotation === 0 ? null : osdSaid.has(rotation) ? "orientación detectada por tesseract OSD" : "orientación elegida por la calidad del texto reconocido";
    if (!best || quality > best.quality) best = { text, rotation, how, scale: base.scale, quality, words: boxes };
    // a blank page reads as nothing in every orientation: no retries for it
    return quality >= GOOD_TEXT || text.replace(/\s/g, "").length < 20 || performance.now() - t0 > RETRY_BUDGET_MS;
  };

  let first: Rotation = 0;
  if (turned) {
    // the denser half is enough for OSD, at about half the cost; OSD beats the hint when they
    // disagree (a skewed photo on a dark table can fool the hint)
    first = (await osd(base.osdImage ?? base.image))?.rotate ?? 90;
  }
  if (await attempt(first)) return best!;
  if (opts.osd) {
    const named = (await osd(base.image))?.rotate;
    if (named !== undefined && !tried.has(named)) await attempt(named);
    return best!;
  }
  const rest: Rotation[] = turned ? [first === 90 ? 270 : 90, 0, 180] : [180, 90, 270];
  for (const r of rest) if (await attempt(r)) break;
  return best!;
}
