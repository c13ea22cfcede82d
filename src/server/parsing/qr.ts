import "server-only";
import { pageBoxOf, type PageBox } from "@/lib/documents/positions";
import { decodeAfipQr, qrToFields } from "./afip-qr";
import { imageGeometry } from "./image-geometry";
import type { FileKind } from "./inspect";
import { PARSE_LIMITS } from "./limits";
import type { StageResult } from "./stage";
import { runInWorker } from "./worker-pool";

export type QrWorkerResult = {
  texts: string[];
  method: string | null;
  page: number | null;
  steps: { step: string; ms: number }[];
  /** where the AFIP QR is on the page (PDFs) */
  box?: PageBox | null;
  /** its corners in the image's pixels (images) */
  corners?: { x: number; y: number }[] | null;
};

/** Finds and decodes the AFIP/ARCA QR. null: no AFIP QR on the first pages. */
export async function extractQr(bytes: Uint8Array, kind: FileKind): Promise<StageResult | null> {
  const res = await runInWorker<QrWorkerResult>("qr", { bytes, kind, maxPages: PARSE_LIMITS.scanPages }, PARSE_LIMITS.timeouts.qr);
  return qrStage(kind === "image" ? { ...res, box: imageBox(bytes, res.corners) } : res);
}

/** The QR's corners in an image → box on the image as displayed; null when EXIF rotates it (the decoder did not). */
function imageBox(bytes: Uint8Array, corners: QrWorkerResult["corners"]): PageBox | null {
  const g = corners?.length ? imageGeometry(bytes) : null;
  if (!g || !g.asStored || !corners || g.width < 1 || g.height < 1) return null;
  const xs = corners.map((c) => c.x / g.width);
  const ys = corners.map((c) => c.y / g.height);
  return pageBoxOf({ page: 1, x0: Math.max(0, Math.min(...xs)), y0: Math.max(0, Math.min(...ys)), x1: Math.min(1, Math.max(...xs)), y1: Math.min(1, Math.max(...ys)) });
}

/** The worker's decoded QR texts → stage result (null: no AFIP QR among them). */
export function qrStage(res: QrWorkerResult): StageResult | null {
  const notes: string[] = [];
  const others = res.texts.filter((t) => !decodeAfipQr(t));
  for (const text of res.texts) {
    const decoded = decodeAfipQr(text);
    if (!decoded) continue;
    const { fields, meta, notes: fieldNotes } = qrToFields(decoded);
    if (others.length) notes.push(`Se ignoró ${others.length === 1 ? "otro código QR" : `${others.length} códigos QR`} que no es de AFIP`);
    if (res.method?.startsWith("render")) notes.push(`QR leído de la página ${res.page} renderizada`);
    const box = pageBoxOf(res.box);
    return { fields, meta, notes: [...decoded.notes, ...fieldNotes, ...notes], ...(box ? { positions: { qr: box } } : {}) };
  }
  return null;
}
