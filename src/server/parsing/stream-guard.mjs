// Decompression cap for untrusted PDFs, run in the parse worker before pdf.js opens the file.
// pdf.js inflates a FlateDecode stream into one growing buffer, so a 1 MB stream can become
// gigabytes. Every stream whose first filter is FlateDecode is inflated here with zlib's
// maxOutputLength (memory bounded by the cap): one that expands beyond what a page can need
// (a 300 dpi RGBA bitmap of the largest MediaBox, ×4 for slack) refuses the file as TOO_LARGE.
// Plain JS: loaded by Node directly inside the worker.
import { constants, inflateSync } from "node:zlib";

const MIN_CAP = 32 * 1024 * 1024;
const MAX_CAP = 256 * 1024 * 1024;

/** Bytes a single decoded stream may reach, from the largest page of the file. */
export function streamCap(text) {
  let area = 595 * 842; // A4 when no MediaBox is readable
  for (const m of text.matchAll(/\/MediaBox\s*\[\s*(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s*\]/g)) {
    const w = Math.abs(Number(m[3]) - Number(m[1]));
    const h = Math.abs(Number(m[4]) - Number(m[2]));
    if (Number.isFinite(w * h)) area = Math.max(area, Math.min(w * h, 14400 * 14400));
  }
  const pixels = area * (300 / 72) ** 2;
  return Math.round(Math.min(MAX_CAP, Math.max(MIN_CAP, pixels * 4 * 4)));
}

function tooLarge(cap) {
  return Object.assign(new Error(`Un flujo comprimido del PDF se expande a más de ${Math.round(cap / 1048576)} MB (más de lo que puede necesitar una página): no se procesa`), {
    name: "StreamTooLarge",
  });
}

/** Throws StreamTooLarge when a Flate stream (or all of them together) inflates beyond the cap. */
export function checkFlateStreams(bytes) {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  const cap = streamCap(text);
  let total = 0;
  let pos = 0;
  for (;;) {
    const at = text.indexOf("stream", pos);
    if (at < 0) break;
    pos = at + 6;
    if (text.startsWith("endstream", at - 3)) continue;
    const head = text.slice(Math.max(0, at - 1024), at);
    const dictStart = head.lastIndexOf("<<");
    if (dictStart < 0 || !/>>\s*$/.test(head)) continue;
    const filter = /\/Filter\s*(\[\s*)?\/(\w+)/.exec(head.slice(dictStart));
    if (!filter || (filter[2] !== "FlateDecode" && filter[2] !== "Fl")) continue;
    let start = at + 6;
    if (text[start] === "\r") start++;
    if (text[start] === "\n") start++;
    const end = text.indexOf("endstream", start);
    if (end < 0) break;
    let out;
    try {
      out = inflateSync(bytes.subarray(start, end), { maxOutputLength: cap, finishFlush: constants.Z_SYNC_FLUSH });
    } catch (err) {
      if (err && (err.code === "ERR_BUFFER_TOO_LARGE" || err instanceof RangeError)) throw tooLarge(cap);
      pos = end;
      continue; // a broken stream is pdf.js's business
    }
    total += out.length;
    if (total > cap * 4) throw tooLarge(cap * 4);
    pos = end + 9;
  }
}
