import { z } from "zod";
import { EVENT_TYPES } from "@/server/events/catalog";
import { parseCustomHeaders, type CustomHeaders } from "@/lib/webhooks/custom-headers";
import { filterFieldError, parsePayloadFilter, type FilterCondition } from "@/lib/webhooks/payload-filter";

const endpointFields = {
  url: z.string().trim().min(1, "Ingresá la URL").max(2048, "La URL es demasiado larga").url("Ingresá una URL completa (https://…)").describe("URL pública (https) que recibe los eventos; pasa el control SSRF."),
  description: z.string().trim().max(200, "Máximo 200 caracteres").default("").describe("Descripción libre, hasta 200 caracteres."),
  eventTypes: z.array(z.enum(EVENT_TYPES as [string, ...string[]])).min(1, "Elegí al menos un evento").describe("Tipos de evento a recibir (al menos uno)."),
  timeoutSeconds: z.coerce.number().int("Número entero").min(5, "Mínimo 5 segundos").max(30, "Máximo 30 segundos").default(15).describe("Segundos que se espera cada respuesta (5–30)."),
  /** "Nombre: valor" per line (custom-headers.ts). */
  customHeaders: z
    .string()
    .max(8000, "Demasiado texto")
    .transform((text, ctx): CustomHeaders => {
      const parsed = parseCustomHeaders(text);
      if (parsed.ok) return parsed.headers;
      ctx.addIssue({ code: "custom", message: parsed.error });
      return z.NEVER;
    })
    .default({})
    .describe("Encabezados propios, uno por línea: «Nombre: valor»."),
  /** Deliveries per second; empty = no limit. */
  rateLimitPerSecond: z
    .preprocess((v) => (v === "" || v === null || v === undefined ? null : Number(v)), z.number({ message: "Ingresá un número" }).int("Número entero").min(1, "Mínimo 1 entrega por segundo").max(1000, "Máximo 1000 entregas por segundo").nullable())
    .default(null)
    .describe("Máximo de entregas por segundo (1–1000); null sin límite."),
  /** "campo = valor, valor" per line (payload-filter.ts). */
  filter: z
    .string()
    .max(8000, "Demasiado texto")
    .transform((text, ctx): FilterCondition[] => {
      const parsed = parsePayloadFilter(text);
      if (parsed.ok) return parsed.conditions;
      ctx.addIssue({ code: "custom", message: parsed.error });
      return z.NEVER;
    })
    .default([])
    .describe("Filtro de eventos, una condición por línea: «campo = valor, valor» o «campo != valor»; vacío = todos."),
};

/** The filter's fields must exist in every subscribed event type. */
function checkFilterFields(value: { filter: FilterCondition[]; eventTypes: string[] }, ctx: z.RefinementCtx) {
  const error = filterFieldError(value.filter, value.eventTypes);
  if (error) ctx.addIssue({ code: "custom", path: ["filter"], message: error });
}

export const endpointSettingsInput = z.object(endpointFields).superRefine(checkFilterFields);
export type EndpointSettings = z.output<typeof endpointSettingsInput>;

export const createEndpointInput = z.object({ ...endpointFields, enabled: z.boolean().default(true).describe("false para crearlo deshabilitado.") }).superRefine(checkFilterFields);
export type CreateEndpointInput = z.infer<typeof createEndpointInput>;

export const updateEndpointInput = z.object({ id: z.string().min(1), data: endpointSettingsInput });
export type UpdateEndpointInput = z.infer<typeof updateEndpointInput>;

export const setEndpointEnabledInput = z.object({ id: z.string().min(1), enabled: z.boolean() });

/** Grace periods the rotation dialog offers, in hours (0 = retire the old secret now). */
export const ROTATION_GRACE_HOURS = [0, 1, 6, 24, 72, 168] as const;

export const rotateSecretInput = z.object({
  id: z.string().min(1),
  graceHours: z.coerce.number().int("Número entero de horas").min(0, "Mínimo 0 horas").max(168, "Máximo 7 días (168 h)").describe("Horas que el secreto anterior sigue firmando webhook-signature (0–168; 0 lo retira ya, junto con los secretos de rotaciones anteriores que seguían en su período de gracia)."),
  /** X-Signature / X-Webhook-Token: keep the previous credentials until the grace ends, or switch now. */
  contractHeaders: z.enum(["keep-previous", "switch-now"], { message: "Elegí qué hacen X-Signature y X-Webhook-Token" }).describe("keep-previous: X-Signature y X-Webhook-Token siguen con el secreto anterior hasta el fin de la gracia · switch-now: pasan ya al nuevo."),
});
export type RotateSecretInput = z.infer<typeof rotateSecretInput>;

export const sendTestEventInput = z.object({ id: z.string().min(1), type: z.enum(EVENT_TYPES as [string, ...string[]]) });

/** The replay tool: held and/or failed deliveries of one endpoint within a time window. */
export const replayInput = z.object({
  id: z.string().min(1),
  from: z.coerce.date({ message: "Elegí la fecha inicial" }),
  to: z.coerce.date({ message: "Fecha final inválida" }).optional(),
  statuses: z.array(z.enum(["HELD", "FAILED"])).min(1, "Elegí retenidas, fallidas o ambas").default(["HELD", "FAILED"]),
});
