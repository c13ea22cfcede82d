/**
 * The parse save step consults the tenant's supplier directory for the issuer's razón social:
 *  - not printed (or not found) → the directory's name, source DIRECTORY;
 *  - printed and the same name (case, accents, punctuation, legal form aside) → two independent
 *    sources agree: confidence goes up;
 *  - printed and different → the printed value stays, flagged (the document goes to review).
 * Only when the issuer CUIT itself is trusted: a misread CUIT must not fetch another company's name.
 * A razón social a person corrected (USER) is left alone.
 */
import "server-only";
import type { FieldMetaMap, InvoiceFields } from "@/lib/documents/fields";
import type { Tx } from "@/server/db/client";
import { REVIEW_THRESHOLD } from "@/server/parsing";
import { isValidCuit } from "@/lib/cuit";
import { scoped } from "@/server/tenants/scope";
import { sameSupplierName } from "./names";

/** A name from the directory: learned from reviewed documents or entered by people, not read off this page. */
export const DIRECTORY_CONFIDENCE = 0.95;
/** The printed name and the directory agree. */
export const AGREEMENT_CONFIDENCE = 0.98;

export const directoryMismatchFlag = (name: string) => `No coincide con el directorio de proveedores: «${name}»`;

export async function applyDirectory(tx: Tx, tenantId: string, fields: InvoiceFields, meta: FieldMetaMap): Promise<{ fields: InvoiceFields; meta: FieldMetaMap; note: string | null }> {
  const cuit = fields.proveedorCuit;
  const cuitMeta = meta.proveedorCuit;
  const nameMeta = meta.proveedorRazonSocial;
  if (!cuit || !isValidCuit(cuit) || nameMeta?.source === "USER") return { fields, meta, note: null };
  if (cuitMeta?.source !== "USER" && (cuitMeta?.confidence ?? 0) < REVIEW_THRESHOLD) return { fields, meta, note: null };
  const entry = await tx.supplier.findFirst({ where: scoped({ tenantId }, { cuit }), select: { razonSocial: true } });
  if (!entry) return { fields, meta, note: null };

  const printed = fields.proveedorRazonSocial?.trim();
  if (!printed) {
    return {
      fields: { ...fields, proveedorRazonSocial: entry.razonSocial },
      meta: { ...meta, proveedorRazonSocial: { source: "DIRECTORY", confidence: DIRECTORY_CONFIDENCE } },
      note: `Razón social tomada del directorio de proveedores («${entry.razonSocial}»): el comprobante no la muestra`,
    };
  }
  if (sameSupplierName(printed, entry.razonSocial)) {
    const confidence = Math.max(nameMeta?.confidence ?? 0, AGREEMENT_CONFIDENCE);
    return { fields, meta: { ...meta, proveedorRazonSocial: { source: "TEXT", ...nameMeta, confidence } }, note: null };
  }
  const flag = [nameMeta?.flag, directoryMismatchFlag(entry.razonSocial)].filter(Boolean).join("; ");
  return {
    fields,
    meta: { ...meta, proveedorRazonSocial: { source: "TEXT", confidence: 0, ...nameMeta, flag } },
    note: `Razón social impresa «${printed}» distinta de la del directorio de proveedores («${entry.razonSocial}»)`,
  };
}
