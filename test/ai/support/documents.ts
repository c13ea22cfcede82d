/** Processed documents written directly (as the parse pipeline leaves them) for AI/dashboard tests. */
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db/client";

export async function createProcessedDocument(tenantId: string, fields: Partial<Omit<Prisma.DocumentUncheckedCreateInput, "tenantId">> = {}) {
  const sha = randomUUID().replaceAll("-", "");
  return db().document.create({
    data: {
      tenantId,
      status: "COMPLETED",
      fileName: `factura-${sha.slice(0, 6)}.pdf`,
      mimeType: "application/pdf",
      sizeBytes: 1234,
      sha256: sha,
      storageKey: `test/${sha}`,
      tipoCodigo: 1,
      tipo: "FACTURA_A",
      puntoVenta: 3,
      numero: BigInt(Math.floor(Math.random() * 1e7)),
      fecha: new Date("2026-11-20T00:00:00Z"),
      proveedorCuit: "30712345671",
      proveedorRazonSocial: "Servicios Contables SA",
      neto: 1000,
      iva: [{ rate: 21, base: 1000, amount: 210 }],
      total: 1210,
      moneda: "PES",
      processedAt: new Date(),
      ...fields,
    },
  });
}
