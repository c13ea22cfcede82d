import "server-only";
import { spawn } from "node:child_process";

/**
 * Page orientation before OCR. Measured on 17 real invoice pages × 4 turns at 150 dpi:
 * `tesseract --psm 0` (OSD) named the right turn 68/68 times, but only 44/68 at 100 dpi and
 * 37/68 at 75 dpi — so OSD never runs on a downscaled page (a crop, the denser half, is fine),
 * and it costs about as much CPU as the OCR itself (~0.6 s), so it runs only when needed: a
 * line-direction hint computed in the worker (image-prep.mjs) says whether lines run down the
 * page; upside-down pages are caught afterwards by the quality of the OCR text.
 */

export type Rotation = 0 | 90 | 180 | 270;

/** Below this row/column ink-profile ratio the lines run down the page (measured: upright ≥ 2.0, turned ≤ 0.49). */
export const AXIS_DOWN = 0.8;

/**
 * Clockwise turn that makes the page upright according to Tesseract OSD, or null (no `osd`
 * traineddata, too little text, failure). Low-confidence answers are kept: callers only ask
 * when the hint says the page is turned or the text read badly, and check the OCR text after.
 */
export function osdRotation(png: Uint8Array, timeoutMs = 5000): Promise<{ rotate: Rotation; confidence: number } | null> {
  return new Promise((resolve) => {
    const child = spawn("tesseract", ["stdin", "stdout", "--psm", "0", "-l", "osd"], {
      env: { ...process.env, OMP_THREAD_LIMIT: "1" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.stdout.on("data", (d: Buffer) => {
      if (out.length < 4096) out += d.toString("utf8");
    });
    child.stderr.resume();
    child.on("error", () => {
      clearTimeout(timer);
      resolve(null);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      const rotate = Number(/Rotate:\s*(\d+)/.exec(out)?.[1]);
      const confidence = Number(/Orientation confidence:\s*([\d.]+)/.exec(out)?.[1] ?? 0);
      resolve(code === 0 && [0, 90, 180, 270].includes(rotate) ? { rotate: rotate as Rotation, confidence } : null);
    });
    child.stdin.on("error", () => {});
    child.stdin.end(Buffer.from(png));
  });
}

/**
 * Share of the OCR text (by characters) made of plausible tokens: words with a vowel in one
 * case pattern, or numbers/amounts/dates. Upright invoice pages measured 0.83–0.93; the same
 * pages upside down 0.23–0.45, turned 90° 0.44–0.65.
 */
export function textQuality(text: string): number {
  let good = 0;
  let total = 0;
  for (const raw of text.split(/\s+/)) {
    if (raw.length < 2) continue;
    total += raw.length;
    const t = raw.replace(/^[("'¿¡[]+|[)"'.,:;!?\]]+$/g, "");
    if (
      (/^[A-ZÁÉÍÓÚÑÜ]?[a-záéíóúñü]+$/.test(t) && /[aeiouáéíóú]/.test(t)) ||
      (/^[A-ZÁÉÍÓÚÑÜ]+$/.test(t) && /[AEIOUÁÉÍÓÚ]/.test(t)) ||
      /^\$?\d[\d.,/-]*%?$/.test(t)
    )
      good += raw.length;
  }
  return total ? good / total : 0;
}

/** OCR text at least this good is taken without trying another orientation. */
export const GOOD_TEXT = 0.7;
