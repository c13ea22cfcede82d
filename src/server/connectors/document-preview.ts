/**
 * The mapper's live preview on a real document of the organization: what `pushMappingInput` hands
 * the mapping and the request body the mapping would send. Reads only; tenant-scoped.
 */
import "server-only";
import { formatComprobanteNumber } from "@/lib/documents/fields";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { pushMappingInput } from "@/server/exports/mapping-input";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import { connectorMappingInput } from "@/server/exports/prepare-push";
import { findConnector } from "./manage-connectors";
import { baseContext } from "./steps/run";
import { compileMapping, MappingError, type Bindings } from "./mapping";

/** Recent parsed documents to pick from (newest first). */
export async function previewDocuments(scope: TenantScope) {
  const rows = await db().document.findMany({
    where: scoped(scope, { status: "COMPLETED" as const, discardedAt: null }),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 20,
    select: { id: true, fileName: true, puntoVenta: true, numero: true, proveedorRazonSocial: true },
  });
  return rows.map((r) => ({ id: r.id, label: [r.proveedorRazonSocial, r.numero !== null ? formatComprobanteNumber(r.puntoVenta, Number(r.numero), 4) : null, r.fileName].filter(Boolean).join(" · ") }));
}

export type DocumentPreview = { ok: true; input: unknown; body: unknown } | { ok: false; input: unknown; message: string; field?: string; position?: number };

/** What stands for a secret or the login session in a preview: the admin sees where it goes, never its value. */
const HIDDEN = "••••";

/**
 * Evaluates the mapping on the document as a PUSH would. With a saved connector it also sees the
 * connector's parameters (`$params`), its username and the supplier's ERP id from the directory
 * (no call to the ERP: a supplier not synced yet shows no id); secrets and the session are masked.
 */
export async function previewMappingOnDocument(scope: TenantScope, mapping: string, documentId: string, connectorId?: string): Promise<DocumentPreview> {
  const row = await db().document.findFirst({ where: scoped(scope, { id: documentId, status: "COMPLETED" as const }) });
  if (!row) throw AppError.notFound("Documento");
  const connector = connectorId ? await findConnector(scope, connectorId) : null;
  const raw = connector ? await connectorMappingInput(connector, pushMappingInput(row)) : pushMappingInput(row);
  const input = JSON.parse(JSON.stringify(raw)) as { proveedor: { externalId?: string | null } };
  // Not in the directory yet: the export looks the supplier up (or creates it) first; the preview
  // leaves the id out instead of handing `$number(proveedor.externalId)` a null.
  if (connector && input.proveedor.externalId === null) delete input.proveedor.externalId;
  let bindings: Bindings | undefined;
  if (connector) {
    const base = baseContext(connector).bindings;
    const secrets = Object.fromEntries(Object.keys((base.secrets ?? {}) as Record<string, string>).map((k) => [k, HIDDEN]));
    bindings = { ...base, secrets, session: HIDDEN, md5: () => HIDDEN };
  }
  try {
    return { ok: true, input, body: await compileMapping(mapping).evaluate(input, bindings) };
  } catch (e) {
    if (e instanceof MappingError) return { ok: false, input, ...e.issue };
    throw e;
  }
}
