import "server-only";
import type { Tx } from "@/server/db/client";
import { isValidCuit } from "@/lib/cuit";
import type { TenantScope } from "@/server/tenants/scope";
import { writeDirectoryEntry, type WriteOutcome } from "./write-entry";

/**
 * A person vouched for a document's issuer (marked it reviewed, or corrected its razón social):
 * the directory learns CUIT → razón social, inside the same transaction. Never replaces a
 * person's or the ERP's entry (write-entry.ts). Nothing to learn without a valid CUIT and a name.
 */
export async function learnSupplier(tx: Tx, scope: Pick<TenantScope, "tenantId" | "userId">, doc: { proveedorCuit: string | null; proveedorRazonSocial: string | null }): Promise<WriteOutcome | null> {
  const cuit = doc.proveedorCuit;
  const razonSocial = doc.proveedorRazonSocial?.trim();
  if (!cuit || !isValidCuit(cuit) || !/^\d{11}$/.test(cuit) || !razonSocial) return null;
  return writeDirectoryEntry(tx, scope.tenantId, { cuit, razonSocial }, { source: "LEARNED", userId: scope.userId });
}
