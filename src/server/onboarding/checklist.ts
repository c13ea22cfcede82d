import "server-only";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { scoped, type TenantScope } from "@/server/tenants/scope";

export type ChecklistStep = "upload" | "review" | "connect" | "invite";
export type Checklist = {
  steps: { key: ChecklistStep; done: boolean }[];
  allDone: boolean;
  dismissed: boolean;
  /** Sample invoices currently loaded (the panel offers to remove them). */
  samples: number;
};

/**
 * The panel's first-run checklist, read from the tenant's real data (never a stored tick):
 * a document uploaded, one reviewed by a person, a connector created, a second member or an
 * invitation. Only closing it is stored, and only once every step is done.
 */
export async function getChecklist(scope: Pick<TenantScope, "tenantId">): Promise<Checklist> {
  const [documents, reviewed, connectors, members, invitations, samples, tenant] = await Promise.all([
    db().document.count({ where: scoped(scope) }),
    db().document.count({ where: scoped(scope, { reviewStatus: "REVIEWED" as const }) }),
    db().apiConnector.count({ where: scoped(scope) }),
    db().membership.count({ where: scoped(scope) }),
    db().invitation.count({ where: scoped(scope) }),
    db().document.count({ where: scoped(scope, { sample: true }) }),
    db().tenant.findFirst({ where: { id: scope.tenantId }, select: { onboardingDismissedAt: true } }),
  ]);
  const steps: Checklist["steps"] = [
    { key: "upload", done: documents > 0 },
    { key: "review", done: reviewed > 0 },
    { key: "connect", done: connectors > 0 },
    { key: "invite", done: members > 1 || invitations > 0 },
  ];
  const allDone = steps.every((s) => s.done);
  return { steps, allDone, dismissed: allDone && !!tenant?.onboardingDismissedAt, samples };
}

/** Closes the checklist; refused while a step is still open (it would hide the only guide). */
export async function dismissChecklist(scope: TenantScope): Promise<Checklist> {
  const current = await getChecklist(scope);
  if (!current.allDone) {
    throw AppError.field("checklist", "La guía de inicio se puede cerrar cuando completaste los cuatro pasos.");
  }
  await db().tenant.updateMany({ where: { id: scope.tenantId }, data: { onboardingDismissedAt: new Date() } });
  return { ...current, dismissed: true };
}
