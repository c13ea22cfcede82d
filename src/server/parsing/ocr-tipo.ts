import "server-only";
import type { FieldMetaMap, InvoiceFields } from "@/lib/documents/fields";
import { comprobanteByCode } from "./comprobantes";

const TITLE_LETTER = /\b(?:factura|nota\s+de\s+cr[eé]dito|nota\s+de\s+d[eé]bito|recibo)\s*["“']?([ABCEM])["”']?(?![a-zñáéíóú])/i;
const LONE_LETTER = /^\s*[|[(]?\s*([ABCEM])\s*[|\])]?\s*$/;

/** The comprobante letter as printed in the heading (title "Factura C", else a lone box letter). */
export function printedLetter(lines: string[]): string | null {
  const head = lines.slice(0, 30);
  for (const l of head) {
    const m = TITLE_LETTER.exec(l);
    if (m) return m[1]!.toUpperCase();
  }
  const lone = new Set(head.map((l) => LONE_LETTER.exec(l)?.[1]).filter((x): x is string => !!x));
  return lone.size === 1 ? [...lone][0]! : null;
}

/**
 * One OCR'd letter is weak evidence (a low-resolution "C" reads as "E"); the printed code
 * ("COD. 011") and the RG 1702 barcode are stronger. When the letter contradicts the type the
 * rules chose, the type stays, loses its confidence and is flagged for review. Returns the note.
 */
export function checkTipoLetter(lines: string[], fields: Partial<InvoiceFields>, meta: FieldMetaMap): string | null {
  const code = fields.tipoCodigo;
  if (code == null) return null;
  const expected = comprobanteByCode(code).letter;
  const printed = printedLetter(lines);
  if (!expected || !printed || printed === expected) return null;
  const flag = `La letra leída por OCR (${printed}) no coincide con el código de comprobante ${String(code).padStart(3, "0")} (${expected}); se usa el código`;
  for (const f of ["tipoCodigo", "tipo"] as const) {
    const m = meta[f];
    if (m) meta[f] = { ...m, confidence: Math.min(m.confidence, 0.6), flag };
  }
  return flag;
}
