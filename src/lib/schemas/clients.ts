import { z } from "zod";
import { CONDICION_IVA_CODES } from "@/lib/suppliers/condicion-iva";
import { supplierCuit } from "@/lib/schemas/suppliers";

/** "30-71234567-1" or "30712345671" → 11 digits, check digit verified (the one CUIT rule). */
export const clientCuit = supplierCuit;

const clientFields = {
  razonSocial: z.string().trim().min(1, "Falta la razón social").max(200, "Razón social demasiado larga (máximo 200)"),
  condicionIva: z.enum(CONDICION_IVA_CODES, { error: "Elegí una condición frente al IVA de la lista" }).nullable().optional(),
};

/** "Agregar cliente" — by hand, or confirming a suggestion (a receptor CUIT of uploaded documents). */
export const createClientInput = z.object({ cuit: clientCuit, ...clientFields });
export type CreateClientInput = z.input<typeof createClientInput>;

/** The CUIT is the key: a different CUIT is a different client. */
export const updateClientInput = z.object({ id: z.string().min(1), ...clientFields });
export type UpdateClientInput = z.input<typeof updateClientInput>;

/** An admin limits a member to some clients (or lifts the limit). */
export const setMemberClientsInput = z.object({
  membershipId: z.string().min(1),
  limited: z.boolean(),
  clientIds: z.array(z.string().min(1)).max(500).default([]),
});

/** `YYYY-MM`, a real month. */
export const libroPeriod = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Período AAAA-MM");
export const libroInput = z.object({ clientId: z.string().min(1, "Elegí un cliente"), period: libroPeriod });
