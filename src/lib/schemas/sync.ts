import { z } from "zod";

export const STAGED_STATUSES = ["STAGED", "IMPORTED", "FAILED", "DISCARDED"] as const;

export const startSyncInput = z.object({ connectorId: z.string().min(1, "Elegí un conector") });
export const syncRunInput = z.object({ runId: z.string().min(1) });
export const stagedListInput = z.object({ connectorId: z.string().optional(), runId: z.string().optional(), status: z.array(z.enum(STAGED_STATUSES)).optional() });
export const fixStagedInput = z.object({
  id: z.string().min(1),
  data: z.object({
    cuit: z.string().trim().min(1, "Falta el CUIT"),
    razonSocial: z.string().trim().min(1, "Falta la razón social").max(200),
    email: z.string().trim().max(200).nullable().optional(),
    condicionIva: z.string().trim().max(60).nullable().optional(),
  }),
});
