import "server-only";
import { db } from "@/server/db/client";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import { endpointView } from "./endpoint-view";

const HEALTH_WINDOW_MS = 7 * 24 * 3_600_000;

/** Endpoints with their health over the last 7 days: finished deliveries' success rate, last delivery. */
export async function listEndpoints(scope: TenantScope) {
  const since = new Date(Date.now() - HEALTH_WINDOW_MS);
  const [endpoints, counts, last] = await Promise.all([
    db().webhookEndpoint.findMany({ where: scoped(scope), orderBy: { createdAt: "desc" } }),
    db().webhookDelivery.groupBy({ by: ["endpointId", "status"], where: scoped(scope, { createdAt: { gte: since } }), _count: { _all: true } }),
    db().webhookDelivery.groupBy({ by: ["endpointId"], where: scoped(scope), _max: { createdAt: true } }),
  ]);
  return endpoints.map((e) => {
    const of = (status: string) => counts.find((c) => c.endpointId === e.id && c.status === status)?._count._all ?? 0;
    const succeeded = of("SUCCEEDED");
    const failed = of("FAILED");
    return {
      ...endpointView(e),
      health: {
        succeeded,
        failed,
        pending: of("PENDING"),
        successRate: succeeded + failed > 0 ? succeeded / (succeeded + failed) : null,
        lastDeliveryAt: last.find((l) => l.endpointId === e.id)?._max.createdAt ?? null,
      },
    };
  });
}
