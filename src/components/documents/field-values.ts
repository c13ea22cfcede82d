/** Between the review form's text inputs and InvoiceFields: es-AR numbers, CUIT with or without dashes. */
import { invoiceFieldsSchema, type InvoiceFieldName, type InvoiceFields, type IvaLine } from "@/lib/documents/fields";

export type IvaRow = { rate: string; base: string; amount: string };
export type FormValues = Record<Exclude<InvoiceFieldName, "iva" | "tipo">, string> & { iva: IvaRow[] };

const INTS = ["tipoCodigo", "puntoVenta", "numero"] as const;
const DECIMALS = ["neto", "otrosImpuestos", "total", "cotizacion"] as const;
const TEXTS = ["fecha", "proveedorRazonSocial", "receptorNombre", "moneda", "cae", "caeVencimiento"] as const;
const CUITS = ["proveedorCuit", "receptorCuit"] as const;

const money = (n: number | null) => (n == null ? "" : n.toLocaleString("es-AR", { minimumFractionDigits: 2, maximumFractionDigits: 6, useGrouping: false }));

export function toFormValues(f: InvoiceFields): FormValues {
  return {
    tipoCodigo: f.tipoCodigo == null ? "" : String(f.tipoCodigo),
    puntoVenta: f.puntoVenta == null ? "" : String(f.puntoVenta),
    numero: f.numero == null ? "" : String(f.numero),
    fecha: f.fecha ?? "",
    proveedorCuit: f.proveedorCuit ?? "",
    proveedorRazonSocial: f.proveedorRazonSocial ?? "",
    receptorCuit: f.receptorCuit ?? "",
    receptorNombre: f.receptorNombre ?? "",
    neto: money(f.neto),
    otrosImpuestos: money(f.otrosImpuestos),
    total: money(f.total),
    moneda: f.moneda ?? "",
    cotizacion: f.cotizacion == null ? "" : String(f.cotizacion).replace(".", ","),
    cae: f.cae ?? "",
    caeVencimiento: f.caeVencimiento ?? "",
    iva: (f.iva ?? []).map((l) => ({ rate: String(l.rate).replace(".", ","), base: money(l.base), amount: money(l.amount) })),
  };
}

/** "1.234,56", "1234,56" and "1234.56" → 1234.56; "" → null; anything else → NaN. */
export function parseArNumber(text: string): number | null {
  const s = text.trim().replace(/^\$\s*/, "").replace(/\s/g, "");
  if (!s) return null;
  const normal = s.includes(",") ? s.replace(/\./g, "").replace(",", ".") : (s.match(/\./g) ?? []).length > 1 ? s.replace(/\./g, "") : s;
  return /^-?\d+(\.\d+)?$/.test(normal) ? Number(normal) : NaN;
}

const RULES: Partial<Record<InvoiceFieldName, string>> = {
  tipoCodigo: "Código AFIP entre 1 y 999",
  puntoVenta: "Punto de venta entre 0 y 99999",
  numero: "Número de hasta 8 dígitos",
  fecha: "Fecha inválida",
  caeVencimiento: "Fecha inválida",
  moneda: "Código de moneda de 3 letras (PES, DOL, 060…)",
  cotizacion: "La cotización debe ser mayor que 0",
  iva: "Alícuota entre 0 y 100",
};

/** Values → fields, with a Spanish message per field that does not parse or validate. */
export function fromFormValues(v: FormValues): { fields: Partial<InvoiceFields>; errors: Partial<Record<InvoiceFieldName, string>> } {
  const fields: Partial<InvoiceFields> = {};
  const errors: Partial<Record<InvoiceFieldName, string>> = {};
  for (const k of INTS) {
    const t = v[k].trim();
    const n = t === "" ? null : /^\d+$/.test(t) ? Number(t) : NaN;
    if (Number.isNaN(n)) errors[k] = "Ingresá un número entero";
    else fields[k] = n;
  }
  for (const k of DECIMALS) {
    const n = parseArNumber(v[k]);
    if (Number.isNaN(n)) errors[k] = "Ingresá un importe, p. ej. 1234,56";
    else fields[k] = n == null ? null : Math.round(n * (k === "cotizacion" ? 1e6 : 100)) / (k === "cotizacion" ? 1e6 : 100);
  }
  for (const k of TEXTS) fields[k] = v[k].trim() === "" ? null : k === "moneda" ? v[k].trim().toUpperCase() : v[k].trim();
  for (const k of CUITS) {
    const digits = v[k].replace(/[\s.-]/g, "");
    fields[k] = digits === "" ? null : digits;
  }
  const iva: IvaLine[] = [];
  for (const row of v.iva) {
    const rate = parseArNumber(row.rate);
    const base = parseArNumber(row.base);
    const amount = parseArNumber(row.amount);
    if (rate == null && base == null && amount == null) continue;
    if (rate == null || Number.isNaN(rate) || Number.isNaN(base) || amount == null || Number.isNaN(amount)) {
      errors.iva = "Cada línea de IVA necesita alícuota e importe válidos";
      continue;
    }
    iva.push({ rate, base, amount: Math.round(amount * 100) / 100 });
  }
  fields.iva = iva.length ? iva : null;
  const parsed = invoiceFieldsSchema.partial().safeParse(fields);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const k = issue.path[0] as InvoiceFieldName;
      errors[k] ??= /^(CUIT|CAE)/.test(issue.message) ? issue.message : (RULES[k] ?? "Valor inválido");
    }
  }
  return { fields, errors };
}
