/**
 * The ERP's id for a document's supplier, in order: the supplier directory (a PULL from this
 * connector stored `externalId` by CUIT), the ERP's lookup call, the ERP's create call (only
 * when the connector allows creating suppliers). An id found in the ERP is written back to the
 * directory entry when one exists, so the next export does not ask again.
 */
import "server-only";
import { db } from "@/server/db/client";
import { evaluateExpression } from "../mapping";
import { parseStep, supplierResolutionSchema, duplicateCheckSchema, type IdCall } from "./config";
import { runStep, type StepConnector, type StepContext } from "./run";

export type SupplierResolutionResult = { ok: true; externalId: string | null; via: "directorio" | "busqueda" | "alta" | "sin-resolver" } | { ok: false; reason: string };

/** Only when the connector declares a supplier-resolution step is a missing id an error. */
export async function directoryExternalId(tenantId: string, connectorId: string, cuitDigits: string | null): Promise<string | null> {
  if (!cuitDigits) return null;
  const row = await db().supplier.findFirst({ where: { tenantId, cuit: cuitDigits, sourceConnectorId: connectorId, externalId: { not: null } }, select: { externalId: true } });
  return row?.externalId ?? null;
}

async function idFrom(connector: StepConnector, call: IdCall, input: unknown, ctx: StepContext): Promise<string | null> {
  const { body } = await runStep(connector, call, input, ctx);
  // `$doc` lets the id path re-check the match (CUIT, number): an ERP that ignores a filter must not yield a wrong id
  const id = await evaluateExpression(call.idPath, body, { ...ctx.bindings, doc: input });
  const first = Array.isArray(id) ? id[0] : id;
  return first === undefined || first === null || first === "" ? null : String(first);
}

type ResolvingConnector = StepConnector & { supplierResolution: unknown; name: string };

export async function resolveSupplier(connector: ResolvingConnector, input: { proveedor: { cuit: string | null; razonSocial: string | null; externalId: string | null } }, ctx: StepContext): Promise<SupplierResolutionResult> {
  const config = parseStep(supplierResolutionSchema, connector.supplierResolution, "resolución de proveedores");
  if (!config) return { ok: true, externalId: input.proveedor.externalId, via: input.proveedor.externalId ? "directorio" : "sin-resolver" };
  if (input.proveedor.externalId) return { ok: true, externalId: input.proveedor.externalId, via: "directorio" };
  const cuit = input.proveedor.cuit;
  if (!cuit) return { ok: false, reason: "El documento no tiene el CUIT del proveedor: no se puede buscar en el sistema externo." };
  if (config.lookup) {
    const found = await idFrom(connector, config.lookup, input, ctx);
    if (found) return remember(connector, cuit, found, "busqueda");
  }
  if (config.create) {
    const created = await idFrom(connector, config.create, input, ctx);
    if (created) return remember(connector, cuit, created, "alta");
    return { ok: false, reason: `El alta del proveedor CUIT ${cuit} en «${connector.name}» no devolvió un id (${config.create.idPath}).` };
  }
  return {
    ok: false,
    reason: `El proveedor CUIT ${cuit} no está en «${connector.name}»${config.lookup ? " (se buscó por CUIT)" : ""} y este conector no da de alta proveedores: cargalo en el sistema externo o sincronizá proveedores, y volvé a exportar.`,
  };
}

async function remember(connector: ResolvingConnector, cuit: string, externalId: string, via: "busqueda" | "alta"): Promise<SupplierResolutionResult> {
  await db().supplier.updateMany({ where: { tenantId: connector.tenantId, cuit: cuit.replace(/\D/g, ""), externalId: null }, data: { externalId, sourceConnectorId: connector.id } });
  return { ok: true, externalId, via };
}

/** The id of an invoice already in the ERP with this number (null: not there, or no check declared). */
export async function existingInvoice(connector: StepConnector & { duplicateCheck: unknown }, input: unknown, ctx: StepContext): Promise<string | null> {
  const check = parseStep(duplicateCheckSchema, connector.duplicateCheck, "control de duplicados");
  if (!check) return null;
  return idFrom(connector, check, input, ctx);
}
