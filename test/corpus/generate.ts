/**
 * Deterministic (seeded) generator of realistic Argentine invoices with known truth, for tests,
 * benchmarks and e2e: PDFs with a text layer and the AFIP QR (embedded PNG or vector-drawn),
 * text-only PDFs, scanned-looking images (PNG/JPEG) and image-only PDFs rendered from the same
 * content, every malformed-QR variant from the brief, and hostile files.
 *
 * `generateInvoice(spec) → { bytes, fileName, truth }` (the types below are the contract).
 */
import { deflateRawSync, deflateSync } from "node:zlib";
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import type * as pdfjsTypes from "pdfjs-dist/legacy/build/pdf.mjs";
import QRCode from "qrcode";
import type { InvoiceFields } from "@/lib/documents/fields";
import { comprobanteByCode } from "@/server/parsing/comprobantes";
import { makeCuit } from "@/lib/cuit";
import { formatAmountAr, round2 } from "@/server/parsing/formats";

export type QrVariant =
  | "clean"
  | "truncated-invalid-json"
  | "numbers-as-strings"
  | "missing-fecha"
  | "fecha-ddmmyyyy"
  | "fecha-yyyymmdd"
  | "no-slash-url"
  | "crlf-base64"
  | "decimal-comma"
  | "url-safe-base64"
  | "arca-host"
  | "second-qr";

/** Every malformed-QR variant listed in the brief, with the note the decoder must record. */
export const MALFORMED_QR_VARIANTS: { variant: QrVariant; expectNote: RegExp; qrLosesCae?: boolean; qrLosesFecha?: boolean }[] = [
  { variant: "truncated-invalid-json", expectNote: /truncado/, qrLosesCae: true },
  { variant: "numbers-as-strings", expectNote: /como texto/ },
  { variant: "missing-fecha", expectNote: /falta el campo «fecha»/, qrLosesFecha: true },
  { variant: "fecha-ddmmyyyy", expectNote: /dd\/mm\/aaaa/ },
  { variant: "fecha-yyyymmdd", expectNote: /aaaammdd/ },
  { variant: "no-slash-url", expectNote: /sin «\/»/ },
  { variant: "crlf-base64", expectNote: /saltos de línea/ },
  { variant: "decimal-comma", expectNote: /coma decimal/ },
  { variant: "url-safe-base64", expectNote: /URL-safe/ },
  { variant: "arca-host", expectNote: /arca\.gob\.ar/ },
  { variant: "second-qr", expectNote: /no es de AFIP/ },
];

export type InvoiceSpec = {
  seed: number;
  /** pdf-qr: text layer + QR; pdf-text: text layer, no QR; png/jpeg: scanned-looking image; pdf-scan: image-only PDF. */
  format?: "pdf-qr" | "pdf-text" | "png" | "jpeg" | "pdf-scan";
  qrVariant?: QrVariant;
  /** How the QR is put on the page: an embedded PNG (most issuers) or vector squares. */
  qrStyle?: "image" | "vector";
  /** "afip": Comprobantes en línea layout (no thousands separator); "generic": other billing software. */
  layout?: "afip" | "generic";
  tipoCodigo?: number;
  /** Images and scans: render without the QR (OCR is then the only source). */
  noQr?: boolean;
  /** Issuer overrides (supplier-directory tests): a fixed CUIT; a name, or null to print none. */
  issuerCuit?: string;
  issuerName?: string | null;
};

export type GeneratedInvoice = { bytes: Uint8Array; fileName: string; truth: InvoiceFields; spec: InvoiceSpec; qrText: string | null };

// ------------------------------------------------------------------ seeded randomness
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
type Rng = ReturnType<typeof mulberry32>;
const int = (r: Rng, min: number, max: number) => min + Math.floor(r() * (max - min + 1));
const pickOne = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

const ISSUERS = [
  "DISTRIBUIDORA DEL PLATA S.A.", "FERRETERÍA SAN MARTÍN S.R.L.", "GÓMEZ Y ASOCIADOS S.A.S.", "LOGÍSTICA PAMPEANA S.A.",
  "MARTÍNEZ ANA MARÍA", "TECNOLOGÍA ANDINA S.R.L.", "PAPELERA CÓRDOBA S.A.", "SERVICIOS INTEGRALES ÑANDÚ S.R.L.",
  "ESTUDIO CONTABLE PÉREZ", "ALIMENTOS DEL SUR S.A.", "CONSTRUCTORA RÍO NEGRO S.A.", "FERNÁNDEZ JUAN PABLO",
];
const RECEIVERS = ["CONTAFLOW CLIENTE S.A.", "INSTITUCIÓN SALESIANA", "COMERCIAL LOS ANDES S.R.L.", "HOTEL PATAGONIA S.A.", "LÓPEZ MARÍA JOSÉ"];
const STREETS = ["Av. Corrientes 1234, CABA", "Mendoza 2487 - Lanús, Buenos Aires", "San Martín 55, Rosario, Santa Fe", "Bv. Oroño 900, Rosario", "Belgrano 1500, Córdoba"];
const ITEMS = ["Servicio de mantenimiento mensual", "Resma A4 75g x 500", "Honorarios profesionales", "Cable UTP cat 6 x 305 m", "Flete Buenos Aires - Rosario", "Licencia software anual", "Tornillos autoperforantes x 100"];
const TIPOS = [1, 6, 11, 1, 6, 11, 3, 8, 13, 2, 51, 19, 201, 206, 211, 1];

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}
function ddmmyyyy(iso: string): string {
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}

type Model = {
  truth: InvoiceFields;
  issuerAddress: string;
  issuerIibb: string;
  receiverDoc: { tipo: number; nro: string };
  items: { desc: string; qty: number; price: number; subtotal: number }[];
  condicion: string;
};

function buildModel(spec: InvoiceSpec): Model {
  const r = mulberry32(spec.seed * 7919 + 17);
  const tipoCodigo = spec.tipoCodigo ?? pickOne(r, TIPOS);
  const comp = comprobanteByCode(tipoCodigo);
  const letter = comp.letter ?? "A";
  const issuerPrefix = pickOne(r, ["20", "27", "30", "30", "33"] as const);
  let proveedorCuit: string | null = null;
  while (!proveedorCuit) proveedorCuit = makeCuit(issuerPrefix, String(int(r, 10_000_000, 79_999_999)));
  if (spec.issuerCuit) proveedorCuit = spec.issuerCuit;
  let receptorCuit: string | null = null;
  while (!receptorCuit || receptorCuit === proveedorCuit) receptorCuit = makeCuit(pickOne(r, ["30", "20", "27"] as const), String(int(r, 10_000_000, 79_999_999)));
  const day = new Date(Date.UTC(2023, 0, 1) + int(r, 0, 1000) * 86_400_000);
  const fecha = isoDate(day);
  const caeVto = isoDate(new Date(day.getTime() + 10 * 86_400_000));
  const nItems = int(r, 1, 4);
  const items = Array.from({ length: nItems }, () => {
    const qty = int(r, 1, 12);
    const price = round2(int(r, 500, 250_000) + int(r, 0, 99) / 100);
    return { desc: pickOne(r, ITEMS), qty, price, subtotal: round2(qty * price) };
  });
  const neto = round2(items.reduce((s, i) => s + i.subtotal, 0));
  const hasIva = letter === "A" || letter === "M" || letter === "B";
  const rate = pickOne(r, [21, 21, 21, 10.5, 27]);
  const ivaAmount = hasIva ? round2((neto * rate) / 100) : 0;
  const otros = hasIva && r() < 0.3 ? round2(neto * 0.03) : 0;
  const total = round2(neto + ivaAmount + otros);
  const dollars = letter === "E" || r() < 0.08;
  const truth: InvoiceFields = {
    tipoCodigo,
    tipo: comp.tipo,
    puntoVenta: r() < 0.15 ? int(r, 10000, 99999) : int(r, 1, 120),
    numero: int(r, 1, 9_999_999),
    fecha,
    proveedorCuit,
    proveedorRazonSocial: ((name) => (spec.issuerName === undefined ? name : spec.issuerName))(pickOne(r, ISSUERS)),
    receptorCuit,
    receptorNombre: pickOne(r, RECEIVERS),
    neto,
    iva: hasIva ? [{ rate, base: neto, amount: ivaAmount }] : [],
    otrosImpuestos: otros,
    total,
    moneda: dollars ? "DOL" : "PES",
    cotizacion: dollars ? round2(int(r, 800, 1400) + int(r, 0, 99) / 100) : 1,
    cae: String(int(r, 70_000_000, 79_999_999)) + String(int(r, 100_000, 999_999)),
    caeVencimiento: caeVto,
    noGravado: null,
    exento: null,
    percepcionesIva: null,
    percepcionesIibb: null,
    impuestosInternos: null,
    otrosTributos: null,
  };
  return {
    truth,
    issuerAddress: pickOne(r, STREETS),
    issuerIibb: `${int(r, 900, 999)}-${proveedorCuit.slice(2, 10)}-${int(r, 0, 9)}`,
    receiverDoc: { tipo: 80, nro: receptorCuit },
    items,
    condicion: letter === "C" ? "Responsable Monotributo" : "IVA Responsable Inscripto",
  };
}

// ------------------------------------------------------------------ QR payloads
function qrJsonPayload(t: InvoiceFields): Record<string, unknown> {
  return {
    ver: 1,
    fecha: t.fecha,
    cuit: Number(t.proveedorCuit),
    ptoVta: t.puntoVenta,
    tipoCmp: t.tipoCodigo,
    nroCmp: t.numero,
    importe: t.total,
    moneda: t.moneda,
    ctz: t.cotizacion,
    tipoDocRec: 80,
    nroDocRec: Number(t.receptorCuit),
    tipoCodAut: "E",
    codAut: Number(t.cae),
  };
}

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");

/** The QR text for a variant (and any extra non-AFIP QR to put on the page). */
export function qrTextFor(truth: InvoiceFields, variant: QrVariant): { text: string; extra: string | null } {
  const p = qrJsonPayload(truth);
  const base = "https://www.afip.gob.ar/fe/qr/?p=";
  switch (variant) {
    case "clean":
      return { text: base + b64(JSON.stringify(p)), extra: null };
    case "truncated-invalid-json": {
      // Real-world: leading zero in tipoCmp, dd/mm/yyyy date, padded with spaces, cut at 255 chars (no CAE).
      const parts = [
        `"ver" : 1`,
        `"fecha" : "${ddmmyyyy(truth.fecha!)}"`,
        `"cuit" : ${truth.proveedorCuit}`,
        `"ptoVta" : ${truth.puntoVenta}`,
        `"tipoCmp" : ${String(truth.tipoCodigo).padStart(2, "0")}`,
        `"nroCmp" : ${truth.numero}`,
        `"importe" : ${truth.total!.toFixed(2)}`,
        `"moneda" : "${truth.moneda}"`,
        `"ctz" : ${truth.cotizacion!.toFixed(6)}`,
        `"tipoDocRec" : 80`,
        `"nroDocRec" : ${truth.receptorCuit}`,
        `"tipoCodAut" : "E"`,
        `"codAut" : ${truth.cae}`,
      ];
      let json = `{  ${parts.join(",     ")}  }`;
      // cut inside nroDocRec's value so the salvage must drop that key
      const cutAt = json.indexOf(`"nroDocRec" : `) + `"nroDocRec" : `.length + 5;
      json = json.slice(0, cutAt);
      return { text: base + b64(json), extra: null };
    }
    case "numbers-as-strings":
      return {
        text: base + b64(JSON.stringify({ ...p, ver: "1", cuit: String(truth.proveedorCuit), ptoVta: String(truth.puntoVenta).padStart(5, "0"), importe: truth.total!.toFixed(2), ctz: truth.cotizacion!.toFixed(2), codAut: String(truth.cae) })),
        extra: null,
      };
    case "missing-fecha": {
      const { fecha: _fecha, ...rest } = p;
      return { text: base + b64(JSON.stringify(rest)), extra: null };
    }
    case "fecha-ddmmyyyy":
      return { text: base + b64(JSON.stringify({ ...p, fecha: ddmmyyyy(truth.fecha!) })), extra: null };
    case "fecha-yyyymmdd":
      return { text: base + b64(JSON.stringify({ ...p, fecha: truth.fecha!.replace(/-/g, "") })), extra: null };
    case "no-slash-url":
      return { text: "https://www.afip.gob.ar/fe/qr?p=" + b64(JSON.stringify(p)), extra: null };
    case "crlf-base64": {
      const enc = b64(JSON.stringify(p, null, 1));
      return { text: base + (enc.match(/.{1,72}/g) ?? []).join("\r\n"), extra: null };
    }
    case "decimal-comma": {
      const json = JSON.stringify(p).replace(/"importe":[\d.]+/, `"importe":${truth.total!.toFixed(2).replace(".", ",")}`);
      return { text: base + b64(json), extra: null };
    }
    case "url-safe-base64": {
      // pad the JSON with spaces until its base64url form really uses "-"/"_" and needs "=" padding
      let enc = "";
      for (let pad = 0; pad < 64; pad++) {
        // an extra, ignored key with non-ASCII text (as some issuers add) makes "-"/"_" likely
        enc = Buffer.from(JSON.stringify({ ...p, obs: "Pagó – ¿contado?" }).replace("{", "{" + " ".repeat(pad)), "utf8").toString("base64url");
        if (/[-_]/.test(enc) && enc.length % 4 !== 0) break;
      }
      return { text: base + enc, extra: null };
    }
    case "arca-host":
      return { text: "https://www.arca.gob.ar/fe/qr/?p=" + b64(JSON.stringify(p)), extra: null };
    case "second-qr":
      return { text: base + b64(JSON.stringify(p)), extra: "https://tienda.example.com.ar/seguimiento?pedido=891852836" };
  }
}

// ------------------------------------------------------------------ PDF drawing
type Ctx = { page: PDFPage; font: PDFFont; bold: PDFFont };

function text(c: Ctx, s: string, x: number, y: number, size = 9, bold = false) {
  c.page.drawText(s, { x, y, size, font: bold ? c.bold : c.font, color: rgb(0, 0, 0) });
}

async function drawQr(pdf: PDFDocument, page: PDFPage, content: string, x: number, y: number, size: number, style: "image" | "vector") {
  if (style === "image") {
    const png = await QRCode.toBuffer(content, { errorCorrectionLevel: "M", margin: 1, scale: 4 });
    const img = await pdf.embedPng(png);
    page.drawImage(img, { x, y, width: size, height: size });
    return;
  }
  const qr = QRCode.create(content, { errorCorrectionLevel: "M" });
  const n = qr.modules.size;
  const cell = size / (n + 2);
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      if (qr.modules.get(row, col)) {
        page.drawRectangle({ x: x + (col + 1) * cell, y: y + size - (row + 2) * cell, width: cell, height: cell, color: rgb(0, 0, 0) });
      }
    }
  }
}

function amountStr(n: number, layout: "afip" | "generic"): string {
  return layout === "afip" ? n.toFixed(2).replace(".", ",") : formatAmountAr(n);
}

async function buildPdf(m: Model, spec: Required<Pick<InvoiceSpec, "layout" | "qrStyle">> & InvoiceSpec, qr: { text: string; extra: string | null } | null): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setCreationDate(new Date(Date.UTC(2024, 0, 1)));
  pdf.setModificationDate(new Date(Date.UTC(2024, 0, 1)));
  pdf.setProducer("contaflow-corpus");
  pdf.setCreator("contaflow-corpus");
  const page = pdf.addPage([595.28, 841.89]);
  const c: Ctx = { page, font: await pdf.embedFont(StandardFonts.Helvetica), bold: await pdf.embedFont(StandardFonts.HelveticaBold) };
  const t = m.truth;
  const comp = comprobanteByCode(t.tipoCodigo!);
  const letter = comp.letter ?? "X";
  const kindLabel = comp.label.replace(/\s+[ABCME]$/, "").replace(/ \(exportación\)/, "").toUpperCase();
  const pv = String(t.puntoVenta).padStart(t.puntoVenta! > 9999 ? 5 : spec.layout === "afip" ? 5 : 4, "0");
  const nro = String(t.numero).padStart(8, "0");
  const L = spec.layout;
  const a = (n: number) => amountStr(n, L);

  text(c, "ORIGINAL", 270, 810, 11, true);
  page.drawRectangle({ x: 277, y: 735, width: 40, height: 40, borderColor: rgb(0, 0, 0), borderWidth: 1 });
  text(c, letter, 290, 748, 22, true);
  text(c, L === "afip" ? `COD. ${String(t.tipoCodigo).padStart(2, "0")}` : `Cód. ${String(t.tipoCodigo).padStart(3, "0")}`, 282, 725, 7);
  if (t.proveedorRazonSocial) text(c, t.proveedorRazonSocial, 40, 760, 13, true);
  text(c, kindLabel, 360, 760, 14, true);
  if (L === "afip") {
    text(c, `Punto de Venta: ${pv}   Comp. Nro: ${nro}`, 360, 740, 9, true);
    text(c, `Fecha de Emisión: ${ddmmyyyy(t.fecha!)}`, 360, 725);
    if (t.proveedorRazonSocial) text(c, `Razón Social: ${t.proveedorRazonSocial}`, 40, 740);
    text(c, `Domicilio Comercial: ${m.issuerAddress}`, 40, 725);
    text(c, `Condición frente al IVA: ${m.condicion}`, 40, 710);
    text(c, `CUIT: ${t.proveedorCuit}`, 360, 710);
    text(c, `Ingresos Brutos: ${m.issuerIibb}`, 360, 697);
    text(c, `Fecha de Inicio de Actividades: 01/03/2010`, 360, 684);
    text(c, `CUIT: ${t.receptorCuit}`, 40, 650);
    text(c, `Apellido y Nombre / Razón Social: ${t.receptorNombre}`, 200, 650);
    text(c, `Condición frente al IVA: IVA Responsable Inscripto`, 40, 636);
    text(c, `Condición de venta: Cuenta Corriente`, 40, 622);
  } else {
    text(c, `Nº ${pv}-${nro}`, 360, 740, 10, true);
    text(c, `Fecha: ${ddmmyyyy(t.fecha!)}`, 360, 725);
    text(c, m.issuerAddress, 40, 740);
    text(c, `C.U.I.T.: ${t.proveedorCuit!.slice(0, 2)}-${t.proveedorCuit!.slice(2, 10)}-${t.proveedorCuit!.slice(10)}`, 360, 710);
    text(c, `IIBB: ${m.issuerIibb}`, 360, 697);
    text(c, m.condicion, 40, 725);
    text(c, `Cliente: ${t.receptorNombre}`, 40, 650);
    text(c, `CUIT Cliente: ${t.receptorCuit!.slice(0, 2)}-${t.receptorCuit!.slice(2, 10)}-${t.receptorCuit!.slice(10)}`, 40, 636);
  }
  if (t.moneda !== "PES") text(c, `Moneda: Dólar estadounidense   Cotización: ${a(t.cotizacion!)}`, 40, 608);
  // items
  let y = 585;
  text(c, "Producto / Servicio", 40, y, 8, true);
  text(c, "Cantidad", 300, y, 8, true);
  text(c, "Precio Unit.", 370, y, 8, true);
  text(c, "Subtotal", 480, y, 8, true);
  for (const it of m.items) {
    y -= 16;
    text(c, it.desc, 40, y, 8);
    text(c, `${it.qty},00`, 300, y, 8);
    text(c, a(it.price), 370, y, 8);
    text(c, a(it.subtotal), 480, y, 8);
  }
  // totals
  y = 300;
  const iva = t.iva ?? [];
  if (L === "afip") {
    const hasIva = iva.length > 0;
    if (hasIva) text(c, `Importe Neto Gravado: $ ${a(t.neto!)}`, 330, y, 9, true);
    else text(c, `Subtotal: $ ${a(t.neto!)}`, 330, y, 9, true);
    if (hasIva) {
      for (const rate of [27, 21, 10.5, 5, 2.5, 0]) {
        y -= 13;
        const line = iva.find((l) => l.rate === rate);
        text(c, `IVA ${String(rate)}%: $ ${a(line?.amount ?? 0)}`, 330, y, 9, true);
      }
    }
    y -= 13;
    text(c, `Importe Otros Tributos: $ ${a(t.otrosImpuestos ?? 0)}`, 330, y, 9, true);
    y -= 13;
    text(c, `Importe Total: $ ${a(t.total!)}`, 330, y, 10, true);
  } else {
    // table: labels on one row, values on the next
    const labels = ["Subtotal", ...iva.map((l) => `IVA ${String(l.rate).replace(".", ",")}%`), "Percepciones", "TOTAL"];
    const values = [t.neto!, ...iva.map((l) => l.amount), t.otrosImpuestos ?? 0, t.total!];
    labels.forEach((lab, k) => text(c, lab, 90 + k * 110, y, 9, true));
    values.forEach((v, k) => text(c, `$ ${a(v)}`, 90 + k * 110, y - 14, 9));
  }
  // CAE block
  text(c, `CAE N°: ${t.cae}`, 380, 120, 9, true);
  text(c, `Fecha de Vto. de CAE: ${ddmmyyyy(t.caeVencimiento!)}`, 380, 106, 9, true);
  text(c, "Comprobante Autorizado", 170, 110, 9, true);
  text(c, "Esta Administración Federal no se responsabiliza por los datos ingresados en el detalle de la operación", 40, 60, 6);
  text(c, "Pág. 1/1", 500, 40, 8);
  if (qr) {
    if (qr.extra) await drawQr(pdf, page, qr.extra, 40, 180, 80, "image");
    await drawQr(pdf, page, qr.text, 40, 70, 100, spec.qrStyle);
  }
  return pdf.save({ useObjectStreams: false });
}

// ------------------------------------------------------------------ scanned-looking images
type PdfJs = typeof pdfjsTypes;
let pdfjsMod: Promise<PdfJs> | null = null;

async function renderFirstPage(pdfBytes: Uint8Array, scale: number, seed: number, fmt: "png" | "jpeg"): Promise<Uint8Array> {
  pdfjsMod ??= import("pdfjs-dist/legacy/build/pdf.mjs");
  const { getDocument } = await pdfjsMod;
  const { createCanvas } = await import("@napi-rs/canvas");
  const doc = await getDocument({ data: pdfBytes.slice(), isEvalSupported: false, verbosity: 0 }).promise;
  const page = await doc.getPage(1);
  const viewport = page.getViewport({ scale });
  const w = Math.floor(viewport.width);
  const h = Math.floor(viewport.height);
  const src = createCanvas(w, h);
  const sctx = src.getContext("2d");
  sctx.fillStyle = "#fff";
  sctx.fillRect(0, 0, w, h);
  await page.render({ canvasContext: sctx as unknown as CanvasRenderingContext2D, viewport, canvas: src as unknown as HTMLCanvasElement }).promise;
  await doc.destroy();
  // "scanned": slight rotation, warm paper tint, light noise
  const r = mulberry32(seed * 31 + 5);
  const out = createCanvas(w, h);
  const ctx = out.getContext("2d");
  ctx.fillStyle = "#f6f3ea";
  ctx.fillRect(0, 0, w, h);
  ctx.translate(w / 2, h / 2);
  ctx.rotate(((r() - 0.5) * 1.2 * Math.PI) / 180);
  ctx.translate(-w / 2, -h / 2);
  ctx.globalCompositeOperation = "multiply";
  ctx.drawImage(src, 0, 0);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.globalCompositeOperation = "source-over";
  const img = ctx.getImageData(0, 0, w, h);
  for (let i = 0; i < img.data.length; i += 4) {
    const n = (r() - 0.5) * 24;
    img.data[i] = Math.max(0, Math.min(255, img.data[i]! + n));
    img.data[i + 1] = Math.max(0, Math.min(255, img.data[i + 1]! + n));
    img.data[i + 2] = Math.max(0, Math.min(255, img.data[i + 2]! + n));
  }
  ctx.putImageData(img, 0, 0);
  const buf = fmt === "png" ? await out.encode("png") : await out.encode("jpeg", 82);
  return new Uint8Array(buf);
}

async function imageOnlyPdf(jpeg: Uint8Array): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setCreationDate(new Date(Date.UTC(2024, 0, 1)));
  pdf.setModificationDate(new Date(Date.UTC(2024, 0, 1)));
  pdf.setProducer("contaflow-corpus scanner");
  const img = await pdf.embedJpg(jpeg);
  const page = pdf.addPage([595.28, 841.89]);
  page.drawImage(img, { x: 0, y: 0, width: 595.28, height: 841.89 });
  return pdf.save({ useObjectStreams: false });
}

// ------------------------------------------------------------------ public API
export async function generateInvoice(spec: InvoiceSpec): Promise<GeneratedInvoice> {
  const format = spec.format ?? "pdf-qr";
  const r = mulberry32(spec.seed);
  const full = {
    ...spec,
    format,
    layout: spec.layout ?? (r() < 0.6 ? "afip" : "generic"),
    qrStyle: spec.qrStyle ?? (r() < 0.7 ? "image" : "vector"),
  } as Required<Pick<InvoiceSpec, "layout" | "qrStyle">> & InvoiceSpec;
  const m = buildModel(full);
  const withQr = format !== "pdf-text" && !spec.noQr;
  const qr = withQr ? qrTextFor(m.truth, full.qrVariant ?? "clean") : null;
  const pdfBytes = await buildPdf(m, full, qr);
  const t = m.truth;
  const base = `${t.proveedorCuit}_${String(t.tipoCodigo).padStart(3, "0")}_${String(t.puntoVenta).padStart(5, "0")}_${String(t.numero).padStart(8, "0")}`;
  const suffix = (full.qrVariant && full.qrVariant !== "clean" ? `_${full.qrVariant}` : "") + (spec.noQr && format !== "pdf-text" ? "_sinqr" : "");
  if (format === "pdf-qr" || format === "pdf-text") {
    return { bytes: pdfBytes, fileName: `${base}${format === "pdf-text" ? "_sinqr" : ""}${suffix}.pdf`, truth: t, spec: full, qrText: qr?.text ?? null };
  }
  if (format === "png" || format === "jpeg") {
    const bytes = await renderFirstPage(pdfBytes, 2.5, spec.seed, format);
    return { bytes, fileName: `${base}${suffix}_foto.${format === "png" ? "png" : "jpg"}`, truth: t, spec: full, qrText: qr?.text ?? null };
  }
  const jpeg = await renderFirstPage(pdfBytes, 2.5, spec.seed, "jpeg");
  return { bytes: await imageOnlyPdf(jpeg), fileName: `${base}${suffix}_escaneado.pdf`, truth: t, spec: full, qrText: qr?.text ?? null };
}

/** The standard corpus: n QR PDFs (both layouts, both QR styles, all tipo families), text-only PDFs, images. */
export function standardSpecs(opts: { qrPdfs?: number; textPdfs?: number; images?: number; seed?: number } = {}): InvoiceSpec[] {
  const { qrPdfs = 24, textPdfs = 8, images = 2, seed = 1000 } = opts;
  const specs: InvoiceSpec[] = [];
  for (let i = 0; i < qrPdfs; i++) specs.push({ seed: seed + i, format: "pdf-qr", tipoCodigo: TIPOS[i % TIPOS.length] });
  for (let i = 0; i < textPdfs; i++) specs.push({ seed: seed + 500 + i, format: "pdf-text" });
  for (let i = 0; i < images; i++) specs.push({ seed: seed + 900 + i, format: i % 2 ? "jpeg" : "png" });
  return specs;
}

// ------------------------------------------------------------------ hostile files
export type HostileFile = { name: string; fileName: string; bytes: Uint8Array; expectReasons: string[] };

function crc32(buf: Uint8Array): number {
  let c: number;
  let crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]!) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A valid one-entry ZIP whose entry inflates to `size` bytes of zeros. */
function zipBomb(size: number): Uint8Array {
  const data = new Uint8Array(size);
  const comp = deflateRawSync(data, { level: 9 });
  const name = Buffer.from("factura.pdf");
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(comp.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(comp.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(name.length, 28);
  const centralOffset = local.length + name.length + comp.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return new Uint8Array(Buffer.concat([local, name, comp, central, name, end]));
}

/** A PDF whose page content stream inflates to `size` bytes (a decompression bomb). */
function pdfBomb(size: number): Uint8Array {
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  const parts: Buffer[] = [];
  for (let i = 0; i < size / chunk.length; i++) parts.push(chunk);
  const stream = deflateSync(Buffer.concat(parts), { level: 9 });
  const objs = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
  ];
  const chunks: Buffer[] = [Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  const offsets: number[] = [];
  let pos = chunks[0]!.length;
  objs.forEach((o, i) => {
    offsets.push(pos);
    const b = Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`, "latin1");
    chunks.push(b);
    pos += b.length;
  });
  offsets.push(pos);
  const head = Buffer.from(`4 0 obj\n<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`, "latin1");
  const tail = Buffer.from("\nendstream\nendobj\n", "latin1");
  chunks.push(head, stream, tail);
  pos += head.length + stream.length + tail.length;
  const xref = `xref\n0 5\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${pos}\n%%EOF\n`;
  chunks.push(Buffer.from(xref, "latin1"));
  return new Uint8Array(Buffer.concat(chunks));
}

async function manyPages(n: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setCreationDate(new Date(Date.UTC(2024, 0, 1)));
  pdf.setModificationDate(new Date(Date.UTC(2024, 0, 1)));
  for (let i = 0; i < n; i++) pdf.addPage([200, 200]);
  return pdf.save({ useObjectStreams: true });
}

/** Hostile/broken inputs; each must end as a ParseFailure with one of `expectReasons`. */
export async function hostileFiles(): Promise<HostileFile[]> {
  const good = await generateInvoice({ seed: 4242, format: "pdf-qr" });
  const png = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png, 0);
  png.writeUInt32BE(13, 8);
  png.write("IHDR", 12, "latin1");
  png.writeUInt32BE(100_000, 16);
  png.writeUInt32BE(100_000, 20);
  const heic = Buffer.alloc(64);
  heic.writeUInt32BE(24, 0);
  heic.write("ftypheic", 4, "latin1");
  return [
    { name: "not a PDF (text named .pdf)", fileName: "factura.pdf", bytes: new TextEncoder().encode("Hola, esto no es un PDF.\n".repeat(20)), expectReasons: ["CORRUPT"] },
    { name: "unknown binary", fileName: "datos.bin", bytes: new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 37 + 11) % 256)), expectReasons: ["NOT_SUPPORTED"] },
    { name: "empty file", fileName: "vacio.pdf", bytes: new Uint8Array(0), expectReasons: ["EMPTY"] },
    { name: "truncated PDF", fileName: "truncado.pdf", bytes: good.bytes.slice(0, Math.floor(good.bytes.length * 0.35)), expectReasons: ["CORRUPT", "NO_DATA"] },
    { name: "PDF header then garbage", fileName: "basura.pdf", bytes: new Uint8Array([...new TextEncoder().encode("%PDF-1.7\n"), ...Array.from({ length: 20000 }, (_, i) => (i * 131 + 7) % 256)]), expectReasons: ["CORRUPT", "NO_DATA"] },
    { name: "huge page count", fileName: "5000-paginas.pdf", bytes: await manyPages(5000), expectReasons: ["TOO_MANY_PAGES"] },
    { name: "zip bomb", fileName: "facturas.zip", bytes: zipBomb(64 * 1024 * 1024), expectReasons: ["NOT_SUPPORTED"] },
    { name: "zip bomb named .pdf", fileName: "factura.pdf", bytes: zipBomb(64 * 1024 * 1024), expectReasons: ["NOT_SUPPORTED"] },
    { name: "PDF decompression bomb", fileName: "bomba.pdf", bytes: pdfBomb(512 * 1024 * 1024), expectReasons: ["NO_DATA", "TIMEOUT", "TOO_LARGE", "CORRUPT"] },
    { name: "image pixel bomb (PNG header 100000×100000)", fileName: "foto.png", bytes: new Uint8Array(png), expectReasons: ["TOO_LARGE"] },
    { name: "HEIC photo", fileName: "IMG_0001.HEIC", bytes: new Uint8Array(heic), expectReasons: ["NOT_SUPPORTED"] },
    { name: "too large", fileName: "grande.pdf", bytes: new Uint8Array(21 * 1024 * 1024), expectReasons: ["TOO_LARGE"] },
  ];
}
