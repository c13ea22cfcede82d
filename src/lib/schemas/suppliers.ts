import { z } from "zod";
import { CONDICION_IVA_CODES } from "@/lib/suppliers/condicion-iva";
import { isValidCuit } from "@/lib/cuit";

/** "30-71234567-1", "30 71234567 1" or "30712345671" → 11 digits, check digit verified. */
export const supplierCuit = z
  .string()
  .trim()
  .transform((v) => v.replace(/[-\s.]/g, ""))
  .pipe(z.string().regex(/^\d{11}$/, "El CUIT tiene 11 dígitos").refine(isValidCuit, "CUIT inválido: revisá el dígito verificador"));

export const listSuppliersInput = z.object({
  /** Part of the razón social or of the CUIT (with or without dashes). */
  search: z.string().trim().max(100).optional(),
  source: z.enum(["LEARNED", "PULL", "USER"]).optional(),
  limit: z.number().int().min(1).max(200).default(100),
});

const supplierFields = {
  razonSocial: z.string().trim().min(1, "Falta la razón social").max(200, "Razón social demasiado larga (máximo 200)"),
  condicionIva: z.enum(CONDICION_IVA_CODES, { error: "Elegí una condición frente al IVA de la lista" }).nullable().optional(),
};

/** "Agregar proveedor": a CUIT already in the directory is refused (edit that entry instead). */
export const createSupplierInput = z.object({ cuit: supplierCuit, ...supplierFields });
export type CreateSupplierInput = z.input<typeof createSupplierInput>;

/** Inline edit of an entry (the CUIT is the key: a different CUIT is a different supplier). */
export const updateSupplierInput = z.object({ id: z.string().min(1), ...supplierFields });
export type UpdateSupplierInput = z.input<typeof updateSupplierInput>;
