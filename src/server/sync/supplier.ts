/**
 * What a PULL sync imports: suppliers. A staged record (after the connector's pull mapping) is
 * `{ cuit, razonSocial, email?, condicionIva? }`; valid ones fill the supplier directory by CUIT, invalid ones
 * stay staged with the reasons (Spanish) for an admin to fix.
 */
import "server-only";
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { validCuit } from "@/lib/cuit";
import { condicionIvaCode } from "@/lib/suppliers/condicion-iva";
import { writeDirectoryEntry } from "@/server/suppliers/write-entry";

export const supplierRecordSchema = z.object({
  cuit: z.unknown().transform((v, ctx) => {
    const cuit = validCuit(v);
    if (!cuit) {
      ctx.addIssue({ code: "custom", message: v === undefined || v === null || v === "" ? "Falta el CUIT" : `CUIT inválido (${String(v)}): revisá el dígito verificador` });
      return z.NEVER;
    }
    return cuit;
  }),
  razonSocial: z.string({ error: "Falta la razón social" }).trim().min(1, "Falta la razón social").max(200, "Razón social demasiado larga"),
  email: z.union([z.email({ error: "E-mail inválido" }), z.literal(""), z.null()]).optional(),
  condicionIva: z.string().trim().max(60).nullable().optional(),
});
export type SupplierRecord = z.output<typeof supplierRecordSchema>;

export function validateSupplier(data: unknown): { ok: true; value: SupplierRecord } | { ok: false; reason: string; fieldErrors: Record<string, string[]> } {
  const parsed = supplierRecordSchema.safeParse(data ?? {});
  if (parsed.success) return { ok: true, value: parsed.data };
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? "registro");
    (fieldErrors[key] ??= []).push(issue.message);
  }
  const reason = parsed.error.issues.map((i) => (i.path.length ? i.message : `Registro inválido: ${i.message}`)).join("; ");
  return { ok: false, reason, fieldErrors };
}

/**
 * A valid record fills the tenant's supplier directory (source PULL), keyed by the CUIT's 11
 * digits; an entry a person edited keeps its name and condición (only the ERP link is updated).
 * A condición IVA the ERP sends as a name ("Responsable Inscripto", "RI") is stored as AFIP's code.
 */
export async function upsertSupplier(tx: Prisma.TransactionClient, tenantId: string, value: SupplierRecord, source: { externalId: string; connectorId: string }) {
  const condicionIva = value.condicionIva ? (condicionIvaCode(value.condicionIva) ?? value.condicionIva) : null;
  const entry = { cuit: value.cuit, razonSocial: value.razonSocial, condicionIva, email: value.email || null };
  const written = await writeDirectoryEntry(tx, tenantId, entry, { source: "PULL", externalId: source.externalId, connectorId: source.connectorId });
  return { id: written.id };
}
