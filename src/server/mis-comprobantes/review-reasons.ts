import type { Document } from "@/generated/prisma/client";
import type { ReviewReason } from "@/lib/documents/review";

/**
 * The review reason of the document's last «Mis Comprobantes» reconciliation: not in ARCA, or in
 * ARCA with other data. Warnings (a paper invoice is legitimately absent), and only while the
 * document is the version that was reconciled: a correction or a new parse makes it stale.
 */
export function afipReasons(row: Pick<Document, "afipState" | "afipNote" | "afipImportId" | "afipCheckedVersion" | "version">): ReviewReason[] {
  if (!row.afipState || row.afipCheckedVersion !== row.version) return [];
  const importId = row.afipImportId ?? undefined;
  if (row.afipState === "UNKNOWN") return [{ code: "NOT_IN_AFIP", field: null, severity: "warning", message: row.afipNote ?? "No figura en Mis Comprobantes de ARCA", importId }];
  if (row.afipState === "DIFFERENT" || row.afipState === "TYPE_MISMATCH") return [{ code: "AFIP_DIFFERENCE", field: null, severity: "warning", message: row.afipNote ?? "Los datos difieren de Mis Comprobantes de ARCA", importId }];
  return [];
}
