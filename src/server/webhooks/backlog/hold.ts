import "server-only";
import { db } from "@/server/db/client";

export const HELD_MESSAGE = "Endpoint deshabilitado: la entrega quedó retenida hasta que lo habilites.";

/** One delivery whose endpoint is disabled: kept for "entregar lo retenido", never dropped. */
export function holdDelivery(deliveryId: string) {
  return db().webhookDelivery.updateMany({
    where: { id: deliveryId, status: "PENDING" },
    data: { status: "HELD", nextAttemptAt: null, completedAt: null, lastError: HELD_MESSAGE },
  });
}

/**
 * When an endpoint is disabled (by an admin, a 410 or the long-failure rule): its deliveries
 * still waiting (fresh or on the retry schedule) become HELD at once, so the backlog an admin
 * sees on re-enabling is complete. A run still sleeping for one of them finds it HELD and stops.
 */
export async function holdEndpointBacklog(endpointId: string) {
  const { count } = await db().webhookDelivery.updateMany({
    where: { endpointId, status: "PENDING" },
    data: { status: "HELD", nextAttemptAt: null, lastError: HELD_MESSAGE },
  });
  return count;
}
