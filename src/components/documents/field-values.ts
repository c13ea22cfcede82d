/** Between the review form's text inputs and InvoiceFields: es-AR numbers, CUIT with or without dashes. */
import { invoiceFieldsSchema, type InvoiceFieldName, type InvoiceFields, type IvaLine, type PercepcionIibb } from "@/lib/documents/fields";

export type IvaRow = { rate: string; base: string; amount: string };
export type IibbRow = { jurisdiccion: string; amount: string };
export type FormValues = Record<Exclude<InvoiceFieldName, "iva" | "tipo" | "percepcionesIibb">, string> & { iva: IvaRow[]; percepcionesIibb: IibbRow[] };

const INTS = ["tipoCodigo", "puntoVenta", "numero"] as const;
const DECIMALS = ["neto", "otrosImpuestos", "total", "cotizacion", "noGravado", "exento", "percepcionesIva", "impuestosInternos", "otrosTributos"] as const;
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
    noGravado: money(f.noGravado),
    exento: money(f.exento),
    percepcionesIva: money(f.percepcionesIva),
    percepcionesIibb: (f.percepcionesIibb ?? []).map((p) => ({ jurisdiccion: p.jurisdiccion ?? "", amount: money(p.amount) })),
    impuestosInternos: money(f.impuestosInternos),
    otrosTributos: money(f.otrosTributos),
  };
}

/** "1.234,56", "1234,56" and "1234.56" → 1234.56; "" → null; anything else → NaN. */
export function parseArNumber(text: string): number | null {
  const s = text.trim().replace(/^\$\s*/, "").replace(/\s/g, "");
  if (!s) return null;
  const normal = s.includes(",") ? s.replace(/\./g, "").replace(",", ".") : (s.match(/\./g) ?? []).length > 1 ? s.replace(/\./g, "") : s;
  return /^-?\d+(\.\d+)?$/.test(normal) ? Number(normal) : NaN;
}

/** Fields with a rule of their own in the "documents" messages (`validation.rules.<field>`). */
const RULES: ReadonlySet<InvoiceFieldName> = new Set(["tipoCodigo", "puntoVenta", "numero", "fecha", "caeVencimiento", "moneda", "cotizacion", "iva"]);

/** The "documents" translator, for the messages below. */
export type Translate = (key: string) => string;

/** Values → fields, with a message (from `t`) per field that does not parse or validate. */
export function fromFormValues(v: FormValues, t: Translate): { fields: Partial<InvoiceFields>; errors: Partial<Record<InvoiceFieldName, string>> } {
  const fields: Partial<InvoiceFields> = {};
  const errors: Partial<Record<InvoiceFieldName, string>> = {};
  for (const k of INTS) {
    const text = v[k].trim();
    const n = text === "" ? null : /^\d+$/.test(text) ? Number(text) : NaN;
    if (Number.isNaN(n)) errors[k] = t("validation.integer");
    else fields[k] = n;
  }
  for (const k of DECIMALS) {
    const n = parseArNumber(v[k]);
    if (Number.isNaN(n)) errors[k] = t("validation.amount");
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
      errors.iva = t("validation.ivaLine");
      continue;
    }
    iva.push({ rate, base, amount: Math.round(amount * 100) / 100 });
  }
  fields.iva = iva.length ? iva : null;
  const iibb: PercepcionIibb[] = [];
  for (const row of v.percepcionesIibb) {
    const amount = parseArNumber(row.amount);
    const jurisdiccion = row.jurisdiccion.trim() || null;
    if (amount == null && !jurisdiccion) continue;
    if (amount == null || Number.isNaN(amount)) {
      errors.percepcionesIibb = t("validation.iibbLine");
      continue;
    }
    iibb.push({ jurisdiccion, amount: Math.round(amount * 100) / 100 });
  }
  fields.percepcionesIibb = iibb.length ? iibb : null;
  const parsed = invoiceFieldsSchema.partial().safeParse(fields);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const k = issue.path[0] as InvoiceFieldName;
      errors[k] ??= /^(CUIT|CAE)/.test(issue.message) ? issue.message : (RULES.has(k) ? t(`validation.rules.${k}`) : t("validation.invalid"));
    }
  }
  return { fields, errors };
}

/**
 * The fields a person actually edited: those whose text in the form differs from what the form
 * showed at first. Comparing parsed values with the stored ones instead would turn every
 * normalisation into a phantom correction (an extracted empty IVA list reads back as null).
 */
export function editedFields(initial: FormValues, current: FormValues, parsed: Partial<InvoiceFields>): Partial<InvoiceFields> {
  const out: Partial<InvoiceFields> = {};
  for (const key of Object.keys(current) as (keyof FormValues)[]) {
    const rows = key === "iva" || key === "percepcionesIibb";
    const before = rows ? JSON.stringify(initial[key]) : initial[key].trim();
    const after = rows ? JSON.stringify(current[key]) : current[key].trim();
    if (before !== after && key in parsed) (out as Record<string, unknown>)[key] = parsed[key];
  }
  return out;
}
