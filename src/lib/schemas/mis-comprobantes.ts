import { z } from "zod";

/** A month, "AAAA-MM". */
export const periodInput = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Elegí el mes (AAAA-MM)");
const cuit11 = z.string().regex(/^\d{11}$/, "CUIT de 11 dígitos");

export const listMisComprobantesInput = z.object({ receptorCuit: cuit11.optional(), period: periodInput.optional() });
export const getMisComprobantesInput = z.object({ id: z.string().min(1).max(64) });
