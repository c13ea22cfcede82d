import { z } from "zod";
import { EVENT_TYPES } from "@/server/events/catalog";

export const DELIVERY_STATUSES = ["PENDING", "SUCCEEDED", "FAILED"] as const;

export const listDeliveriesInput = z.object({
  endpointId: z.string().optional(),
  status: z.enum(DELIVERY_STATUSES).optional(),
  eventType: z.enum(EVENT_TYPES as [string, ...string[]]).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  cursor: z.string().optional(),
  limit: z.number().int().min(1).max(100).default(25),
});
export type ListDeliveriesInput = z.infer<typeof listDeliveriesInput>;
