import { z } from "zod";
import { EVENT_TYPES } from "@/server/events/catalog";

export const DELIVERY_STATUSES = ["PENDING", "SUCCEEDED", "FAILED", "HELD"] as const;

export const listDeliveriesInput = z.object({
  endpointId: z.string().optional(),
  status: z.enum(DELIVERY_STATUSES).optional(),
  eventType: z.enum(EVENT_TYPES as [string, ...string[]]).optional(),
  /** A webhook-id (message id), a delivery id, or a documentoId / connectorId in the payload. */
  q: z.string().trim().max(200, "Máximo 200 caracteres").optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  cursor: z.string().optional(),
  limit: z.number().int().min(1).max(100).default(25),
});
export type ListDeliveriesInput = z.infer<typeof listDeliveriesInput>;
