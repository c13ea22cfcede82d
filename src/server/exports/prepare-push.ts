/**
 * Everything before a PUSH connector's create call: whether the ERP would record the document's
 * total (amounts-left-out.ts), the step context (parameters, secrets, the login session), the mapping input with the ERP's supplier id (directory → lookup → create),
 * the duplicate check, and the mapped body. Retryable trouble (network, 5xx, 429) is thrown as
 * ConnectorCallError for the caller to retry; anything else is a final outcome with a reason.
 */
import "server-only";
import type { ApiConnector, Document } from "@/generated/prisma/client";
import { compileMapping, MappingError } from "@/server/connectors/mapping";
import { ConnectorCallError } from "@/server/connectors/transport";
import { StepRefused, stepContext, type StepContext } from "@/server/connectors/steps/run";
import { directoryExternalId, existingInvoice, resolveSupplier } from "@/server/connectors/steps/supplier";
import { amountsLeftOut } from "./amounts-left-out";
import { pushMappingInput } from "./mapping-input";

export type PreparedPush =
  | { kind: "send"; body: unknown; ctx: StepContext }
  | { kind: "exists"; externalId: string; ctx: StepContext }
  | { kind: "fail"; reason: string; ctx: StepContext | null };

/** A document's mapping input for this connector (what the mapping and the steps see): its supplier's id from the directory added. */
export async function connectorMappingInput(connector: Pick<ApiConnector, "id" | "tenantId">, input: ReturnType<typeof pushMappingInput>) {
  const externalId = await directoryExternalId(connector.tenantId, connector.id, input.proveedor.cuitDigitos);
  return { ...input, proveedor: { ...input.proveedor, externalId } };
}

export async function preparePush(connector: ApiConnector, doc: Document): Promise<PreparedPush> {
  let ctx: StepContext | null = null;
  try {
    // Before any call (a supplier lookup may create one in the ERP): would the ERP record this total?
    const mapped = pushMappingInput(doc);
    const leftOut = amountsLeftOut(connector, mapped);
    if (leftOut) return { kind: "fail", reason: `No se envió: ${leftOut}`, ctx };
    ctx = await stepContext(connector);
    const input = await connectorMappingInput(connector, mapped);
    const supplier = await resolveSupplier(connector, input, ctx);
    if (!supplier.ok) return { kind: "fail", reason: supplier.reason, ctx };
    const resolved = { ...input, proveedor: { ...input.proveedor, externalId: supplier.externalId } };
    const existing = await existingInvoice(connector, resolved, ctx);
    if (existing) return { kind: "exists", externalId: existing, ctx };
    try {
      return { kind: "send", body: await compileMapping(connector.pushMapping).evaluate(resolved, ctx.bindings), ctx };
    } catch (e) {
      return { kind: "fail", reason: `El mapeo del conector falló: ${e instanceof MappingError ? e.message : String(e)}`, ctx };
    }
  } catch (e) {
    if (e instanceof ConnectorCallError && e.retryable) throw e;
    if (e instanceof ConnectorCallError || e instanceof StepRefused || e instanceof MappingError) return { kind: "fail", reason: e.message, ctx };
    return { kind: "fail", reason: e instanceof Error ? e.message : String(e), ctx };
  }
}
