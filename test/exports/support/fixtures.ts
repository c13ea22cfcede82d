/**
 * Parsed documents for PUSH tests (rows as the parse pipeline leaves them, then marked REVIEWED
 * unless `reviewStatus` says otherwise — the export guard lets only reviewed ones go) and connectors.
 */
import { randomUUID } from "node:crypto";
import { db } from "@/server/db/client";
import { createConnectorRow } from "../../support/factories";

export async function createDocuments(tenantId: string, n: number, opts: { firstNumber?: number; reviewStatus?: "UNREVIEWED" | "NEEDS_REVIEW" | "REVIEWED" } = {}) {
  const rows = Array.from({ length: n }, (_, i) => ({
    id: `doc-${randomUUID()}`,
    tenantId,
    status: "COMPLETED" as const,
    reviewStatus: opts.reviewStatus ?? ("REVIEWED" as const),
    reviewedAt: (opts.reviewStatus ?? "REVIEWED") === "REVIEWED" ? new Date() : null,
    fileName: `factura-${i + 1}.pdf`,
    mimeType: "application/pdf",
    sizeBytes: 1000,
    sha256: randomUUID().replace(/-/g, ""),
    storageKey: `test/${randomUUID()}`,
    tipoCodigo: 1,
    tipo: "FACTURA_A",
    puntoVenta: 1,
    numero: BigInt((opts.firstNumber ?? 1) + i),
    fecha: new Date("2026-11-20T00:00:00Z"),
    proveedorCuit: "30-71234567-1",
    proveedorRazonSocial: `Insumos ${i + 1} SA`,
    neto: 1000 + i,
    total: 1210 + i,
    iva: [{ rate: 21, base: 1000 + i, amount: 210 }],
  }));
  await db().document.createMany({ data: rows });
  return rows.map((r) => r.id);
}

export const PUSH_MAPPING = JSON.stringify({ numero: "numero", fecha: "fecha", importe: "total", proveedor: { cuit: "proveedor.cuit", nombre: "proveedor.razonSocial" } });
export const PULL_MAPPING = JSON.stringify({ cuit: "cuit", razonSocial: "nombre", email: "mail" });

export function pushConnector(tenantId: string, baseUrl: string, overrides: Parameters<typeof createConnectorRow>[1] = {}) {
  return createConnectorRow(tenantId, { direction: "BIDIRECTIONAL", baseUrl, pushPath: "/facturas", pushMapping: PUSH_MAPPING, pushResponseIdPath: "data.id", timeoutMs: 1500, concurrency: 3, ...overrides });
}
