/**
 * AFIP's "condición frente al IVA" (WSFE `CondicionIVAReceptorId`, RG 5616). The directory stores
 * the code; the names are AFIP's own (not translated: they are legal categories).
 */
export const CONDICIONES_IVA = [
  { code: "1", name: "IVA Responsable Inscripto" },
  { code: "4", name: "IVA Sujeto Exento" },
  { code: "5", name: "Consumidor Final" },
  { code: "6", name: "Responsable Monotributo" },
  { code: "7", name: "Sujeto No Categorizado" },
  { code: "8", name: "Proveedor del Exterior" },
  { code: "9", name: "Cliente del Exterior" },
  { code: "10", name: "IVA Liberado Ley 19.640" },
  { code: "13", name: "Monotributista Social" },
  { code: "15", name: "IVA No Alcanzado" },
  { code: "16", name: "Monotributo Trabajador Independiente Promovido" },
] as const;
export type CondicionIvaCode = (typeof CONDICIONES_IVA)[number]["code"];
export const CONDICION_IVA_CODES = CONDICIONES_IVA.map((c) => c.code) as [CondicionIvaCode, ...CondicionIvaCode[]];

const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();

/** Common ERP spellings → code ("RI", "Monotributista", "Exento", …). */
const ALIASES: Record<string, CondicionIvaCode> = {
  ri: "1", "responsable inscripto": "1", "iva responsable inscripto": "1", inscripto: "1",
  exento: "4", "iva exento": "4", "sujeto exento": "4",
  cf: "5", "consumidor final": "5",
  mt: "6", monotributo: "6", monotributista: "6", "responsable monotributo": "6",
  "no categorizado": "7", "proveedor exterior": "8", "cliente exterior": "9",
  "no alcanzado": "15", "monotributo social": "13",
};

/** The AFIP code for a code or a name as an ERP sends it; null when not recognized. */
export function condicionIvaCode(value: string | null | undefined): CondicionIvaCode | null {
  if (!value) return null;
  const v = fold(value);
  const byCode = CONDICIONES_IVA.find((c) => c.code === v);
  if (byCode) return byCode.code;
  const byName = CONDICIONES_IVA.find((c) => fold(c.name) === v);
  return byName?.code ?? ALIASES[v] ?? null;
}

/** What to show for a stored value: AFIP's name for a code, else the stored text as it came. */
export function condicionIvaLabel(value: string | null | undefined): string | null {
  if (!value) return null;
  return CONDICIONES_IVA.find((c) => c.code === value)?.name ?? value;
}
