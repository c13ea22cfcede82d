import { z } from "zod";

export const signatureCheckInput = z.object({
  headers: z.string().trim().min(1, "Pegá los encabezados que recibiste").max(20_000, "Demasiado largo"),
  body: z.string().min(1, "Pegá el cuerpo crudo tal cual llegó").max(1_000_000, "Máximo 1 MB"),
  secret: z.string().trim().min(1, "Pegá el secreto de firma").max(500),
  token: z.string().trim().max(500).optional(),
});
export type SignatureCheckInput = z.infer<typeof signatureCheckInput>;
