/**
 * /exportar, before anything is sent: which of the listed documents the picked connector would
 * refuse (amounts-left-out.ts), so the accountant sees the reason on the row, not after the run.
 */
import "server-only";
import { db } from "@/server/db/client";
import { findConnector } from "@/server/connectors/manage-connectors";
import { documentWhere } from "@/server/clients/access";
import type { TenantScope } from "@/server/tenants/scope";
import { amountsLeftOut } from "./amounts-left-out";
import { pushMappingInput } from "./mapping-input";

export async function connectorFit(scope: TenantScope, connectorId: string, documentIds: string[]): Promise<Record<string, string>> {
  const connector = await findConnector(scope, connectorId);
  const docs = documentIds.length ? await db().document.findMany({ where: documentWhere(scope, { id: { in: documentIds } }) }) : [];
  const refusals: Record<string, string> = {};
  for (const doc of docs) {
    const reason = amountsLeftOut(connector, pushMappingInput(doc));
    if (reason) refusals[doc.id] = reason;
  }
  return refusals;
}
