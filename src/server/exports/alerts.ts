/**
 * Failure alerts for scheduled exports and syncs: an in-app notice and an e-mail to the
 * tenant's admins, deduplicated — while an unread notice of the same kind (connector +
 * direction) from the last 24 h exists, another failure does not notify again.
 */
import "server-only";
import { db } from "@/server/db/client";
import { notifyTenantAdmins } from "@/server/notifications/notify-admins";

export const ALERT_DEDUPE_MS = 24 * 3600_000;

export async function alertScheduledFailure(tenantId: string, input: { connectorId: string; connectorName: string; direction: "PUSH" | "PULL"; detail: string }) {
  const kind = `${input.direction === "PUSH" ? "export" : "sync"}.failed:${input.connectorId}`;
  const open = await db().notification.findFirst({ where: { tenantId, kind, readAt: null, createdAt: { gt: new Date(Date.now() - ALERT_DEDUPE_MS) } }, select: { id: true } });
  if (open) return { notified: false };
  const what = input.direction === "PUSH" ? "exportación programada" : "sincronización programada";
  await notifyTenantAdmins(tenantId, {
    kind,
    title: `Falló la ${what} de «${input.connectorName}»`,
    body: `${input.detail.slice(0, 500)}\n\nNo te vamos a avisar de nuevo por este conector hasta que marques este aviso como leído.`,
    link: input.direction === "PUSH" ? "/exportar" : "/sync-admin",
  });
  return { notified: true };
}
