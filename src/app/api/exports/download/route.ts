import { z } from "zod";
import { downloadInput } from "@/lib/schemas/exports";
import { errorResponse, scopeFromRequest } from "@/server/documents/http";
import { AppError } from "@/server/errors";
import { crossOriginRefusal } from "@/server/http/same-origin";
import { documentsCsv } from "@/server/exports/spreadsheet/csv";
import { documentsXlsx } from "@/server/exports/spreadsheet/xlsx";
import { selectedDocuments } from "@/server/exports/select-documents";
import { tenantTimeZone } from "@/server/tenants/time-zone";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const input = downloadInput.extend({ format: z.enum(["csv", "xlsx"], { error: "Elegí CSV o XLSX" }) });

/**
 * POST `{ selection, format: "csv" | "xlsx" }` → the selected documents as a file in the es-AR
 * convention (a data download for any member, like the JSON one: it carries the review state
 * instead of applying the export guard). Errors: `{ error: { code, message, fieldErrors } }`.
 */
export async function POST(request: Request) {
  const refused = crossOriginRefusal(request);
  if (refused) return refused;
  try {
    const scope = await scopeFromRequest(request);
    const parsed = input.safeParse(await request.json().catch(() => null));
    if (!parsed.success) throw new AppError("BAD_REQUEST", parsed.error.issues[0]?.message ?? "Pedido inválido");
    const [docs, timeZone] = await Promise.all([selectedDocuments(scope, parsed.data.selection), tenantTimeZone(scope.tenantId)]);
    const stamp = new Date().toISOString().slice(0, 10);
    if (parsed.data.format === "csv") {
      return new Response(documentsCsv(docs, timeZone), { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="documentos-${stamp}.csv"` } });
    }
    const bytes = await documentsXlsx(docs, timeZone);
    return new Response(bytes as unknown as BodyInit, {
      headers: { "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "content-disposition": `attachment; filename="documentos-${stamp}.xlsx"` },
    });
  } catch (err) {
    return errorResponse(err, request);
  }
}
