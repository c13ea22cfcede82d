/**
 * An INDEPENDENT reader of the Libro IVA Digital COMPRAS files, written from the field tables of
 * the brief (docs/reference/libro-iva-digital.md §3 and §4: 1-based inclusive positions), not from
 * the generator's code. Tests parse the generator's output with it.
 */
type Kind = "N" | "A" | "I" | "R" | "D";
type Field = [name: string, from: number, to: number, kind: Kind];

// §3 LIBRO_IVA_DIGITAL_COMPRAS_CBTE — 325 characters, 25 fields.
export const CBTE_FIELDS: Field[] = [
  ["fecha", 1, 8, "D"],
  ["tipo", 9, 11, "N"],
  ["puntoVenta", 12, 16, "N"],
  ["numero", 17, 36, "N"],
  ["despacho", 37, 52, "A"],
  ["codigoDocumento", 53, 54, "N"],
  ["cuitVendedor", 55, 74, "N"],
  ["nombreVendedor", 75, 104, "A"],
  ["total", 105, 119, "I"],
  ["noGravado", 120, 134, "I"],
  ["exento", 135, 149, "I"],
  ["percepcionesIva", 150, 164, "I"],
  ["percepcionesNacionales", 165, 179, "I"],
  ["percepcionesIibb", 180, 194, "I"],
  ["percepcionesMunicipales", 195, 209, "I"],
  ["impuestosInternos", 210, 224, "I"],
  ["moneda", 225, 227, "A"],
  ["tipoCambio", 228, 237, "R"],
  ["cantidadAlicuotas", 238, 238, "N"],
  ["codigoOperacion", 239, 239, "A"],
  ["creditoFiscal", 240, 254, "I"],
  ["otrosTributos", 255, 269, "I"],
  ["cuitCorredor", 270, 280, "N"],
  ["nombreCorredor", 281, 310, "A"],
  ["ivaComision", 311, 325, "I"],
];

// §4 LIBRO_IVA_DIGITAL_COMPRAS_ALICUOTAS — 84 characters, 8 fields.
export const ALICUOTA_FIELDS: Field[] = [
  ["tipo", 1, 3, "N"],
  ["puntoVenta", 4, 8, "N"],
  ["numero", 9, 28, "N"],
  ["codigoDocumento", 29, 30, "N"],
  ["cuitVendedor", 31, 50, "N"],
  ["neto", 51, 65, "I"],
  ["alicuota", 66, 69, "N"],
  ["iva", 70, 84, "I"],
];

export type Parsed = Record<string, string | number>;

/** One record → named values: N as integer, I as centavos, R as the rate, A as trimmed text (raw under `raw:<name>`). */
export function parseRecord(line: string, fields: Field[], length: number): Parsed {
  if (line.length !== length) throw new Error(`record length ${line.length}, expected ${length}`);
  if (!/^[\x20-\x7e]*$/.test(line)) throw new Error("non-ASCII byte in record");
  const out: Parsed = {};
  let expectedFrom = 1;
  for (const [name, from, to, kind] of fields) {
    if (from !== expectedFrom) throw new Error(`field table gap before ${name}`);
    expectedFrom = to + 1;
    const raw = line.slice(from - 1, to);
    out[`raw:${name}`] = raw;
    if (kind === "N" || kind === "D") {
      if (!/^\d+$/.test(raw)) throw new Error(`${name}: not numeric «${raw}»`);
      out[name] = kind === "D" ? raw : Number(raw);
    } else if (kind === "I") {
      if (!/^(-\d{14}|\d{15})$/.test(raw)) throw new Error(`${name}: bad amount «${raw}»`);
      out[name] = raw.startsWith("-") ? -Number(raw.slice(1)) : Number(raw);
    } else if (kind === "R") {
      if (!/^\d{10}$/.test(raw)) throw new Error(`${name}: bad rate «${raw}»`);
      out[name] = Number(raw.slice(0, 4)) + Number(raw.slice(4)) / 1e6;
    } else out[name] = raw.trimEnd();
  }
  if (expectedFrom - 1 !== length) throw new Error("field table does not cover the record");
  return out;
}

/** A whole file (bytes): every record ends in CRLF, single-byte. */
export function parseFile(bytes: Uint8Array, fields: Field[], length: number): Parsed[] {
  const text = Buffer.from(bytes).toString("latin1");
  if (text.length === 0) return [];
  if (!text.endsWith("\r\n")) throw new Error("file does not end in CRLF");
  const lines = text.slice(0, -2).split("\r\n");
  for (const l of lines) if (l.includes("\n") || l.includes("\r")) throw new Error("bare LF/CR inside a record");
  return lines.map((l) => parseRecord(l, fields, length));
}

export const parseCbteFile = (b: Uint8Array) => parseFile(b, CBTE_FIELDS, 325);
export const parseAlicuotasFile = (b: Uint8Array) => parseFile(b, ALICUOTA_FIELDS, 84);

/** The brief's alícuota table (§4 field 7), rate in percent. */
export const ALICUOTA_RATE: Record<number, number> = { 3: 0, 4: 10.5, 5: 21, 6: 27, 8: 5, 9: 2.5 };
