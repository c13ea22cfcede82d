/**
 * Label rules over reconstructed text lines (PDF text layer or OCR): Argentine labels, number
 * formats, issuer vs receiver CUIT, the pre-QR interleaved 2-of-5 barcode digits.
 */
import type { FieldMetaMap, FieldSource, InvoiceFields, IvaLine } from "@/lib/documents/fields";
import { comprobanteByCode, comprobanteCodeFor, isKnownComprobante } from "./comprobantes";
import { isValidCuit } from "@/lib/cuit";
import { parseAmount, parseDate, round2 } from "./formats";
import { extractTaxes, tributosSum, untaxedSum } from "./text-taxes";

/**
 * `anchors`: the CUIT each name was read next to (its block), so the merge can drop a name whose
 * block turns out to be the other party's once the QR says which CUIT is the issuer.
 */
export type RuleResult = { fields: Partial<InvoiceFields>; meta: FieldMetaMap; notes: string[]; anchors: NameAnchors };
export type NameAnchors = { proveedorRazonSocial?: string | null; receptorNombre?: string | null };

const AMOUNT_SRC = String.raw`-?\$?\s?-?\d+(?:[.,]\d{3})*(?:[.,]\d{1,4})?-?`;
const AMOUNT_RE = new RegExp(AMOUNT_SRC, "g");
const DATE_SRC = String.raw`\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?\d{2,4}`;
const DATE_RE = new RegExp(DATE_SRC, "g");

const RECEIVER_LABEL = /(cliente|se[ñn]or(?:es)?|sr\.?\s*\(?es\)?|sr\.?\s*\/\s*(?:a|es)|nombre\s*:|receptor|comprador|adquirente|apellido\s+y\s+nombre|destinatario|facturar\s+a|datos\s+del\s+cliente)/i;

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
  for (let i = 0; i < Math.min(30, nlines.length); i++) {
    // the letter box printed as "A 001" / "B 06", or the letter and the code on lines of their own
    const m = /^\s*([ABCM])\s+0?(\d{2,3})\s*$/.exec(nlines[i]!);
    if (m && isKnownComprobante(Number(m[2])) && comprobanteByCode(Number(m[2])).letter === m[1]) tipoC.push({ value: Number(m[2]), score: 0.9 });
    const letter = /^\s*([ABCM])\s*$/.exec(nlines[i]!)?.[1];
    if (!letter) continue;
    for (const l of nlines.slice(Math.max(0, i - 3), i + 4)) {
      const c = /^\s*(0\d{1,2})\s*$/.exec(l);
      if (c && isKnownComprobante(Number(c[1])) && comprobanteByCode(Number(c[1])).letter === letter) tipoC.push({ value: Number(c[1]), score: 0.9 });
    }
  }
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
      pvC.push({ value: Number(m[1]), score: 0.95 });
      nroC.push({ value: Number(m[2]), score: 0.95 });
      continue;
    }
    m = /(?:n(?:ro|°|º|o|\*)?\.?|numero|comprobante)\s*:?\s*(\d{4,5})\s*-\s*(\d{8})\b/i.exec(l);
    if (m) {
      pvC.push({ value: Number(m[1]), score: 0.9 });
      nroC.push({ value: Number(m[2]), score: 0.9 });
      continue;
    }
    // "Comp. Nro: 3-00000089"
    m = /comp(?:robante)?\.?\s*n(?:ro|°|º|o)\.?\s*:?\s*(\d{1,5})\s*-\s*(\d{1,8})\b/i.exec(l);
    if (m) {
      pvC.push({ value: Number(m[1]), score: 0.9 });
      nroC.push({ value: Number(m[2]), score: 0.9 });
      continue;
    }
    // "<letter>-PPPP-NNNNNNNN" (utility bills, some billing software)
    m = /(?:^|[\s:])([ABCEM])-(\d{4,5})-(\d{8})(?!\d)/.exec(l);
    if (m) {
      pvC.push({ value: Number(m[2]), score: 0.9 });
      nroC.push({ value: Number(m[3]), score: 0.9 });
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
    const m = new RegExp(String.raw`(?:fecha(?:\s+de)?(?:\s+emisi[oó]n)?|emisi[oó]n)[\s.]*:?\s*(${DATE_SRC})`, "i").exec(l);
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
  // first occurrence of each CUIT (a second copy of the page repeats them)
  const uniq = cuits.filter((c, k) => cuits.findIndex((x) => x.cuit === c.cuit) === k).map((c) => ({ ...c, receiver: cuits.some((x) => x.cuit === c.cuit && x.receiver) }));
  let issuer: Cand<string> | null = null;
  if (barcode && isValidCuit(barcode.cuit)) issuer = { value: barcode.cuit, score: 0.97 };
  else {
    const firstNonReceiver = uniq.find((c) => !c.receiver);
    // the first CUIT outside the customer block, with a second CUIT for the customer: strong
    if (firstNonReceiver) issuer = { value: firstNonReceiver.cuit, score: uniq.length === 1 ? 0.85 : 0.9 };
  }
  set("proveedorCuit", issuer);
  const receiver = uniq.find((c) => c.cuit !== issuer?.value);
  // a labelled customer CUIT with a valid check digit is strong evidence; an unlabelled second CUIT is not
  if (receiver) set("receptorCuit", { value: receiver.cuit, score: receiver.receiver ? 0.92 : uniq.length === 2 && issuer ? 0.9 : 0.8 });

  // ---- razón social (issuer) and receptor nombre, by block: a name belongs to the party whose CUIT is nearest
  const issuerLine = issuer ? (cuits.find((c) => c.cuit === issuer!.value)?.line ?? -1) : -1;
  const receiverLine = receiver ? receiver.line : -1;
  const recvStart = receiverBlockStart(nlines, receiverLine);
  // the issuer block ends with its "Inicio de actividades" line (when that comes before the customer block)
  let issuerEnd = -1;
  for (let i = 0; i < Math.min(recvStart, nlines.length); i++) if (/inicio\s+(?:de\s+)?act/i.test(nlines[i]!)) issuerEnd = i;
  const owner = (i: number): "issuer" | "receiver" | null => {
    if (i >= recvStart) return "receiver";
    if (i <= issuerEnd) return "issuer";
    if (receiverLine < 0) return issuerLine >= 0 ? "issuer" : null;
    if (issuerLine < 0) return Math.abs(i - receiverLine) <= 3 ? "receiver" : null;
    const dr = Math.abs(i - receiverLine);
    const di = Math.abs(i - issuerLine);
    // a tie after the issuer block ended ("Inicio de actividades") goes to the customer
    return dr < di || (dr === di && issuerEnd >= 0 && i > issuerEnd) ? "receiver" : "issuer";
  };
  const rsC: Cand<string>[] = [];
  const recvNameC: Cand<string>[] = [];
  for (let i = 0; i < lines.length; i++) {
    const hit = nameLabel(lines, i);
    if (!hit) continue;
    const side = hit.receiverLabel ? "receiver" : owner(i);
    if (side === "receiver") recvNameC.push({ value: hit.value, score: 0.9 });
    else if (side === "issuer" && !rsC.length) rsC.push({ value: hit.value, score: 0.9 });
  }
  if (!recvNameC.length && receiverLine >= 0) {
    // a name without label right above the customer's address/CUIT (first line of the customer block)
    const unl = unlabelledReceiver(lines, nlines, recvStart, receiverLine, (i) => owner(i) === "receiver" || i === receiverLine);
    if (unl) recvNameC.push({ value: unl, score: 0.6 });
  }
  if (!rsC.length) {
    const top = unlabelledIssuer(lines, Math.min(recvStart, lines.length, 30));
    if (top && domainConfirms(top.value, nlines.slice(0, Math.min(recvStart, nlines.length, 30)))) top.score = 0.9;
    if (top) rsC.push(top);
  }
  const recvName = recvNameC[0] ?? null;
  const rs = rsC.find((c) => !recvName || normName(c.value) !== normName(recvName.value)) ?? null;
  set("proveedorRazonSocial", rs);
  set("receptorNombre", recvName);
  const anchors: NameAnchors = { proveedorRazonSocial: rs ? (issuer?.value ?? null) : undefined, receptorNombre: recvName ? (receiver?.cuit ?? null) : undefined };

  // ---- amounts
  const totalC: Cand<number>[] = [];
  const netoC: Cand<number>[] = [];
  const otrosC: Cand<number>[] = [];
  const iva = new Map<number | null, IvaLine>();
  let percepSum = 0;
  const tableTaxes: { field: "noGravado" | "exento"; value: number }[] = [];
  const addIva = (rate: number | null, amount: number, base: number | null = null) => {
    if (!iva.has(rate) || iva.get(rate)!.amount === 0) iva.set(rate, { rate: rate ?? -1, base, amount });
  };
  for (let i = 0; i < nlines.length; i++) {
    const l = nlines[i]!;
    // a row of totals labels with the values on the line below (or above), read from the right
    const table = totalsRow(nlines, i);
    if (table) {
      for (const { label, value } of table) {
        if (/^total/.test(label)) totalC.push({ value, score: 0.85 });
        else if (/^no\s+gravado/.test(label)) tableTaxes.push({ field: "noGravado", value });
        else if (/^exento/.test(label)) tableTaxes.push({ field: "exento", value });
        else if (/^(percep|otros|impuestos)/.test(label)) otrosC.push({ value, score: 0.8 });
        else if (/^i\.?v\.?a/.test(label)) addIva(rateIn(label), value);
        else if (/^neto/.test(label)) netoC.push({ value, score: 0.9 });
        else if (/^sub\s*total/.test(label)) netoC.push({ value, score: 0.75 });
      }
      continue;
    }
    for (const m of l.matchAll(/(importe\s+total|total\s+a\s+pagar|total\s+factura(?:do)?|monto\s+total\s+a\s+pagar|(?<!sub)total(?:\s+general)?)\s*(?:\(?\$\)?|ars)?\s*:?/gi)) {
      if (/total\s+(?:iva|neto|bonif|percep|otros|exento|no\s+grav|descuento|items?|impuestos|consumo|servicios|liquidacion)/i.test(l.slice(m.index, m.index + 24))) continue;
      const v = amountAfter(nlines, i, m.index + m[0].length);
      if (v != null) totalC.push({ value: v, score: /importe\s+total|total\s+a\s+pagar/i.test(m[0]) ? 0.92 : 0.8 });
    }
    const neto = /(importe\s+neto\s+gravado|neto\s+gravado|importe\s+neto|subtotal\s+gravado|subtotal\s+neto|\bneto(?!\s+(?:exento|no\s+gravado|gravado\s+subtotal))|sub\s?total(?!\s+c\/iva)|\bbruto)\s*(?:\$)?\s*:?/i.exec(l);
    if (neto && !/neto\s+no\s+gravado|neto\s+exento/i.test(l.slice(neto.index, neto.index + 32))) {
      const v = amountAfter(nlines, i, neto.index + neto[0].length);
      if (v != null) netoC.push({ value: v, score: /neto/i.test(neto[1]!) ? 0.9 : 0.75 });
    }
    for (const hit of ivaOnLine(l)) addIva(hit.rate, hit.amount, hit.base);
    const percep = /^\s*(?:percep\w*\.?|perc\.|per\.)\s/i.exec(l);
    if (percep) {
      const v = amountsIn(l.slice(percep[0].length))[0];
      if (v) percepSum += v;
    }
    const otros = /importe\s+otros\s+tributos|otros\s+tributos|percepciones/i.exec(l);
    if (otros) {
      const after = amountsIn(l.slice(otros.index + otros[0].length));
      if (after.length) otrosC.push({ value: after[0]!, score: /importe\s+otros\s+tributos/i.test(otros[0]) ? 0.92 : 0.85 });
    }
  }
  // prefer the last total with the strongest label (totals are at the bottom)
  const bestTotal = totalC.length ? totalC.reduce((a, b) => (b.score >= a.score ? b : a)) : null;
  let total: Cand<number> | null = null;
  if (bestTotal) {
    const same = totalC.filter((c) => c.score === bestTotal.score);
    const distinct = new Set(same.map((c) => c.value));
    total = distinct.size > 1 ? { value: bestTotal.value, score: 0.6 } : bestTotal;
  }
  let neto = netoC.length ? netoC.reduce((a, b) => (b.score > a.score ? b : a)) : null;
  // IVA lines without a printed rate: the rate that neto × rate gives
  const ivaLines: IvaLine[] = [];
  for (const line of iva.values()) {
    if (line.amount === 0) continue;
    if (line.rate === -1) {
      const r = neto ? IVA_RATES.find((rt) => Math.abs((neto!.value * rt) / 100 - line.amount) <= 0.02 + 0.001 * line.amount) : undefined;
      if (r == null) continue;
      if (ivaLines.some((x) => x.rate === r)) continue;
      line.rate = r;
    } else if (ivaLines.some((x) => x.rate === line.rate)) continue;
    ivaLines.push(line);
  }
  ivaLines.sort((a, b) => b.rate - a.rate);
  const otrosV = otrosC.length ? otrosC[otrosC.length - 1]!.value : 0;
  const ivaSum = ivaLines.reduce((a, b) => a + b.amount, 0);
  const taxes = extractTaxes(nlines, amountsIn);
  for (const t of tableTaxes) if (taxes[t.field] == null && Math.abs(t.value) >= 0.005) taxes[t.field] = t.value;
  const untaxed = untaxedSum(taxes);
  const tributos = tributosSum(taxes);
  // checks: neto + IVA (+ no gravado + exento + otros tributos) = total makes all three confident; a mismatch does not
  const tol = 0.02 * (2 + ivaLines.length);
  const addsWith = (o: number) => !!total && !!neto && Math.abs(neto.value + ivaSum + o - total.value) <= tol;
  const adds = total && neto ? [otrosV, 0, percepSum, untaxed + otrosV, untaxed + (tributos ?? 0)].some(addsWith) : false;
  // the breakdown is confident only when it is what makes the total add up (and, with a printed
  // "Importe Otros Tributos", when it sums to it); otherwise it goes to review
  const breakdownAdds = addsWith(untaxed + (tributos ?? otrosV)) && (tributos == null || !otrosC.length || Math.abs(tributos - otrosV) <= tol);
  if (adds) {
    total = { value: total!.value, score: Math.max(total!.score, 0.92) };
    neto = { value: neto!.value, score: Math.max(neto!.score, 0.92) };
  } else if (neto && total && ivaLines.length) neto = { value: neto.value, score: Math.min(neto.score, 0.7) };
  if (total) set("total", total);
  set("neto", neto);
  if (ivaLines.length) {
    const only = ivaLines[0]!;
    if (neto && ivaLines.length === 1 && only.base == null && Math.abs((neto.value * only.rate) / 100 - only.amount) <= 0.02 + 0.001 * only.amount) only.base = neto.value;
    set("iva", { value: ivaLines, score: adds ? 0.92 : 0.7 });
  } else if (iva.size || (neto && total && Math.abs(neto.value - total.value) < 0.011)) set("iva", { value: [], score: adds ? 0.9 : 0.8 });
  for (const f of ["noGravado", "exento", "percepcionesIva", "impuestosInternos", "otrosTributos"] as const) {
    const v = taxes[f];
    if (v != null) set(f, { value: v, score: breakdownAdds ? 0.92 : 0.8 });
  }
  if (taxes.percepcionesIibb) {
    const known = taxes.percepcionesIibb.every((p) => p.jurisdiccion != null);
    set("percepcionesIibb", { value: taxes.percepcionesIibb, score: breakdownAdds && known ? 0.92 : 0.8 });
  }
  if (otrosC.length) {
    const o = otrosC[otrosC.length - 1]!;
    // otros tributos that make neto + IVA + otros = total are checked
    set("otrosImpuestos", adds && total && neto && Math.abs(neto.value + ivaSum + o.value - total.value) <= tol ? { value: o.value, score: Math.max(o.score, 0.92) } : o);
  }

  // ---- CAE and its due date (next to the CAE: same line after it, or the next lines)
  const caeC: Cand<string>[] = [];
  const vtoC: Cand<string>[] = [];
  // "Nº" read by OCR as "N2" ("C.A.E. N2 69239531076719"): one digit after the N, then the 14
  for (let i = 0; i < nlines.length; i++) {
    const l = nlines[i]!;
    const m = /\b(?:c\.?\s?a\.?\s?e\.?\s?a?\.?|c\.?\s?e\.?\s?s\.?\s?p\.?)(?![a-mo-z])\s*(?:n(?:\d(?=\s+\d{14})|[^\s\d]{0,3})\.?)?\s*:?\s*(\d{14})?/i.exec(l);
    if (!m || /vto|venc/i.test(l.slice(Math.max(0, m.index - 12), m.index))) continue;
    let cae = m[1] ?? null;
    let caeLine = i;
    let after = l.slice(m.index + m[0].length);
    if (!cae && /[:°º.]\s*$/.test(l.slice(0, m.index + m[0].length)) && !l.slice(m.index + m[0].length).trim()) {
      // value on the next line ("CAE Nro.:" / "... 68459846165616")
      const nx = /(?<!\d)(\d{14})(?!\d)/.exec(nlines[i + 1] ?? "");
      if (nx) {
        cae = nx[1]!;
        caeLine = i + 1;
        after = (nlines[i + 1] ?? "").slice(nx.index + 14);
      }
    }
    if (!cae) continue;
    caeC.push({ value: cae, score: 0.93 });
    // due date glued to the CAE digits in the text layer ("…7299012/11/2023"): handled by the date search below
    const windowLines = [after, nlines[caeLine + 1] ?? "", nlines[caeLine + 2] ?? "", nlines[caeLine + 3] ?? ""];
    for (let k = 0; k < windowLines.length; k++) {
      const w = windowLines[k]!;
      const dm = new RegExp(String.raw`(?:vto\.?|vencimiento|venc\.?)\s*(?:de[l]?\s*)?(?:c\.?\s?a\.?\s?e\.?\s?a?\.?)?\s*:?\s*(${DATE_SRC})`, "i").exec(w);
      const d = dm ? parseDate(dm[1]!.replace(/\s/g, "")) : null;
      if (d) {
        vtoC.push({ value: d, score: 0.92 });
        break;
      }
      // a lone "Fecha …:" label whose date is on the next line ("Fecha Vto. CAE:" / "15/11/2018")
      if (/(?:vto\.?|vencimiento)\s*(?:de[l]?\s*)?(?:c\.?a\.?e\.?)?\s*:?\s*$/i.test(w) && k + 1 < windowLines.length) {
        const nd = new RegExp(DATE_SRC).exec(windowLines[k + 1]!);
        const d2 = nd ? parseDate(nd[0].replace(/\s/g, "")) : null;
        if (d2) {
          vtoC.push({ value: d2, score: 0.9 });
          break;
        }
      }
    }
  }
  for (const l of nlines) {
    const m = new RegExp(String.raw`(?:vto\.?|vencimiento)\s*(?:de[l]?\s*)?c\.?a\.?e\.?\s*:?\s*(${DATE_SRC})`, "i").exec(l);
    const d = m ? parseDate(m[1]!.replace(/\s/g, "")) : null;
    if (d && !vtoC.some((c) => c.value === d)) vtoC.push({ value: d, score: 0.92 });
    // "Vencimiento CAE: 12/11/202373445678645164" – the date glued to the next digits
    const g = /(?:vto\.?|vencimiento)[^\d\n]{0,20}(\d{2}\/\d{2}\/\d{4})\d{14}/i.exec(l);
    const gd = g ? parseDate(g[1]!) : null;
    if (gd && !vtoC.some((c) => c.value === gd)) vtoC.push({ value: gd, score: 0.9 });
    const gc = /(?:vto\.?|vencimiento)[^\d\n]{0,20}\d{2}\/\d{2}\/\d{4}(\d{14})(?!\d)/i.exec(l);
    if (gc && !caeC.some((c) => c.value === gc[1])) caeC.push({ value: gc[1]!, score: 0.9 });
  }
  if (barcode) caeC.push({ value: barcode.cae, score: 0.97 });
  set("cae", pick(caeC));
  const printedVto = pick(vtoC);
  if (barcode?.caeVto && printedVto && printedVto.value !== barcode.caeVto) {
    // two sources disagree: keep what is printed, note it, and flag the field
    const msg = `El vencimiento del CAE impreso (${printedVto.value}) no coincide con el del código de barras (${barcode.caeVto})`;
    notes.push(msg);
    set("caeVencimiento", { value: printedVto.value, score: 0.6 });
    meta.caeVencimiento!.flag = msg;
  } else if (barcode?.caeVto) set("caeVencimiento", { value: barcode.caeVto, score: printedVto ? 0.99 : 0.95 });
  else set("caeVencimiento", printedVto);

  // ---- moneda
  const joined = nlines.join("\n");
  const mon = /moneda\s*:?\s*(pesos|ars|pes|d[oó]lar(?:es)?|usd|u\$s|euros?|eur)\b/i.exec(joined);
  if (mon) {
    const v = mon[1]!.toLowerCase();
    set("moneda", { value: /^(pesos|ars|pes)$/.test(v) ? "PES" : /eur/.test(v) ? "060" : "DOL", score: 0.92 });
  }
  // an invoice in another currency has to say so: no mention of one anywhere means pesos
  if (!mon && !/d[oó]lar|u\$s|usd|euro|\beur\b|moneda\s+extranjera/i.test(joined)) {
    set("moneda", { value: "PES", score: 0.9 });
    if (!/(?:cotizaci[oó]n|tipo\s+de\s+cambio)/i.test(joined)) set("cotizacion", { value: 1, score: 0.9 });
  }
  const ctz = /(?:cotizaci[oó]n|tipo\s+de\s+cambio)\s*:?\s*\$?\s*([\d.,]+)/i.exec(joined);
  if (ctz) {
    const v = parseAmount(ctz[1]!);
    if (v && v > 0) set("cotizacion", { value: v, score: 0.8 });
  }
  return { fields, meta, notes, anchors };
}

/** Drops a trailing "FACTURA A" / "NOTA DE CRÉDITO B" glued to a name by the layout or OCR. */
function stripKind(s: string): string {
  return s.replace(/\s+(?:FACTURA|NOTA\s+DE\s+CR[EÉ]DITO|NOTA\s+DE\s+D[EÉ]BITO|RECIBO)(?:\s+[ABCME])?\s*$/i, "").trim();
}

function clean(s: string): string {
  return s.replace(/\s{2,}/g, " ").replace(/[\s:;,-]+$/, "").trim().slice(0, 200);
}

// ------------------------------------------------------------------ blocks and names

const IVA_RATES = [27, 21, 10.5, 5, 2.5];

/** Names compare without case, accents, punctuation or spacing. */
function normName(s: string): string {
  return norm(s).toUpperCase().replace(/[^A-Z0-9]+/g, "");
}

/** A label that opens the customer block ("Señor(es):", "Cliente:", "SR./A:", "Apellido y Nombre / Razón Social:"…). */
const RECEIVER_OPEN = /(?:^|\s)(?:apellido\s+y\s+nombre|se[ñn]or(?:es)?\s*(?:\(\s*es\s*\))?|sr\.?\s*(?:\(\s*(?:es|s|as)\s*\)|\/\s*(?:a|es)\.?)?|sres\.?|cliente|nombre|facturar\s+a|destinatario|datos\s+del\s+cliente|informaci[oó]n\s+del\s+cliente)\s*(?::|$)/i;

/** First line of the customer block: its opening label, else the line of the customer's CUIT. */
function receiverBlockStart(nlines: string[], receiverLine: number): number {
  const labelled = nlines.findIndex((l) => RECEIVER_OPEN.test(l));
  const byCuit = receiverLine >= 0 ? receiverLine : Infinity;
  const start = Math.min(labelled >= 0 ? labelled : Infinity, byCuit);
  return Number.isFinite(start) ? start : nlines.length;
}

const NAME_LABEL =
  /(?:^|\s)(apellido\s+y\s+nombre\s*\/?\s*raz[oó]n\s+social|raz[oó]n\s+social|se[ñn]or(?:es)?\s*(?:\(\s*es\s*\))?|sr\.?\s*(?:\(\s*(?:es|s|as)\s*\)|\/\s*(?:a|es)\.?)?|sres\.?|cliente|nombre|facturar\s+a|destinatario)\s*:\s*/gi;

/** Words of another label: a segment holding one is not a name ("Cuenta Nº", "Domicilio:"…). */
const LABEL_WORDS = /:|\b(cuenta|domicilio|direcci[oó]n|cuit|c\.u\.i\.t|condici[oó]n|localidad|provincia|tel[eé]fono|vendedor|fecha|iva|i\.v\.a|documento|c[oó]digo|n[°º]|nro)\b/i;

/** A customer code glued to a name: "02810 - X", "0150482 X", "(18959) X", "786/001 X", "X (DD789)". */
function stripCodes(s: string): string {
  return s
    .replace(/^\(?\d[\d/-]*\)?\s*-?\s*/, "")
    .replace(/\s*\([^)]*\d[^)]*\)\s*$/, "")
    .trim();
}

function nameLike(s: string): boolean {
  const letters = s.replace(/[^A-Za-zÁÉÍÓÚÑÜáéíóúñü]/g, "");
  return letters.length >= 3 && !/^\d[\d\s.-]*$/.test(s) && !/\d{2}-?\d{8}-?\d/.test(s);
}

/** A name label on line i with its value (same line, or the next line when the label ends it); a short second line continues it. */
function nameLabel(lines: string[], i: number): { value: string; receiverLabel: boolean } | null {
  const l = lines[i]!;
  for (const m of l.matchAll(NAME_LABEL)) {
    const label = norm(m[1]!).toLowerCase();
    const receiverLabel = !/^raz[oó]n\s+social$/.test(label);
    const rest = l.slice(m.index + m[0].length);
    const seg = rest.split(/\s{3,}/)[0]!.trim();
    let value = seg;
    let lastOnLine = rest.trim() === seg;
    let at = i;
    if (!seg || LABEL_WORDS.test(seg)) {
      // value on the next line ("Cliente:" … / "MESQUITA HNOS")
      const next = (lines[i + 1] ?? "").trim().split(/\s{3,}/)[0] ?? "";
      if (!next || LABEL_WORDS.test(next)) continue;
      value = next;
      at = i + 1;
      lastOnLine = (lines[i + 1] ?? "").trim() === next;
    }
    value = stripCodes(clean(value));
    if (!nameLike(value)) continue;
    // a two-line name: a short lone segment below, followed by a labelled line (or nothing)
    const below = (lines[at + 1] ?? "").trim();
    const after = lines[at + 2];
    const continues = /\b(al|de|del|y|e|la|los|las)$/i.test(value) || (!/\d/.test(below) && below.split(/\s+/).length <= 2 && below === below.toUpperCase());
    if (lastOnLine && continues && below && !below.includes("   ") && below.length <= 20 && !LABEL_WORDS.test(below) && !JUNK.test(below) && (after === undefined || /:/.test(after))) {
      value = `${value} ${below}`;
    }
    return { value: value.slice(0, 200), receiverLabel };
  }
  return null;
}

/** Not a name: IVA condition, document titles, labels, places, contact data, letter-spaced titles. */
const JUNK =
  /\b(responsable|inscripto|monotribut\w*|exento|consumidor\s+final|condici[oó]n(?:es)?|factura|nota\s+de|recibo|original|duplicado|triplicado|comprobante|c[oó]d(?:igo)?|p[aá]gina|hoja|punto\s+de\s+venta|fecha|cuit|c\.u\.i\.t|ing(?:resos)?\.?\s*brutos|inicio|domicilio|direcci[oó]n|tel[eé]fono|tel|e-?mail|www|informaci[oó]n|cliente|vendedor|remito|iva|i\.v\.a|buenos\s+aires|capital\s+federal|ciudad\s+aut[oó]noma|caba|electr[oó]nic[oa]|liquidaci[oó]n|servicios?\s+p[uú]blicos|operaci[oó]n|sujeta|retenci[oó]n|venta|contado|cuenta\s+corriente|argentina)\b|@/i;
const COMPANY = /^(.*?\b(?:S\.?\s?A\.?\s?S\.?|S\.?\s?R\.?\s?L\.?|S\.?\s?A\.?|S\.?\s?C\.?|S\.?\s?H\.?|COOP(?:ERATIVA)?\.?|LTDA\.?|S\.?\s?A\.?\s?C\.?\s?I\.?\s?F?\.?\s?I?\.?\s?C?\.?))(?=\s|$)/i;
const LETTER_SPACED = /^(?:\S\s){3,}\S$/;

function unlabelledIssuer(lines: string[], end: number): Cand<string> | null {
  let company: string | null = null;
  let plain: string | null = null;
  for (const l of lines.slice(0, end)) {
    for (const raw of l.split(/\s{3,}/)) {
      const seg = stripKind(raw.trim()).replace(/^de\s+/i, "").trim();
      if (seg.length < 4 || LETTER_SPACED.test(seg)) continue;
      const c = COMPANY.exec(seg);
      if (c && !company && !RECEIVER_LABEL.test(norm(c[1]!)) && !/\b(factura|nota\s+de|condici[oó]n|responsable|inscripto)\b/i.test(c[1]!) && nameLike(c[1]!)) company = clean(c[1]!);
      if (plain || JUNK.test(seg) || /\d/.test(seg)) continue;
      const words = seg.split(/\s+/);
      const upper = /^[A-ZÁÉÍÓÚÑÜ][A-ZÁÉÍÓÚÑÜ.,&'\- ]+$/.test(seg);
      const title = words.every((w) => /^[A-ZÁÉÍÓÚÑÜ][\p{L}.,'&-]*$/u.test(w) || /^(de|del|la|las|los|y|e)$/.test(w));
      if (words.length >= 2 && words.length <= 7 && (upper || title)) plain = clean(seg);
    }
  }
  if (company) return { value: company, score: 0.6 };
  return plain ? { value: plain, score: 0.55 } : null;
}

/** The customer's name printed without a label: on the CUIT line before it, or a few lines above. */
function unlabelledReceiver(lines: string[], nlines: string[], recvStart: number, receiverLine: number, customerSide: (i: number) => boolean): string | null {
  const from = Math.max(0, Math.min(recvStart, receiverLine) - 4);
  for (let i = receiverLine; i >= from; i--) {
    if (!customerSide(i)) break;
    for (const raw of lines[i]!.split(/\s{3,}/)) {
      const seg = stripCodes(raw.trim());
      if (!seg || /\d/.test(seg) || JUNK.test(seg) || LABEL_WORDS.test(seg) || LETTER_SPACED.test(seg)) continue;
      if (seg.split(/\s+/).length >= 2 && nameLike(seg)) return clean(seg);
    }
    if (i < receiverLine && RECEIVER_OPEN.test(nlines[i]!)) break;
  }
  return null;
}

/** A second, independent source for an unlabelled name: the issuer's web or e-mail domain spells it ("www.altavilla.com.ar"). */
function domainConfirms(name: string, head: string[]): boolean {
  const key = normName(name.replace(COMPANY_SUFFIX, "")).toLowerCase();
  if (key.length < 5) return false;
  for (const l of head) {
    for (const m of l.toLowerCase().matchAll(/(?:www\.|@|https?:\/\/)([a-z0-9-]{5,})\./g)) {
      const d = m[1]!.replace(/-/g, "");
      if (d === key || (d.length >= 6 && key.startsWith(d)) || (key.length >= 6 && d.startsWith(key))) return true;
    }
  }
  return false;
}
const COMPANY_SUFFIX = /\s*\b(?:S\.?\s?A\.?\s?S\.?|S\.?\s?R\.?\s?L\.?|S\.?\s?A\.?|S\.?\s?C\.?|S\.?\s?H\.?|LTDA\.?)\s*$/i;

// ------------------------------------------------------------------ totals

const TOTALS_LABEL =
  /(importe\s+descuento|sub\s*total(?:\s+neto)?|no\s+gravado|neto(?:\s+gravado)?|exento|descuento|dto\.?|recargo|parcial|bonif\w*\.?|i\.?\s?v\.?\s?a\.?(?:\s+inscr\.?)?\s*:?\s*(?:\d+(?:[.,]\d+)?\s*%)?|percep\w*|otros\s+(?:tributos|impuestos)|impuestos|total(?:\s*\$)?)/gi;

/** A row of totals labels (no amounts) with the values on the next (or previous) line, paired from the right. */
function totalsRow(nlines: string[], i: number): { label: string; value: number }[] | null {
  const l = nlines[i]!;
  const labels = [...l.matchAll(TOTALS_LABEL)].map((m) => m[1]!.toLowerCase());
  if (labels.length < 3 || !labels.some((x) => /^total/.test(x)) || amountsIn(l).length) return null;
  if (l.replace(TOTALS_LABEL, "").replace(/[\s$:.%]/g, "").length > 12) return null; // a sentence, not a row of labels
  for (const j of [i + 1, i - 1]) {
    const values = j >= 0 && j < nlines.length ? amountsIn(nlines[j]!) : [];
    if (values.length < 2) continue;
    const n = Math.min(labels.length, values.length);
    return labels.slice(-n).map((label, k) => ({ label, value: values[values.length - n + k]! }));
  }
  return null;
}

function rateIn(label: string): number | null {
  const m = /(\d+(?:[.,]\d+)?)\s*%?/.exec(label.replace(/^i\.?\s?v\.?\s?a\.?/i, ""));
  const r = m ? Number(m[1]!.replace(",", ".")) : NaN;
  return IVA_RATES.includes(r) ? r : null;
}

/** IVA amounts on a line: "IVA 21%: $1.909,09", "Iva: $426.94", "I.V.A. 21,00 % 15.118,60 3.174,91", "IVA 10.5: 183.59 IVA 21: 259.46". */
function ivaOnLine(l: string): { rate: number | null; amount: number; base: number | null }[] {
  const out: { rate: number | null; amount: number; base: number | null }[] = [];
  for (const m of l.matchAll(/(?:^|[^a-z])(i\.?\s?v\.?\s?a\.?)(?![a-z])/gi)) {
    const at = m.index + m[0].length;
    if (/(percep\w*\.?|perc\.?|per\.|ret\.|rg\s*\d|sin|c\/|contenido|cond\.?|condici[oó]n|rel\.|frente\s+al)\s*$/i.test(l.slice(Math.max(0, m.index - 14), m.index + m[0].length - m[1]!.length))) continue;
    let after = l.slice(at).replace(/\b(?:r\.\s*)?inscr(?:ipto)?\.?|\bgeneral\b|\bgral\.?|\btasa\b|\bal[ií]cuota\b|\balic\.?|\bde\b/gi, " ");
    const stop = /[a-z]{3,}/i.exec(after);
    if (stop) after = after.slice(0, stop.index);
    const rm = /^[\s:]*(\d+(?:[.,]\d+)?)\s*(%?)/.exec(after);
    let rate: number | null = null;
    let rest = after;
    if (rm) {
      const r = Number(rm[1]!.replace(",", "."));
      const more = amountsIn(after.slice(rm[0].length)).length > 0;
      if (IVA_RATES.includes(r) && (rm[2] === "%" || more)) {
        rate = r;
        rest = after.slice(rm[0].length);
      }
    }
    let amounts = amountsIn(rest);
    if (rate != null && amounts.length > 1 && Math.abs(amounts[0]! - rate) < 1e-9) amounts = amounts.slice(1);
    if (!amounts.length) continue;
    const amount = amounts[amounts.length - 1]!;
    const base = amounts.length >= 2 && rate != null && Math.abs((amounts[amounts.length - 2]! * rate) / 100 - amount) <= 0.02 + 0.001 * amount ? amounts[amounts.length - 2]! : null;
    out.push({ rate, amount, base });
  }
  return out;
}
