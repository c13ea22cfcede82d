/**
 * The AFIP/ARCA QR payload (RG 4892/2020): `https://www.afip.gob.ar/fe/qr/?p=<base64 JSON>`.
 * Real payloads break the spec (truncated JSON, numbers as strings, dd/mm/yyyy dates, decimal
 * commas, wrapped or URL-safe base64, a missing slash); the decoder is lenient and records every
 * repair as a Spanish note.
 */
import type { FieldMetaMap, InvoiceFields } from "@/lib/documents/fields";
import { comprobanteByCode } from "./comprobantes";
import { isValidCuit } from "@/lib/cuit";
import { parseDate, round2 } from "./formats";

export type AfipQrPayload = {
  ver: number | null;
  fecha: string | null;
  cuit: string | null;
  ptoVta: number | null;
  tipoCmp: number | null;
  nroCmp: number | null;
  importe: number | null;
  moneda: string | null;
  ctz: number | null;
  tipoDocRec: number | null;
  nroDocRec: string | null;
  tipoCodAut: string | null;
  codAut: string | null;
};

export type DecodedQr = {
  payload: AfipQrPayload;
  notes: string[];
  /** The JSON itself was invalid and had to be salvaged key by key. */
  salvaged: boolean;
  /** Keys whose value was repaired (string → number, date format, decimal comma…). */
  repairedKeys: Set<string>;
};

const HOST_RE = /^(?:https?:\/\/)?(?:[a-z0-9-]+\.)*(?:afip|arca)\.gob\.ar(?::\d+)?\//i;

export function isAfipQrUrl(text: string): boolean {
  return HOST_RE.test(text.trim()) && /[?&]p=/.test(text);
}

const KEYS = ["ver", "fecha", "cuit", "ptoVta", "tipoCmp", "nroCmp", "importe", "moneda", "ctz", "tipoDocRec", "nroDocRec", "tipoCodAut", "codAut"] as const;
type Key = (typeof KEYS)[number];
const NUMERIC_KEYS = new Set<Key>(["ver", "cuit", "ptoVta", "tipoCmp", "nroCmp", "importe", "ctz", "tipoDocRec", "nroDocRec", "codAut"]);

/** Decodes the text of a QR. Returns null when it is not an AFIP/ARCA comprobante QR. */
export function decodeAfipQr(text: string): DecodedQr | null {
  const raw = text.trim();
  if (!isAfipQrUrl(raw)) return null;
  const notes: string[] = [];
  const repairedKeys = new Set<string>();

  if (/\.gob\.ar\/fe\/qr\?p=/i.test(raw)) notes.push("QR: URL sin «/» antes de «?p=» (aceptada)");
  if (/arca\.gob\.ar/i.test(raw)) notes.push("QR: dominio arca.gob.ar");

  const pIdx = raw.search(/[?&]p=/);
  let p = raw.slice(pIdx + 3);
  const amp = p.indexOf("&");
  if (amp >= 0) p = p.slice(0, amp);
  if (/\s/.test(p)) {
    notes.push("QR: base64 con saltos de línea o espacios (eliminados)");
    p = p.replace(/\s+/g, "");
  }
  try {
    if (p.includes("%")) p = decodeURIComponent(p);
  } catch {
    // keep as is
  }
  if (/[-_]/.test(p)) {
    notes.push("QR: base64 en variante URL-safe (convertida)");
    p = p.replace(/-/g, "+").replace(/_/g, "/");
  }
  p = p.replace(/[^A-Za-z0-9+/=]/g, "");
  const unpadded = p.replace(/=+$/, "");
  if (unpadded.length % 4 !== 0 && !p.endsWith("=")) notes.push("QR: base64 sin relleno «=» (completado)");
  p = unpadded + "=".repeat((4 - (unpadded.length % 4)) % 4);

  let json: string;
  try {
    json = Buffer.from(p, "base64").toString("utf8");
  } catch {
    return null;
  }
  if (!json.includes("{") && !json.includes(":")) return null;

  let obj: Record<string, unknown> | null = null;
  let salvaged = false;
  try {
    const parsed: unknown = JSON.parse(json);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) obj = parsed as Record<string, unknown>;
  } catch {
    obj = null;
  }
  if (!obj) {
    salvaged = true;
    notes.push("QR: el JSON del código no es válido; datos rescatados campo por campo");
    obj = salvage(json, notes, repairedKeys);
  }

  const payload = {} as AfipQrPayload;
  for (const key of KEYS) {
    const v = obj[key] ?? findCaseInsensitive(obj, key);
    (payload as Record<string, unknown>)[key] = normalizeValue(key, v, notes, repairedKeys);
  }
  for (const key of ["fecha", "cuit", "ptoVta", "tipoCmp", "nroCmp", "importe"] as const) {
    if (payload[key] == null) notes.push(`QR: falta el campo «${key}»`);
  }
  if (payload.codAut == null) notes.push("QR: falta el CAE («codAut»)");
  return { payload, notes, salvaged, repairedKeys };
}

function findCaseInsensitive(obj: Record<string, unknown>, key: string): unknown {
  const k = Object.keys(obj).find((x) => x.toLowerCase() === key.toLowerCase());
  return k ? obj[k] : undefined;
}

/** Key-by-key salvage of an invalid/truncated JSON payload. */
function salvage(json: string, notes: string[], repaired: Set<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const re = /"?([A-Za-z]+)"?\s*:\s*("((?:[^"\\]|\\.)*)"?|-?\d+(?:[.,]\d+)?)/g;
  const found: { key: string; value: unknown; end: number; quotedOpen: boolean; closed: boolean }[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(json))) {
    const key = m[1]!;
    const token = m[2]!;
    const quoted = token.startsWith('"');
    const closed = !quoted || (token.length > 1 && token.endsWith('"'));
    found.push({ key, value: quoted ? m[3] : token, end: re.lastIndex, quotedOpen: quoted, closed });
    if (!/^"[A-Za-z]+"/.test(m[0])) repaired.add(key);
  }
  if (found.some((f) => repaired.has(f.key))) notes.push("QR: comillas faltantes en nombres de campo (reparadas)");
  const truncated = !/}\s*$/.test(json.trim());
  if (truncated && found.length) {
    const last = found.pop()!;
    notes.push(`QR: contenido truncado; se descartó el último campo («${last.key}») porque su valor puede estar cortado`);
  }
  for (const f of found) {
    if (typeof f.value === "string" && /^-?0\d/.test(f.value) && !f.quotedOpen) {
      notes.push(`QR: número con ceros a la izquierda en «${f.key}» (${f.value})`);
      repaired.add(f.key);
    }
    out[f.key] = f.quotedOpen ? f.value : { unquoted: f.value };
  }
  return out;
}

function normalizeValue(key: Key, v: unknown, notes: string[], repaired: Set<string>): unknown {
  if (v == null || v === "") return null;
  if (v && typeof v === "object" && "unquoted" in v && !NUMERIC_KEYS.has(key)) v = (v as { unquoted: string }).unquoted;
  if (key === "fecha") {
    const s = String(v).trim();
    if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return parseDate(s);
    const d = parseDate(s);
    if (d) {
      repaired.add(key);
      notes.push(/^\d{8}$/.test(s) ? "QR: fecha en formato aaaammdd (convertida)" : "QR: fecha en formato dd/mm/aaaa (convertida)");
    } else notes.push(`QR: fecha ilegible («${s.slice(0, 20)}»)`);
    return d;
  }
  if (key === "moneda" || key === "tipoCodAut") {
    return String(v).trim().toUpperCase() || null;
  }
  // numeric keys
  if (NUMERIC_KEYS.has(key)) {
    let s: string;
    if (typeof v === "number") {
      s = key === "cuit" || key === "codAut" || key === "nroDocRec" ? BigIntSafe(v) : String(v);
    } else if (v && typeof v === "object" && "unquoted" in v) {
      s = String((v as { unquoted: string }).unquoted);
    } else if (typeof v === "string") {
      s = v.trim();
      repaired.add(key);
      if (!notes.some((n) => n.startsWith("QR: valores numéricos como texto"))) notes.push("QR: valores numéricos como texto (convertidos)");
    } else return null;
    if (key === "importe" || key === "ctz") {
      if (/^-?\d+,\d+$/.test(s)) {
        notes.push(`QR: coma decimal en «${key}» (${s})`);
        repaired.add(key);
        s = s.replace(",", ".");
      }
      const n = Number(s.replace(/[^\d.-]/g, ""));
      return Number.isFinite(n) ? (key === "importe" ? round2(n) : n) : null;
    }
    if (key === "cuit" || key === "codAut" || key === "nroDocRec") {
      const digits = s.replace(/\D/g, "");
      return digits || null;
    }
    const n = Number(s.replace(/[^\d-]/g, ""));
    return Number.isFinite(n) ? n : null;
  }
  return v;
}

function BigIntSafe(n: number): string {
  return Number.isSafeInteger(n) ? String(n) : BigInt(Math.round(n)).toString();
}

/** QR payload → invoice fields with per-field confidence. */
export function qrToFields(decoded: DecodedQr): { fields: Partial<InvoiceFields>; meta: FieldMetaMap; notes: string[] } {
  const { payload: q, salvaged, repairedKeys } = decoded;
  const fields: Partial<InvoiceFields> = {};
  const meta: FieldMetaMap = {};
  const notes: string[] = [];
  const conf = (keys: string[]) => (salvaged ? 0.85 : keys.some((k) => repairedKeys.has(k)) ? 0.93 : 0.98);
  const set = <K extends keyof InvoiceFields>(name: K, value: InvoiceFields[K] | null | undefined, keys: string[], c?: number) => {
    if (value == null) return;
    fields[name] = value;
    meta[name] = { source: "QR", confidence: c ?? conf(keys) };
  };
  if (q.tipoCmp != null && q.tipoCmp >= 1 && q.tipoCmp <= 999) {
    set("tipoCodigo", q.tipoCmp, ["tipoCmp"]);
    set("tipo", comprobanteByCode(q.tipoCmp).tipo, ["tipoCmp"]);
  }
  if (q.ptoVta != null && q.ptoVta >= 0 && q.ptoVta <= 99999) set("puntoVenta", q.ptoVta, ["ptoVta"]);
  if (q.nroCmp != null && q.nroCmp >= 0 && q.nroCmp <= 99_999_999) set("numero", q.nroCmp, ["nroCmp"]);
  set("fecha", q.fecha, ["fecha"]);
  if (q.cuit && q.cuit.length === 11) {
    const valid = isValidCuit(q.cuit);
    if (!valid) notes.push(`QR: el CUIT del emisor ${q.cuit} no tiene dígito verificador válido`);
    set("proveedorCuit", q.cuit, ["cuit"], valid ? undefined : 0.3);
  }
  if (q.nroDocRec && (q.tipoDocRec === 80 || q.tipoDocRec === 86) && q.nroDocRec.length === 11) {
    set("receptorCuit", q.nroDocRec, ["nroDocRec", "tipoDocRec"]);
  }
  set("total", q.importe, ["importe"]);
  if (q.moneda && /^[A-Z0-9]{3}$/.test(q.moneda)) set("moneda", q.moneda, ["moneda"]);
  if (q.ctz != null && q.ctz > 0) set("cotizacion", q.ctz, ["ctz"]);
  if (q.codAut && q.codAut.length === 14) set("cae", q.codAut, ["codAut"]);
  return { fields, meta, notes };
}

/** Builds a QR URL from a payload (corpus generator). */
export function afipQrUrl(payload: Record<string, unknown>, host = "https://www.afip.gob.ar/fe/qr/"): string {
  return `${host}?p=${Buffer.from(JSON.stringify(payload), "utf8").toString("base64")}`;
}
