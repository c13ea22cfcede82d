/**
 * AFIP comprobante catalogue (`CbteTipo` / QR `tipoCmp`), from TABLACOMPROBANTES and the FCE list.
 * Unknown codes map to tipo "OTRO" and keep the numeric code.
 */
export type Comprobante = { code: number; tipo: string; label: string; letter: string | null };

const KINDS: Record<string, string> = {
  FACTURA: "Factura",
  NOTA_DEBITO: "Nota de Débito",
  NOTA_CREDITO: "Nota de Crédito",
  RECIBO: "Recibo",
  NOTA_VENTA: "Nota de Venta al contado",
};

const table = new Map<number, Comprobante>();
function add(code: number, kind: string, letter: string | null, label?: string, tipo?: string) {
  table.set(code, {
    code,
    tipo: tipo ?? (letter ? `${kind}_${letter}` : kind),
    label: label ?? `${KINDS[kind] ?? kind}${letter ? ` ${letter}` : ""}`,
    letter,
  });
}
// A/B/C: FACTURA, ND, NC, RECIBO, NOTA DE VENTA
add(1, "FACTURA", "A"); add(2, "NOTA_DEBITO", "A"); add(3, "NOTA_CREDITO", "A"); add(4, "RECIBO", "A"); add(5, "NOTA_VENTA", "A");
add(6, "FACTURA", "B"); add(7, "NOTA_DEBITO", "B"); add(8, "NOTA_CREDITO", "B"); add(9, "RECIBO", "B"); add(10, "NOTA_VENTA", "B");
add(11, "FACTURA", "C"); add(12, "NOTA_DEBITO", "C"); add(13, "NOTA_CREDITO", "C"); add(15, "RECIBO", "C"); add(16, "NOTA_VENTA", "C");
add(19, "FACTURA", "E", "Factura E (exportación)"); add(20, "NOTA_DEBITO", "E"); add(21, "NOTA_CREDITO", "E");
add(51, "FACTURA", "M"); add(52, "NOTA_DEBITO", "M"); add(53, "NOTA_CREDITO", "M"); add(54, "RECIBO", "M");
add(17, "LIQUIDACION_SERVICIOS_PUBLICOS", "A", "Liquidación de Servicios Públicos clase A");
add(18, "LIQUIDACION_SERVICIOS_PUBLICOS", "B", "Liquidación de Servicios Públicos clase B");
add(49, "COMPRA_BIENES_USADOS", null, "Compra de bienes usados a consumidor final");
add(201, "FCE_FACTURA", "A", "FCE MiPyMEs Factura A"); add(202, "FCE_NOTA_DEBITO", "A", "FCE MiPyMEs Nota de Débito A"); add(203, "FCE_NOTA_CREDITO", "A", "FCE MiPyMEs Nota de Crédito A");
add(206, "FCE_FACTURA", "B", "FCE MiPyMEs Factura B"); add(207, "FCE_NOTA_DEBITO", "B", "FCE MiPyMEs Nota de Débito B"); add(208, "FCE_NOTA_CREDITO", "B", "FCE MiPyMEs Nota de Crédito B");
add(211, "FCE_FACTURA", "C", "FCE MiPyMEs Factura C"); add(212, "FCE_NOTA_DEBITO", "C", "FCE MiPyMEs Nota de Débito C"); add(213, "FCE_NOTA_CREDITO", "C", "FCE MiPyMEs Nota de Crédito C");
add(81, "TIQUE_FACTURA", "A", "Tique Factura A"); add(82, "TIQUE_FACTURA", "B", "Tique Factura B"); add(83, "TIQUE", null, "Tique");
add(111, "TIQUE_FACTURA", "C", "Tique Factura C"); add(118, "TIQUE_FACTURA", "M", "Tique Factura M");
add(112, "TIQUE_NOTA_CREDITO", "A", "Tique Nota de Crédito A"); add(113, "TIQUE_NOTA_CREDITO", "B", "Tique Nota de Crédito B");
add(114, "TIQUE_NOTA_CREDITO", "C", "Tique Nota de Crédito C"); add(115, "TIQUE_NOTA_DEBITO", "A", "Tique Nota de Débito A");
add(116, "TIQUE_NOTA_DEBITO", "B", "Tique Nota de Débito B"); add(117, "TIQUE_NOTA_DEBITO", "C", "Tique Nota de Débito C");
add(119, "TIQUE_NOTA_CREDITO", "M", "Tique Nota de Crédito M"); add(120, "TIQUE_NOTA_DEBITO", "M", "Tique Nota de Débito M");

export function comprobanteByCode(code: number): { code: number; tipo: string; label: string; letter: string | null } {
  const hit = table.get(code);
  if (hit) return { ...hit };
  return { code, tipo: "OTRO", label: `Otro comprobante (código ${code})`, letter: null };
}

export function isKnownComprobante(code: number): boolean {
  return table.has(code);
}

/** Code for a kind + letter as printed ("FACTURA", "A") — used by text rules without a "COD." box. */
export function comprobanteCodeFor(kind: "FACTURA" | "NOTA_DEBITO" | "NOTA_CREDITO" | "RECIBO", letter: string): number | null {
  for (const c of table.values()) if (c.tipo === `${kind}_${letter}`) return c.code;
  return null;
}

export const ALL_COMPROBANTES: readonly Comprobante[] = [...table.values()];
