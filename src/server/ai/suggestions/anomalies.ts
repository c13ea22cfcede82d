/**
 * Rule-based anomalies: they need no AI provider. Pure functions over a document's fields and a
 * few facts from the tenant's other documents (see ./rule-context.ts).
 */
import { isValidCuit } from "@/lib/cuit";
import { tributosBreakdown, type InvoiceFields } from "@/lib/documents/fields";

export type AnomalyCode = "DUPLICATE" | "CUIT_INVALID" | "TOTAL_MISMATCH" | "UNUSUAL_AMOUNT";

export type SuggestionDraft = {
  kind: "ACCOUNT" | "CATEGORY" | "ANOMALY";
  code: string;
  label: string;
  reason: string | null;
  detail?: Record<string, unknown>;
  source: "RULE" | "AI";
  confidence: number | null;
};

export type RuleContext = {
  /** Other documents of the tenant with the same supplier CUIT, type, point of sale and number. */
  duplicates: { id: string; fileName: string; createdAt: Date }[];
  /** Totals of the supplier's other processed documents (same currency). */
  supplierTotals: number[];
};

const money = (n: number) => n.toLocaleString("es-AR", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Minimum history before "unusual for this supplier" means anything. */
export const MIN_SUPPLIER_HISTORY = 3;
/** A total this many times above (or below 1/x of) the supplier's median is unusual. */
export const UNUSUAL_FACTOR = 3;

export function ruleAnomalies(fields: InvoiceFields, ctx: RuleContext): SuggestionDraft[] {
  const out: SuggestionDraft[] = [];

  if (ctx.duplicates.length > 0) {
    const first = ctx.duplicates[0]!;
    out.push({
      kind: "ANOMALY",
      code: "DUPLICATE",
      label: "Posible comprobante duplicado",
      reason: `Ya hay ${ctx.duplicates.length === 1 ? "otro documento" : `${ctx.duplicates.length} documentos`} con el mismo proveedor, tipo y número (p. ej. «${first.fileName}»).`,
      detail: { documentIds: ctx.duplicates.map((d) => d.id) },
      source: "RULE",
      confidence: 0.95,
    });
  }

  if (fields.proveedorCuit && !isValidCuit(fields.proveedorCuit)) {
    out.push({
      kind: "ANOMALY",
      code: "CUIT_INVALID",
      label: "CUIT del proveedor inválido",
      reason: `El CUIT ${fields.proveedorCuit} no tiene un dígito verificador válido; revisalo contra el comprobante.`,
      detail: { cuit: fields.proveedorCuit },
      source: "RULE",
      confidence: 1,
    });
  }

  if (fields.total !== null && fields.neto !== null) {
    const ivaSum = (fields.iva ?? []).reduce((acc, l) => acc + l.amount, 0);
    // Libro IVA: no gravado, exento and the tributos (printed total, else their breakdown) are part of the total
    const otros = (fields.noGravado ?? 0) + (fields.exento ?? 0) + (fields.otrosImpuestos ?? tributosBreakdown(fields) ?? 0);
    const expected = Math.round((fields.neto + ivaSum + otros) * 100) / 100;
    const diff = Math.round((fields.total - expected) * 100) / 100;
    // Facturas B/C often show only the final amount as "neto": equal totals are fine.
    const tolerance = Math.max(0.05, Math.abs(fields.total) * 0.0005);
    if (Math.abs(diff) > tolerance && Math.abs(fields.total - fields.neto) > tolerance) {
      out.push({
        kind: "ANOMALY",
        code: "TOTAL_MISMATCH",
        label: "El total no coincide con neto + impuestos",
        reason: `Neto ${money(fields.neto)} + IVA ${money(ivaSum)} + otros ${money(otros)} = ${money(expected)}, pero el total es ${money(fields.total)} (diferencia ${money(diff)}).`,
        detail: { expected, total: fields.total, difference: diff },
        source: "RULE",
        confidence: 0.9,
      });
    }
  }

  if (fields.total !== null && fields.total > 0 && ctx.supplierTotals.length >= MIN_SUPPLIER_HISTORY) {
    const m = median(ctx.supplierTotals);
    if (m > 0 && (fields.total > m * UNUSUAL_FACTOR || fields.total < m / UNUSUAL_FACTOR)) {
      const ratio = fields.total / m;
      out.push({
        kind: "ANOMALY",
        code: "UNUSUAL_AMOUNT",
        label: "Importe inusual para este proveedor",
        reason: `El total ${money(fields.total)} es ${ratio >= 1 ? `${ratio.toFixed(1).replace(".", ",")} veces` : `${(1 / ratio).toFixed(1).replace(".", ",")} veces menor que`} la mediana de sus ${ctx.supplierTotals.length} comprobantes anteriores (${money(m)}).`,
        detail: { median: m, history: ctx.supplierTotals.length, ratio },
        source: "RULE",
        confidence: 0.7,
      });
    }
  }

  return out;
}
