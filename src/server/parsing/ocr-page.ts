import "server-only";
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
/** No more orientation retries once a page has used this much time. */
const RETRY_BUDGET_MS = 10_000;

type Prepared = { image: Uint8Array; width: number; height: number; scale: number; axisRatio: number | null; osdImage: Uint8Array | null };

export type UprightPage = { text: string; rotation: Rotation; how: string | null; scale: number; quality: number };

/**
 * OCR of one page image, turned upright first. Order of tries: when the ink-profile hint says
 * the lines run down the page, the turn OSD names (else 90°) and then the opposite one;
 * otherwise as is, then — only if the text reads badly — the turn OSD names (none: the page is
 * just poor). A try whose text reads well (textQuality ≥ GOOD_TEXT) ends the search; otherwise
 * the best one is kept. The CLI engine gets 2 tries per page; tesseract.js (no OSD data) tries
 * all 4 turns in that order until one reads well.
 */
export async function ocrUpright(
  src: Uint8Array,
  opts: { upscale: boolean; recognize: (image: Uint8Array) => Promise<string>; osd: boolean },
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
  let osd: Awaited<ReturnType<typeof osdRotation>> | undefined;
  const askOsd = async (image: Uint8Array) => (osd = opts.osd ? await osdRotation(image) : null);

  let order: Rotation[] = [0, 180, 90, 270];
  if (turned) {
    // the denser half is enough to tell 90° from 270°, at about half the cost; a wrong answer
    // only costs the second try
    await askOsd(base.osdImage ?? base.image);
    const first: Rotation = osd && (osd.rotate === 90 || osd.rotate === 270) ? osd.rotate : 90;
    order = [first, first === 90 ? 270 : 90, 0, 180];
  }
  const maxTries = opts.osd ? 2 : 4;
  let best: UprightPage | null = null;
  for (let i = 0; i < order.length && i < maxTries; i++) {
    const rotation = order[i]!;
    const image = rotation === 0 ? base.image : (await prepare(rotation)).image;
    const text = await opts.recognize(image);
    const quality = textQuality(text);
    const how = rotation === 0 ? null : osd && osd.rotate === rotation ? "orientación detectada por tesseract OSD" : "orientación elegida por la calidad del texto reconocido";
    if (!best || quality > best.quality) best = { text, rotation, how, scale: base.scale, quality };
    // a blank page reads as nothing in every orientation: no retries for it
    if (quality >= GOOD_TEXT || text.replace(/\s/g, "").length < 20 || performance.now() - t0 > RETRY_BUDGET_MS) break;
    if (i === 0 && !turned && opts.osd) {
      // reads badly as is: let OSD name the turn; "upright" (or no answer) means the page is just poor
      const named = (await askOsd(base.image))?.rotate;
      if (!named) break;
      order = [0, named, ...order.filter((r) => r !== 0 && r !== named)];
    }
  }
  return best!;
}
