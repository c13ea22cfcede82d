import "server-only";
import { pageBoxOf, type PageBox } from "@/lib/documents/positions";
import { decodeAfipQr, qrToFields } from "./afip-qr";
import type { FileKind } from "./inspect";
import { PARSE_LIMITS } from "./limits";
import type { StageResult } from "./stage";
import { runInWorker } from "./worker-pool";

export type QrWorkerResult = { texts: string[]; method: string | null; page: number | null; steps: { step: string; ms: number }[]; box?: PageBox | null };

/** Finds and decodes the AFIP/ARCA QR. null: no AFIP QR on the first pages. */
export async function extractQr(bytes: Uint8Array, kind: FileKind): Promise<StageResult | null> {
  const res = await runInWorker<QrWorkerResult>("qr", { bytes, kind, maxPages: PARSE_LIMITS.scanPages }, PARSE_LIMITS.timeouts.qr);
  return qrStage(res);
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
    if (res.method && res.method !== "embedded" && res.method !== "image") notes.push(`QR leído de la página ${res.page} renderizada`);
    const box = pageBoxOf(res.box);
    return { fields, meta, notes: [...decoded.notes, ...fieldNotes, ...notes], ...(box ? { positions: { qr: box } } : {}) };
  }
  return null;
}
