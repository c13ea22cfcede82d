/**
 * Movimientos works only through n8n (parse, classify, alerts, projections). Until the
 * organization has n8n configured and enabled, the page shows why instead of a form whose
 * e-mails could only fail, and new e-mails are refused with a message for the person's role.
 */
import "server-only";
import { isAdminRole } from "@/lib/roles";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { TenantScope } from "@/server/tenants/scope";

export type MovementsAvailability = { n8n: "ready" | "not_configured" | "disabled" };

export async function movementsAvailability(scope: Pick<TenantScope, "tenantId">): Promise<MovementsAvailability> {
  const s = await db().n8nSettings.findUnique({ where: { tenantId: scope.tenantId }, select: { enabled: true } });
  return { n8n: !s ? "not_configured" : s.enabled ? "ready" : "disabled" };
}

/** Refuses new work for n8n while it cannot be done; the message fits the role that reads it. */
export async function assertN8nReady(scope: TenantScope): Promise<void> {
  const { n8n } = await movementsAvailability(scope);
  if (n8n === "ready") return;
  // Whole literal sentences, so each has its entry in the server catalogue (written in English for English readers).
  const admin = isAdminRole(scope.role);
  if (n8n === "disabled") {
    if (admin) throw new AppError("CONFLICT", "n8n está desactivado en esta organización: activalo en Integraciones › n8n para que Movimientos pueda leer los correos.");
    throw new AppError("CONFLICT", "n8n está desactivado en esta organización, y Movimientos lo necesita para leer los correos. Pedile a un administrador que lo active.");
  }
  if (admin) throw new AppError("CONFLICT", "n8n todavía no está configurado en esta organización: configuralo en Integraciones › n8n para que Movimientos pueda leer los correos.");
  throw new AppError("CONFLICT", "n8n todavía no está configurado en esta organización, y Movimientos lo necesita para leer los correos. Pedile a un administrador que lo configure.");
}
