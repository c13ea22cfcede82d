import "server-only";
import { z } from "zod";
import { EVENT_TYPES } from "@/server/events/catalog";
import { createEndpointInput, rotateSecretInput, updateEndpointInput } from "@/lib/schemas/webhooks";

/** Bodies of /api/v1/webhooks: the UI's input schemas, without the id (it is in the path). */
export const createWebhookBody = createEndpointInput.strict().describe("Endpoint nuevo. La respuesta es la única que trae su secreto y su token.");
export const updateWebhookBody = updateEndpointInput.shape.data.strict().describe("Todos los campos editables del endpoint (la URL pasa de nuevo por el control SSRF).");
export const rotateWebhookBody = rotateSecretInput.omit({ id: true }).strict().describe("Rotación del secreto: período de gracia del secreto anterior y qué hacen X-Signature / X-Webhook-Token.");
export const webhookIdParam = z.object({ id: z.string().min(1).max(100) });

const instant = (what: string) => z.iso.datetime().describe(`${what} (RFC 3339, UTC).`);
const maybeInstant = (what: string) => z.iso.datetime().nullable().describe(`${what} (RFC 3339, UTC); null si no aplica.`);

/** What leaves the API about an endpoint (endpoint-view.ts): never a secret, only its hint. */
export const webhookEndpointSchema = z
  .object({
    id: z.string().describe("Identificador del endpoint."),
    url: z.string().describe("URL que recibe los eventos (pasó el control SSRF)."),
    description: z.string().describe("Descripción libre (puede ser vacía)."),
    eventTypes: z.array(z.enum(EVENT_TYPES as [string, ...string[]])).describe("Tipos de evento suscriptos."),
    enabled: z.boolean().describe("false si un administrador lo deshabilitó o se deshabilitó solo por fallar."),
    disabledReason: z.string().nullable().describe("Por qué está deshabilitado (en español); null si está habilitado."),
    disabledAt: maybeInstant("Cuándo se deshabilitó"),
    timeoutSeconds: z.number().int().describe("Segundos que se espera la respuesta de cada entrega (5–30)."),
    customHeaders: z.record(z.string(), z.string()).describe("Encabezados propios que se agregan a cada entrega (nombre → valor)."),
    rateLimitPerSecond: z.number().int().nullable().describe("Máximo de entregas por segundo; null sin límite."),
    filter: z
      .array(
        z
          .object({
            field: z.string().describe("Campo del evento, p. ej. tipo o proveedor.cuit."),
            op: z.enum(["eq", "ne"]).describe("eq: el campo vale alguno de values · ne: no vale ninguno."),
            values: z.array(z.string()).describe("Valores a comparar."),
          })
          .describe("Una condición del filtro."),
      )
      .describe("Condiciones que debe cumplir un evento para entregarse (todas); vacío = todos."),
    secretHint: z.string().describe("Los últimos caracteres del secreto de firma, para reconocerlo."),
    rotationEndsAt: maybeInstant("Hasta cuándo un secreto rotado sigue firmando webhook-signature"),
    contractSwitchAt: maybeInstant("Cuándo X-Signature y X-Webhook-Token pasan (o pasaron) al secreto actual"),
    createdAt: instant("Cuándo se creó"),
    updatedAt: instant("Último cambio"),
  })
  .describe("Un endpoint de webhooks de la organización.");

export const webhookEndpointListSchema = z
  .object({
    data: z
      .array(
        webhookEndpointSchema
          .extend({
            health: z
              .object({
                succeeded: z.number().int().describe("Entregas exitosas en los últimos 7 días."),
                failed: z.number().int().describe("Entregas fallidas en los últimos 7 días."),
                pending: z.number().int().describe("Entregas pendientes creadas en los últimos 7 días."),
                successRate: z.number().min(0).max(1).nullable().describe("succeeded / (succeeded + failed), de 0 a 1; null sin entregas terminadas."),
                lastDeliveryAt: maybeInstant("Última entrega creada"),
              })
              .describe("Salud de los últimos 7 días, como en la pantalla Webhooks."),
          })
          .describe("Un endpoint con su salud."),
      )
      .describe("Los endpoints, los más nuevos primero."),
  })
  .describe("Los endpoints de webhooks de la organización.");

export const webhookEndpointCredentialsSchema = z
  .object({
    endpoint: webhookEndpointSchema.describe("El endpoint."),
    secret: z.string().describe("Secreto de firma (Standard Webhooks y X-Signature). Solo se muestra en esta respuesta: guardalo."),
    token: z.string().describe("Token de X-Webhook-Token. Solo se muestra en esta respuesta."),
  })
  .describe("Un endpoint con sus credenciales nuevas (creación o rotación); no se vuelven a mostrar.");

export const webhookEndpointDeletedSchema = z.object({ id: z.string().describe("Identificador del endpoint borrado.") }).describe("El endpoint se borró.");

/**
 * Domain values → the wire shape (Dates as ISO strings), checked against the declared schema. A
 * mismatch is our bug, so it is a plain Error (500), not a 400 validation problem.
 */
export function wire<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(JSON.parse(JSON.stringify(value)));
  if (!parsed.success) throw new Error(`webhook endpoint answer does not match its schema: ${parsed.error.message}`);
  return parsed.data;
}
