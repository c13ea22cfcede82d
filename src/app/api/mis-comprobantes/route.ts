import { errorResponse, scopeFromRequest } from "@/server/documents/http";
import { AppError, isAppError } from "@/server/errors";
import { formFromBytes, readCappedBody } from "@/server/http/capped-body";
import { crossOriginRefusal } from "@/server/http/same-origin";
import { importMisComprobantes } from "@/server/mis-comprobantes/import";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** A month of «Mis Comprobantes» is a few hundred KB; 10 MB leaves room for any client. */
const MAX_MB = 10;

/**
 * POST multipart/form-data: `file` (ARCA's «Mis Comprobantes Recibidos», CSV, XLSX or a ZIP with
 * the CSV), `receptorCuit`, `period` (AAAA-MM) → 201 `{ id, layout, layoutName }`.
 * Errors: `{ error: { code, message, fieldErrors } }` (the message names the expected columns).
 */
export async function POST(request: Request) {
  const refused = crossOriginRefusal(request);
  if (refused) return refused;
  try {
    const scope = await scopeFromRequest(request);
    const type = request.headers.get("content-type") ?? "";
    if (!type.startsWith("multipart/form-data")) throw AppError.field("file", "Enviá el archivo como multipart/form-data en el campo «file»");
    const bytes = await readCappedBody(request, MAX_MB * 1024 * 1024 + 64 * 1024, `El archivo supera el máximo de ${MAX_MB} MB`).catch((e: unknown) => {
      throw isAppError(e) ? new AppError(e.code, e.message, { file: [`El máximo es ${MAX_MB} MB`] }) : e;
    });
    const form = await formFromBytes(bytes, type, "No se pudo leer el formulario: el envío llegó incompleto");
    const file = form.get("file");
    if (!(file instanceof File)) throw AppError.field("file", "Falta el archivo (campo «file»)");
    const result = await importMisComprobantes(scope, {
      bytes: new Uint8Array(await file.arrayBuffer()),
      fileName: file.name || "mis-comprobantes",
      receptorCuit: String(form.get("receptorCuit") ?? ""),
      period: String(form.get("period") ?? ""),
    });
    return Response.json(result, { status: 201 });
  } catch (err) {
    return errorResponse(err, request);
  }
}
