/**
 * Label rules over reconstructed text lines (PDF text layer or OCR): Argentine labels, number
 * formats, issuer vs receiver CUIT, the pre-QR interleaved 2-of-5 barcode digits.
 */
import type { FieldMetaMap, FieldSource, InvoiceFields, IvaLine } from "@/lib/documents/fields";
import { comprobanteByCode, comprobanteCodeFor, isKnownComprobante } from "./comprobantes";
import { isValidCuit } from "./cuit";
import { parseAmount, parseDate, round2 } from "./formats";

export type RuleResult = { fields: Partial<InvoiceFields>; meta: FieldMetaMap; notes: string[] };

const AMOUNT_SRC = String.raw`-?\$?\s?-?\d+(?:[.,]\d{3})*(?:[.,]\d{1,4})?-?`;
const AMOUNT_RE = new RegExp(AMOUNT_SRC, "g");
const DATE_SRC = String.raw`\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?\d{2,4}`;
const DATE_RE = new RegExp(DATE_SRC, "g");

const RECEIVER_LABEL = /(cliente|se[ñn]or(?:es)?|sr\.?\s*\(?es\)?|receptor|comprador|adquirente|apellido\s+y\s+nombre|destinatario|facturar\s+a|datos\s+del\s+cliente)/i;

function norm(s: string): string {
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}

/** Amounts in a string, in order (ignoring dates, percentages and CUIT-like numbers). */
function amountsIn(s: string): number[] {
  const cleaned = s.replace(DATE_RE, " ").replace(/\d+(?:[.,]\d+)?\s?%/g, " ").replace(/\b\d{2}-?\d{8}-?\d\b/g, " ");
  const out: number[] = [];
  for (const m of cleaned.matchAll(AMOUNT_RE)) {
    const tok = m[0].replace(/\s/g, "");
    if (!/[.,]\d{1,4}-?$/.test(tok) && !/\$/.test(tok)) {
      // integers without decimals are rarely amounts on AFIP layouts; still accept when preceded by $
      continue;
    }
    const v = parseAmount(tok);
    if (v != null) out.push(v);
  }
  return out;
}

/** First amount after `label` on the same line, else on the next line. */
function amountAfter(lines: string[], i: number, labelEnd: number): number | null {
  const same = amountsIn(lines[i]!.slice(labelEnd));
  if (same.length) return same[0]!;
  const next = lines[i + 1];
  if (next !== undefined) {
    const nx = amountsIn(next);
    if (nx.length === 1) return nx[0]!;
  }
  return null;
}

type Cand<T> = { value: T; score: number };

function pick<T>(cands: Cand<T>[], eq: (a: T, b: T) => boolean = (a, b) => a === b): Cand<T> | null {
  if (!cands.length) return null;
  const best = [...cands].sort((a, b) => b.score - a.score)[0]!;
  const conflicting = cands.some((c) => c.score >= best.score - 0.05 && !eq(c.value, best.value));
  return conflicting ? { value: best.value, score: Math.min(best.score, 0.6) } : best;
}

/** Parses the RG 1702 barcode digits: CUIT + tipo(2|3) + PV(4|5) + CAE(14) + vto(8) + check. */
export function parseBarcodeDigits(digits: string): { cuit: string; tipo: number; pv: number; cae: string; caeVto: string | null } | null {
  if (!/^\d{39,42}$/.test(digits)) return null;
  let sum = 0;
  for (let i = 0; i < digits.length - 1; i++) sum += Number(digits[i]) * (i % 2 === 0 ? 3 : 1);
  const check = (10 - (sum % 10)) % 10;
  if (check !== Number(digits[digits.length - 1])) return null;
  const cuit = digits.slice(0, 11);
  const rest = digits.slice(11, -1); // tipo + pv + cae(14) + vto(8)
  const tail = rest.slice(-22);
  const head = rest.slice(0, -22); // tipo + pv: 6..8 digits
  const splits: [number, number][] = head.length === 8 ? [[3, 5]] : head.length === 7 ? [[3, 4], [2, 5]] : head.length === 6 ? [[2, 4]] : [];
  for (const [t] of splits) {
    const tipo = Number(head.slice(0, t));
    const pv = Number(head.slice(t));
    if (!isKnownComprobante(tipo)) continue;
    return { cuit, tipo, pv, cae: tail.slice(0, 14), caeVto: parseDate(tail.slice(14)) };
  }
  return null;
}

export function extractFieldsFromLines(lines: string[], source: FieldSource, ceiling = 1): RuleResult {
  const fields: Partial<InvoiceFields> = {};
  const meta: FieldMetaMap = {};
  const notes: string[] = [];
  const set = <K extends keyof InvoiceFields>(name: K, c: Cand<NonNullable<InvoiceFields[K]>> | null) => {
    if (!c) return;
    fields[name] = c.value as InvoiceFields[K];
    meta[name] = { source, confidence: round2(Math.min(ceiling, c.score)) };
  };
  const nlines = lines.map(norm);

  // ---- barcode digits (pre-QR): strongest text evidence for CUIT/tipo/PV/CAE
  let barcode: ReturnType<typeof parseBarcodeDigits> = null;
  for (const l of lines) {
    for (const m of l.replace(/\s/g, "").matchAll(/\d{39,42}/g)) {
      barcode = parseBarcodeDigits(m[0]);
      if (barcode) break;
    }
    if (barcode) break;
  }
  if (barcode) notes.push("Código de barras AFIP (RG 1702) leído del texto");

  // ---- tipo
  const tipoC: Cand<number>[] = [];
  for (const l of nlines) {
    const m = /\bc[oó]d(?:igo)?\.?\s*(?:comp(?:robante)?\.?)?\s*(?:n[°ºo]\.?)?\s*:?\s*(\d{1,3})\b/i.exec(l);
    if (m && isKnownComprobante(Number(m[1]))) tipoC.push({ value: Number(m[1]), score: 0.9 });
  }
  if (barcode) tipoC.push({ value: barcode.tipo, score: 0.95 });
  if (!tipoC.length) {
    const head = nlines.slice(0, 25).join("\n");
    const kind = /nota\s+de\s+cr[eé]dito/i.test(head)
      ? "NOTA_CREDITO"
      : /nota\s+de\s+d[eé]bito/i.test(head)
        ? "NOTA_DEBITO"
        : /\bfactura\b/i.test(head)
          ? "FACTURA"
          : /\brecibo\b/i.test(head)
            ? "RECIBO"
            : null;
    const letterLine = nlines.slice(0, 25).find((l) => /^\s*[ABCME]\s*$/.test(l)) ?? nlines.slice(0, 25).find((l) => /(?:factura|nota de cr[eé]dito|nota de d[eé]bito)\s+["“]?([ABCME])["”]?\b/i.test(l));
    const letter = letterLine ? (/^\s*([ABCME])\s*$/.exec(letterLine)?.[1] ?? /(?:factura|cr[eé]dito|d[eé]bito)\s+["“]?([ABCME])\b/i.exec(letterLine)?.[1]) : null;
    if (kind && letter) {
      const code = comprobanteCodeFor(kind, letter.toUpperCase());
      if (code) tipoC.push({ value: code, score: 0.7 });
    }
  }
  const tipo = pick(tipoC);
  if (tipo) {
    set("tipoCodigo", tipo);
    set("tipo", { value: comprobanteByCode(tipo.value).tipo, score: tipo.score });
  }

  // ---- punto de venta + número
  const pvC: Cand<number>[] = [];
  const nroC: Cand<number>[] = [];
  for (let i = 0; i < nlines.length; i++) {
    const l = nlines[i]!;
    let m = /punto\s+de\s+venta\s*:?\s*(\d{1,5})\s+comp(?:robante)?\.?\s*n(?:ro|°|º|o)?\.?\s*:?\s*(\d{1,8})/i.exec(l);
    if (m) {
      pvC.push({ value: Number(m[1]), score: 0.92 });
      nroC.push({ value: Number(m[2]), score: 0.92 });
      continue;
    }
    m = /(?:n(?:ro|°|º|o|\*)?\.?|numero|comprobante)\s*:?\s*(\d{4,5})\s*-\s*(\d{8})\b/i.exec(l);
    if (m) {
      pvC.push({ value: Number(m[1]), score: 0.9 });
      nroC.push({ value: Number(m[2]), score: 0.9 });
      continue;
    }
    m = /(?:factura|nota de cr[eé]dito|nota de d[eé]bito|recibo)[^\d]{0,20}(\d{4,5})\s*-\s*(\d{8})\b/i.exec(l);
    if (m) {
      pvC.push({ value: Number(m[1]), score: 0.88 });
      nroC.push({ value: Number(m[2]), score: 0.88 });
    }
  }
  if (!pvC.length) {
    for (const l of nlines) {
      const m = /(?:^|\s)(\d{4,5})\s?-\s?(\d{8})(?:\s|$)/.exec(l);
      if (m && !/cuit|c\.u\.i\.t|ingresos|iibb/i.test(l)) {
        pvC.push({ value: Number(m[1]), score: 0.6 });
        nroC.push({ value: Number(m[2]), score: 0.6 });
        break;
      }
    }
  }
  if (barcode) pvC.push({ value: barcode.pv, score: 0.95 });
  set("puntoVenta", pick(pvC));
  set("numero", pick(nroC));

  // ---- fecha
  const fechaC: Cand<string>[] = [];
  for (const l of nlines) {
    const m = new RegExp(String.raw`fecha(?:\s+de)?(?:\s+emisi[oó]n)?\s*:?\s*(${DATE_SRC})`, "i").exec(l);
    if (m && !/vto|venc|inicio|desde|hasta|per[ií]odo|pago/i.test(l.slice(0, m.index + 12))) {
      const d = parseDate(m[1]!.replace(/\s/g, ""));
      if (d) fechaC.push({ value: d, score: /emisi/i.test(m[0]) ? 0.93 : 0.88 });
    }
  }
  if (!fechaC.length) {
    for (const l of nlines) {
      if (/vto|venc|inicio|desde|hasta|per[ií]odo|cae/i.test(l)) continue;
      const m = new RegExp(DATE_SRC).exec(l);
      const d = m ? parseDate(m[0].replace(/\s/g, "")) : null;
      if (d) {
        fechaC.push({ value: d, score: 0.5 });
        break;
      }
    }
  }
  set("fecha", pick(fechaC.filter((c) => c.score === Math.max(...fechaC.map((x) => x.score)))));

  // ---- CUITs: issuer vs receiver
  const cuits: { cuit: string; line: number; receiver: boolean }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (/\d{39,}/.test(l.replace(/\s/g, ""))) continue; // barcode line
    for (const m of l.matchAll(/(?<!\d)(\d{2})[-\s.]?(\d{8})[-\s.]?(\d)(?!\d)/g)) {
      const cuit = `${m[1]}${m[2]}${m[3]}`;
      if (!isValidCuit(cuit)) continue;
      const before = norm(l.slice(Math.max(0, m.index - 60), m.index));
      if (/ingresos\s+brutos|iibb|ing\.?\s*br/i.test(before.slice(-25))) continue;
      const prev = i > 0 ? norm(lines[i - 1]!) : "";
      const receiver = RECEIVER_LABEL.test(norm(l)) || (RECEIVER_LABEL.test(prev) && !/cuit/i.test(prev));
      cuits.push({ cuit, line: i, receiver });
    }
  }
  const uniq = [...new Map(cuits.map((c) => [c.cuit, c])).values()];
  let issuer: Cand<string> | null = null;
  if (barcode && isValidCuit(barcode.cuit)) issuer = { value: barcode.cuit, score: 0.97 };
  else {
    const firstNonReceiver = uniq.find((c) => !c.receiver);
    if (firstNonReceiver) issuer = { value: firstNonReceiver.cuit, score: uniq.length === 1 ? 0.85 : 0.88 };
  }
  set("proveedorCuit", issuer);
  const receiver = uniq.find((c) => c.cuit !== issuer?.value && (c.receiver || true));
  if (receiver) set("receptorCuit", { value: receiver.cuit, score: receiver.receiver ? 0.88 : 0.7 });

  // ---- razón social (issuer) and receptor nombre
  const rsC: Cand<string>[] = [];
  const recvNameC: Cand<string>[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const recv = /(apellido\s+y\s+nombre\s*\/?\s*raz[oó]n\s+social|se[ñn]or(?:es)?|sr\.?\s*\(?es\)?|cliente)\s*:\s*(.+?)(?:\s{3,}|$)/i.exec(l);
    if (recv && recv[2]!.trim().length > 1) {
      recvNameC.push({ value: clean(recv[2]!), score: 0.88 });
      continue;
    }
    const m = /raz[oó]n\s+social\s*:\s*(.+?)(?:\s{3,}|$)/i.exec(l);
    if (m && m[1]!.trim().length > 1) {
      if (!rsC.length) rsC.push({ value: clean(m[1]!), score: 0.9 });
      else if (!recvNameC.length) recvNameC.push({ value: clean(m[1]!), score: 0.75 });
    }
  }
  if (!rsC.length) {
    const head = lines.slice(0, 15).flatMap((l) => l.split(/\s{3,}/)).map(stripKind).filter((p) => p.length > 3 && !RECEIVER_LABEL.test(p));
    const company = head.find((p) => /\b(S\.?\s?A\.?|S\.?\s?R\.?\s?L\.?|S\.?\s?A\.?\s?S\.?|S\.?\s?C\.?|COOP(?:ERATIVA)?\.?|LTDA\.?)(?:\s|$)/.test(p));
    if (company) rsC.push({ value: clean(company), score: 0.6 });
    else {
      const upper = head.find((p) => /^[A-ZÁÉÍÓÚÑÜ][A-ZÁÉÍÓÚÑÜ.,&'\- ]{4,}$/.test(p) && p.trim().split(/\s+/).length >= 2 && !/\b(ORIGINAL|DUPLICADO|TRIPLICADO|FACTURA|NOTA|RECIBO|COD|CUIT|IVA)\b/.test(p));
      if (upper) rsC.push({ value: clean(upper), score: 0.55 });
    }
  }
  set("proveedorRazonSocial", rsC[0] ?? null);
  set("receptorNombre", recvNameC[0] ?? null);

  // ---- amounts
  const totalC: Cand<number>[] = [];
  const netoC: Cand<number>[] = [];
  const otrosC: Cand<number>[] = [];
  const iva = new Map<number, IvaLine>();
  for (let i = 0; i < nlines.length; i++) {
    const l = nlines[i]!;
    // header row of labels, values on the next line
    const labelsInRow = [...l.matchAll(/(subtotal|neto(?:\s+gravado)?|iva\s*\d+(?:[.,]\d+)?\s*%|percepciones|otros\s+(?:tributos|impuestos)|total)/gi)];
    const nextAmounts = i + 1 < nlines.length ? amountsIn(nlines[i + 1]!) : [];
    if (labelsInRow.length >= 2 && amountsIn(l).length === 0 && nextAmounts.length === labelsInRow.length) {
      labelsInRow.forEach((lm, k) => {
        const label = lm[1]!.toLowerCase();
        const v = nextAmounts[k]!;
        if (label.startsWith("total")) totalC.push({ value: v, score: 0.85 });
        else if (label.startsWith("percep") || label.startsWith("otros")) otrosC.push({ value: v, score: 0.8 });
        else if (label.startsWith("iva")) {
          const rate = Number(/(\d+(?:[.,]\d+)?)/.exec(label)![1]!.replace(",", "."));
          iva.set(rate, { rate, base: null, amount: v });
        } else netoC.push({ value: v, score: 0.8 });
      });
      continue;
    }
    for (const m of l.matchAll(/(importe\s+total|total\s+a\s+pagar|total\s+factura(?:do)?|(?<!sub)total(?:\s+general)?)\s*(?:\(?\$\)?|ars)?\s*:?/gi)) {
      if (/total\s+(?:iva|neto|bonif|percep|otros|exento|no\s+grav|descuento|items?)/i.test(l.slice(m.index, m.index + 20))) continue;
      const v = amountAfter(nlines, i, m.index + m[0].length);
      if (v != null) totalC.push({ value: v, score: /importe\s+total|total\s+a\s+pagar/i.test(m[0]) ? 0.92 : 0.8 });
    }
    const neto = /(importe\s+neto\s+gravado|neto\s+gravado|importe\s+neto|subtotal(?!\s+c\/iva))\s*(?:\$)?\s*:?/i.exec(l);
    if (neto) {
      const v = amountAfter(nlines, i, neto.index + neto[0].length);
      if (v != null) netoC.push({ value: v, score: /neto/i.test(neto[1]!) ? 0.9 : 0.7 });
    }
    for (const m of l.matchAll(/\biva\s*(27|21|10[.,]5|5|2[.,]5|0)(?:[.,]0+)?\s*%\s*:?\s*\$?/gi)) {
      const rate = Number(m[1]!.replace(",", "."));
      const after = amountsIn(l.slice(m.index + m[0].length));
      if (after.length) iva.set(rate, { rate, base: null, amount: after[0]! });
    }
    const otros = /importe\s+otros\s+tributos|otros\s+tributos|percepciones/i.exec(l);
    if (otros) {
      const after = amountsIn(l.slice(otros.index + otros[0].length));
      if (after.length) otrosC.push({ value: after[0]!, score: 0.85 });
    }
  }
  // prefer the last total with the strongest label (totals are at the bottom)
  const bestTotal = totalC.length ? totalC.reduce((a, b) => (b.score >= a.score ? b : a)) : null;
  if (bestTotal) {
    const same = totalC.filter((c) => c.score === bestTotal.score);
    const distinct = new Set(same.map((c) => c.value));
    set("total", distinct.size > 1 ? { value: bestTotal.value, score: 0.6 } : bestTotal);
  }
  const neto = netoC.length ? netoC.reduce((a, b) => (b.score > a.score ? b : a)) : null;
  set("neto", neto);
  const ivaLines = [...iva.values()].filter((x) => x.amount !== 0).sort((a, b) => b.rate - a.rate);
  if (ivaLines.length) {
    if (neto && ivaLines.length === 1) ivaLines[0]!.base = neto.value;
    set("iva", { value: ivaLines, score: 0.88 });
  } else if (iva.size) set("iva", { value: [], score: 0.8 });
  if (otrosC.length) set("otrosImpuestos", otrosC[otrosC.length - 1]!);

  // ---- CAE
  const caeC: Cand<string>[] = [];
  for (const l of nlines) {
    const m = /c\.?\s?a\.?\s?e\.?\s*(?:n\S{0,2})?\s*:?\s*(\d{14})\b/i.exec(l);
    if (m && !/vto|venc/i.test(l.slice(0, m.index + 5))) caeC.push({ value: m[1]!, score: 0.93 });
  }
  if (barcode) caeC.push({ value: barcode.cae, score: 0.97 });
  set("cae", pick(caeC));
  const vtoC: Cand<string>[] = [];
  for (const l of nlines) {
    const m = new RegExp(String.raw`(?:vto\.?|vencimiento)\s*(?:de[l]?\s*)?c\.?a\.?e\.?\s*:?\s*(${DATE_SRC})`, "i").exec(l);
    if (m) {
      const d = parseDate(m[1]!.replace(/\s/g, ""));
      if (d) vtoC.push({ value: d, score: 0.92 });
    }
  }
  if (barcode?.caeVto) vtoC.push({ value: barcode.caeVto, score: 0.97 });
  set("caeVencimiento", pick(vtoC));

  // ---- moneda
  const joined = nlines.join("\n");
  const mon = /moneda\s*:?\s*(pesos|ars|pes|d[oó]lar(?:es)?|usd|u\$s|euros?|eur)\b/i.exec(joined);
  if (mon) {
    const v = mon[1]!.toLowerCase();
    set("moneda", { value: /^(pesos|ars|pes)$/.test(v) ? "PES" : /eur/.test(v) ? "060" : "DOL", score: 0.85 });
  }
  if (!mon && /\$/.test(joined) && !/d[oó]lar|u\$s|usd|euro/i.test(joined)) {
    set("moneda", { value: "PES", score: 0.7 });
    if (!/(?:cotizaci[oó]n|tipo\s+de\s+cambio)/i.test(joined)) set("cotizacion", { value: 1, score: 0.7 });
  }
  const ctz = /(?:cotizaci[oó]n|tipo\s+de\s+cambio)\s*:?\s*\$?\s*([\d.,]+)/i.exec(joined);
  if (ctz) {
    const v = parseAmount(ctz[1]!);
    if (v && v > 0) set("cotizacion", { value: v, score: 0.8 });
  }
  return { fields, meta, notes };
}

/** Drops a trailing "FACTURA A" / "NOTA DE CRÉDITO B" glued to a name by the layout or OCR. */
function stripKind(s: string): string {
  return s.replace(/\s+(?:FACTURA|NOTA\s+DE\s+CR[EÉ]DITO|NOTA\s+DE\s+D[EÉ]BITO|RECIBO)(?:\s+[ABCME])?\s*$/i, "").trim();
}

function clean(s: string): string {
  return s.replace(/\s{2,}/g, " ").replace(/[\s:;,-]+$/, "").trim().slice(0, 200);
}
