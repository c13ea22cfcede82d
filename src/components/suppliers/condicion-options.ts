import { CONDICIONES_IVA } from "@/lib/suppliers/condicion-iva";

/** The select's options: "not specified", AFIP's conditions, and a stored value AFIP's list does not have (old PULL text). */
export function condicionOptions(unspecified: string, current?: string | null) {
  const known = CONDICIONES_IVA.map((c) => ({ value: c.code as string, label: c.name as string }));
  const extra = current && !known.some((o) => o.value === current) ? [{ value: current, label: current }] : [];
  return [{ value: "", label: unspecified }, ...known, ...extra];
}
