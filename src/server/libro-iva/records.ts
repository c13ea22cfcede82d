/**
 * One purchase document → its COMPRAS_CBTE record (325 characters, 25 fields) and its
 * COMPRAS_ALICUOTAS records (84 characters, 8 fields), per brief libro-iva-digital.md §3–§6, or
 * the reasons it cannot be written. Pure: no database. Every reason is a blocker: a document that
 * would break a record never reaches the file.
 */
import { isValidCuit } from "@/lib/cuit";
import { alicuotaCode, classifyTipo, CREDIT_NOTES, DESPACHO_NON_IMPORT, monedaCode, OPERACION_B_C } from "./codes";
import { alpha, amount, exchangeRate, MAX_AMOUNT_CENTS, MAX_EXCHANGE_RATE, numeric, toCents, yyyymmdd } from "./format";

type Amount = { toString(): string } | number | null;

/** The document fields the records need (a Document row fits). Amounts in the document's currency. */
export type LibroSource = {
  id: string;
  tipoCodigo: number | null;
  puntoVenta: number | null;
  numero: bigint | number | null;
  fecha: Date | string | null;
  proveedorCuit: string | null;
  proveedorRazonSocial: string | null;
  neto: Amount;
  iva: unknown;
  total: Amount;
  moneda: string | null;
  cotizacion: Amount;
  noGravado: Amount;
  exento: Amount;
  percepcionesIva: Amount;
  percepcionesIibb: unknown;
  impuestosInternos: Amount;
  otrosTributos: Amount;
  /** "Importe Otros Tributos" as printed (the sum the breakdown fields split); optional. */
  otrosImpuestos?: Amount;
};

/** The review page field a person fixes; null when the fix is elsewhere (e.g. a duplicate). */
export type LibroIssue = { documentId: string; code: LibroIssueCode; field: string | null; message: string };
export type LibroIssueCode = "NOT_REVIEWED" | "MISSING_FIELD" | "INVALID_FIELD" | "TIPO_NOT_SUPPORTED" | "TOTAL_MISMATCH" | "DUPLICATE" | "ZERO_TOTAL" | "FOREIGN_CURRENCY" | "NO_CLIENT" | "NO_DATE";

/** Per-rate figures in pesos (centavos). */
export type AlicuotaLine = { code: string; rate: number; neto: number; iva: number };

export type LibroEntry = {
  documentId: string;
  cbte: string;
  alicuotas: string[];
  /** For the summary (centavos, pesos). */
  figures: { tipo: number; total: number; noGravado: number; exento: number; percepcionesIva: number; percepcionesIibb: number; impuestosInternos: number; otrosTributos: number; creditoFiscal: number; lines: AlicuotaLine[] };
  /** Non-blocking notes (a foreign currency converted to pesos). */
  warnings: LibroIssue[];
};

export type BuildResult = { ok: true; entry: LibroEntry } | { ok: false; issues: LibroIssue[] };

/**
 * Foreign currency (§11 decision 1, docs/libro-iva-digital.md): amounts are written in PESOS,
 * converted at the document's cotización (RG 3685 Especificaciones: "importes en pesos"), with the
 * original moneda code and the rate in fields 17–18. Each amount is converted and rounded on its
 * own; for comprobantes that discriminate IVA the total is the sum of the converted parts, so the
 * §6.3 equation holds exactly.
 */
export const FOREIGN_AMOUNTS_IN = "PESOS" as const;

type IvaIn = { rate: number; base: number | null; amount: number };

function ivaLines(value: unknown): IvaIn[] | null {
  if (!Array.isArray(value)) return null;
  return value.filter((l): l is IvaIn => typeof l === "object" && l !== null && typeof (l as IvaIn).rate === "number" && typeof (l as IvaIn).amount === "number");
}

function iibbCents(value: unknown): number {
  if (!Array.isArray(value)) return 0;
  return value.reduce((s: number, p: { amount?: unknown }) => s + (typeof p?.amount === "number" ? Math.round(p.amount * 100) : 0), 0);
}

const fmtPesos = (cents: number) => (cents / 100).toLocaleString("es-AR", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function buildRecords(doc: LibroSource): BuildResult {
  const issues: LibroIssue[] = [];
  const block = (code: LibroIssueCode, field: string | null, message: string) => issues.push({ documentId: doc.id, code, field, message });

  // Identity of the comprobante.
  const tipo = doc.tipoCodigo;
  const tipoClass = tipo == null ? null : classifyTipo(tipo);
  if (tipo == null) block("MISSING_FIELD", "tipoCodigo", "Falta el tipo de comprobante");
  else if (tipoClass?.kind === "refused") block("TIPO_NOT_SUPPORTED", "tipoCodigo", `No se puede informar: ${tipoClass.reason}`);
  if (doc.puntoVenta == null) block("MISSING_FIELD", "puntoVenta", "Falta el punto de venta");
  else if (doc.puntoVenta < 1 || doc.puntoVenta > 99998) block("INVALID_FIELD", "puntoVenta", `Punto de venta ${doc.puntoVenta} fuera de rango (1 a 99998)`);
  if (doc.numero == null) block("MISSING_FIELD", "numero", "Falta el número de comprobante");
  else if (Number(doc.numero) < 1) block("INVALID_FIELD", "numero", "El número de comprobante debe ser mayor que cero");
  if (doc.fecha == null) block("MISSING_FIELD", "fecha", "Falta la fecha del comprobante");
  if (!doc.proveedorCuit) block("MISSING_FIELD", "proveedorCuit", "Falta el CUIT del proveedor (el libro exige código 80 con CUIT válido)");
  else if (!/^\d{11}$/.test(doc.proveedorCuit) || !isValidCuit(doc.proveedorCuit)) block("INVALID_FIELD", "proveedorCuit", `CUIT del proveedor inválido (${doc.proveedorCuit}): revisá el dígito verificador`);
  if (!doc.proveedorRazonSocial?.trim()) block("MISSING_FIELD", "proveedorRazonSocial", "Falta la razón social del proveedor");
  if (doc.total == null) block("MISSING_FIELD", "total", "Falta el importe total");

  // Currency.
  const moneda = monedaCode(doc.moneda);
  const foreign = moneda !== null && moneda !== "PES";
  const rate = foreign ? Number(doc.cotizacion?.toString() ?? NaN) : 1;
  if (moneda === null) block("INVALID_FIELD", "moneda", `Moneda «${doc.moneda}» sin código AFIP conocido`);
  else if (foreign && !(rate > 0)) block("MISSING_FIELD", "cotizacion", `Comprobante en ${doc.moneda}: falta la cotización`);
  else if (foreign && rate === 1) block("INVALID_FIELD", "cotizacion", `Comprobante en ${doc.moneda} con cotización 1: casi seguro un error de lectura`);
  else if (foreign && rate > MAX_EXCHANGE_RATE) block("INVALID_FIELD", "cotizacion", `Cotización ${rate} mayor que la que admite el libro (9999,999999)`);
  if (issues.length) return { ok: false, issues };

  const inCurrency = (v: Amount) => Math.abs(toCents(v)); // the document's own currency, centavos; credit notes: positive (§2)
  const toPesos = (v: Amount) => Math.round(inCurrency(v) * rate);
  const linesIn = ivaLines(doc.iva) ?? [];
  const noGravado = toPesos(doc.noGravado);
  const exento = toPesos(doc.exento);
  const percIva = toPesos(doc.percepcionesIva);
  const percIibb = Math.abs(Math.round(iibbCents(doc.percepcionesIibb) * rate));
  const internos = toPesos(doc.impuestosInternos);
  const otros = toPesos(doc.otrosTributos);
  const printedTotal = toPesos(doc.total);

  let lines: AlicuotaLine[] = [];
  let operacion = " ";
  let total = printedTotal;
  if (tipoClass!.kind === "alicuotas") {
    // Group by rate (§6.1: at most one record per rate).
    const byCode = new Map<string, AlicuotaLine>();
    const netoCents = toPesos(doc.neto);
    let linesInCurrency = 0; // Σ neto + IVA as printed, for the §6.3 check of a foreign-currency comprobante
    for (const l of linesIn) {
      const code = alicuotaCode(l.rate);
      if (!code) {
        block("INVALID_FIELD", "iva", `Alícuota de IVA ${String(l.rate).replace(".", ",")} % no existe en la tabla de AFIP`);
        continue;
      }
      let base = l.base;
      if (base == null) {
        if (linesIn.length === 1 && doc.neto != null) base = Number(doc.neto.toString());
        else {
          block("MISSING_FIELD", "iva", `Falta el neto gravado de la alícuota ${String(l.rate).replace(".", ",")} %`);
          continue;
        }
      }
      const prev = byCode.get(code) ?? { code, rate: l.rate, neto: 0, iva: 0 };
      byCode.set(code, { ...prev, neto: prev.neto + toPesos(base), iva: prev.iva + toPesos(l.amount) });
      linesInCurrency += inCurrency(base) + inCurrency(l.amount);
    }
    lines = [...byCode.values()];
    const taxed = lines.some((l) => l.iva > 0 || (l.rate > 0 && l.neto > 0));
    if (!lines.length && netoCents > 0) block("MISSING_FIELD", "iva", "Hay neto gravado pero no el IVA por alícuota");
    if (!taxed && lines.every((l) => l.neto === 0)) {
      // Entirely exento / no gravado A (§6.1): one 0 % record with zeros and code E or N.
      if (exento > 0) operacion = "E";
      else if (noGravado > 0) operacion = "N";
      else if (!issues.length) block("INVALID_FIELD", "iva", "Comprobante A/M sin neto gravado, exento ni no gravado");
      lines = [{ code: "0003", rate: 0, neto: 0, iva: 0 }];
    }
    if (lines.length > 9) block("INVALID_FIELD", "iva", "Más de 9 alícuotas de IVA");
    const parts = lines.reduce((s, l) => s + l.neto + l.iva, 0) + noGravado + exento + percIva + percIibb + internos + otros;
    // §6.3 is checked as printed (a foreign-currency comprobante in its own currency); the file then
    // carries the converted parts, so the equation also holds exactly in pesos (FOREIGN_AMOUNTS_IN).
    const printedParts = foreign
      ? linesInCurrency + [doc.noGravado, doc.exento, doc.percepcionesIva, doc.impuestosInternos, doc.otrosTributos].reduce((s: number, v) => s + inCurrency(v), 0) + Math.abs(iibbCents(doc.percepcionesIibb))
      : parts;
    const printed = foreign ? inCurrency(doc.total) : printedTotal;
    if (foreign) total = parts;
    if (printedParts !== printed && inCurrency(doc.otrosImpuestos ?? null) > 0 && [doc.noGravado, doc.exento, doc.percepcionesIva, doc.impuestosInternos, doc.otrosTributos].every((v) => v == null) && !iibbCents(doc.percepcionesIibb)) {
      // The printed "Otros tributos" was never split: the book needs to know which fields it goes to.
      block("MISSING_FIELD", "otrosTributos", `Falta el detalle de «Otros tributos» (${fmtPesos(inCurrency(doc.otrosImpuestos ?? null))}): indicá cuánto es percepción de IVA, de IIBB, impuestos internos u otros`);
    } else if (printedParts !== printed) {
      block(
        "TOTAL_MISMATCH",
        "total",
        `El total ${fmtPesos(printed)} no es la suma de neto, IVA, no gravado, exento, percepciones, internos y otros tributos (${fmtPesos(printedParts)}; diferencia ${fmtPesos(printed - printedParts)})` +
          (Math.abs(printed - printedParts) === 1 ? ": si el proveedor redondeó, ajustá el no gravado en 0,01" : ""),
      );
    }
  } else {
    operacion = OPERACION_B_C;
  }
  if (issues.length) return { ok: false, issues };

  for (const [name, v] of Object.entries({ total, noGravado, exento, percIva, percIibb, internos, otros })) {
    if (v > MAX_AMOUNT_CENTS) return { ok: false, issues: [{ documentId: doc.id, code: "INVALID_FIELD", field: "total", message: `Importe demasiado grande para el libro (${name})` }] };
  }

  const withAlicuotas = tipoClass!.kind === "alicuotas";
  const creditoFiscal = withAlicuotas ? lines.reduce((s, l) => s + l.iva, 0) : 0;
  const tipo3 = numeric(tipo!, 3);
  const pv = numeric(doc.puntoVenta!, 5);
  const nro = numeric(String(doc.numero), 20);
  const cuit20 = numeric(doc.proveedorCuit!, 20);

  const cbte = [
    yyyymmdd(doc.fecha!), // 1
    tipo3, // 2
    pv, // 3
    nro, // 4
    DESPACHO_NON_IMPORT, // 5
    "80", // 6
    cuit20, // 7
    alpha(doc.proveedorRazonSocial!.trim(), 30), // 8
    amount(total), // 9
    amount(noGravado), // 10
    amount(exento), // 11
    amount(percIva), // 12
    amount(0), // 13 otros nacionales: no separate field yet (they are in otros tributos, 22)
    amount(percIibb), // 14
    amount(0), // 15 municipales: in otros tributos (22)
    amount(internos), // 16
    alpha(moneda!, 3), // 17
    exchangeRate(rate), // 18
    String(withAlicuotas ? lines.length : 0), // 19
    operacion, // 20
    amount(creditoFiscal), // 21
    amount(otros), // 22
    "0".repeat(11), // 23
    " ".repeat(30), // 24
    amount(0), // 25
  ].join("");
  const alicuotas = withAlicuotas ? lines.map((l) => [tipo3, pv, nro, "80", cuit20, amount(l.neto), l.code, amount(l.iva)].join("")) : [];
  if (cbte.length !== 325 || alicuotas.some((r) => r.length !== 84)) throw new Error(`registro de largo inválido para ${doc.id}`);

  const warnings: LibroIssue[] = foreign
    ? [{ documentId: doc.id, code: "FOREIGN_CURRENCY", field: "cotizacion", message: `Comprobante en ${doc.moneda}: importes convertidos a pesos a la cotización ${String(rate).replace(".", ",")}` }]
    : [];
  return {
    ok: true,
    entry: {
      documentId: doc.id,
      cbte,
      alicuotas,
      warnings,
      figures: { tipo: tipo!, total, noGravado, exento, percepcionesIva: percIva, percepcionesIibb: percIibb, impuestosInternos: internos, otrosTributos: otros, creditoFiscal, lines: withAlicuotas ? lines : [] },
    },
  };
}

export const isCreditNote = (tipo: number) => CREDIT_NOTES.has(tipo);
