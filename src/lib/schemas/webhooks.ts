import { z } from "zod";
import { EVENT_TYPES } from "@/server/events/catalog";

const endpointFields = {
  url: z.string().trim().min(1, "Ingresá la URL").max(2048, "La URL es demasiado larga").url("Ingresá una URL completa (https://…)"),
  description: z.string().trim().max(200, "Máximo 200 caracteres").default(""),
  eventTypes: z.array(z.enum(EVENT_TYPES as [string, ...string[]])).min(1, "Elegí al menos un evento"),
  timeoutSeconds: z.coerce.number().int("Número entero").min(5, "Mínimo 5 segundos").max(30, "Máximo 30 segundos").default(15),
};

export const createEndpointInput = z.object({ ...endpointFields, enabled: z.boolean().default(true) });
export type CreateEndpointInput = z.infer<typeof createEndpointInput>;

export const updateEndpointInput = z.object({ id: z.string().min(1), data: z.object(endpointFields) });
export type UpdateEndpointInput = z.infer<typeof updateEndpointInput>;

export const setEndpointEnabledInput = z.object({ id: z.string().min(1), enabled: z.boolean() });

export const rotateSecretInput = z.object({
  id: z.string().min(1),
  graceHours: z.coerce.number().int().min(0, "Mínimo 0 horas").max(168, "Máximo 7 días (168 h)").default(24),
});

export const sendTestEventInput = z.object({ id: z.string().min(1), type: z.enum(EVENT_TYPES as [string, ...string[]]) });

export const replayFailedInput = z.object({ id: z.string().min(1), since: z.coerce.date({ message: "Elegí una fecha" }) });
