import { z } from "zod";

export const changePlanInput = z.object({ planId: z.string().trim().min(1, "Elegí un plan") });
export type ChangePlanInput = z.infer<typeof changePlanInput>;
