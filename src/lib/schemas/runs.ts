import { z } from "zod";

export const RUN_STATUSES = ["RUNNING", "COMPLETED", "FAILED", "CANCELLED"] as const;

export const listRunsInput = z.object({
  functionId: z.string().optional(),
  status: z.enum(RUN_STATUSES).optional(),
  cursor: z.string().optional(),
  limit: z.number().int().min(1).max(100).default(25),
});
export type ListRunsInput = z.infer<typeof listRunsInput>;
