/**
 * Comparing a printed razón social with the directory's: the same company is printed as
 * "Distribuidora del Plata S.A.", "DISTRIBUIDORA DEL PLATA SA" or "Distribuidora Del Plata".
 * Case, accents, punctuation and the legal form do not make two names different.
 */
const LEGAL_FORMS = new Set([
  "sa", "srl", "sas", "sau", "sca", "scs", "se", "sh", "sc", "saic", "saci", "sacif", "sacifi", "sacifia", "saicf", "saicfi", "sapem",
  "ltda", "limitada", "coop", "cooperativa", "sociedad anonima", "sociedad de responsabilidad limitada", "sociedad por acciones simplificada",
  "sociedad de hecho", "sociedad en comandita por acciones", "unipersonal",
]);
const MULTI_WORD = [...LEGAL_FORMS].filter((f) => f.includes(" ")).sort((a, b) => b.length - a.length);

/** The comparable core of a name: folded, letters and digits, legal form removed. */
export function normalizeSupplierName(name: string): string {
  let s = name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/&/g, " y ")
    .replace(/\./g, "")
    .replace(/[^a-z0-9ñ]+/g, " ")
    .trim();
  // "s a" (from "S. A.") → "sa": runs of single letters are one abbreviation.
  s = s.replace(/\b([a-z])(?: ([a-z]))+\b/g, (m) => m.replace(/ /g, ""));
  for (let changed = true; changed; ) {
    changed = false;
    for (const form of MULTI_WORD) {
      if (s.endsWith(` ${form}`)) {
        s = s.slice(0, -form.length - 1).trim();
        changed = true;
      }
    }
    const words = s.split(" ");
    if (words.length > 1 && LEGAL_FORMS.has(words.at(-1)!)) {
      s = words.slice(0, -1).join(" ");
      changed = true;
    }
  }
  return s;
}

export const sameSupplierName = (a: string, b: string) => normalizeSupplierName(a) === normalizeSupplierName(b);
