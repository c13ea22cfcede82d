import { env } from "@/env";
import { uploadDocument } from "@/server/documents/upload-document";
import { errorResponse, scopeFromRequest } from "@/server/documents/http";
import { AppError, isAppError } from "@/server/errors";
import { formFromBytes, readCappedBody } from "@/server/http/capped-body";
import { crossOriginRefusal } from "@/server/http/same-origin";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * POST multipart/form-data with one `file` → 201 `{ document, duplicate: false }` or 200
 * `{ document, duplicate: true }` (same bytes already uploaded). One file per request, so the
 * browser shows progress per file. Errors: `{ error: { code, message, fieldErrors } }`.
 */
export async function POST(request: Request) {
  const refused = crossOriginRefusal(request);
  if (refused) return refused;
  try {
    const scope = await scopeFromRequest(request);
    const type = request.headers.get("content-type") ?? "";
    if (!type.startsWith("multipart/form-data")) {
      throw AppError.field("file", "Enviá el archivo como multipart/form-data en el campo «file»");
    }
    // Declared length, then the streamed bytes: never buffer more than the limit (+ multipart framing).
    const max = env().UPLOAD_MAX_MB;
    const bytes = await readCappedBody(request, max * 1024 * 1024 + 64 * 1024, `El archivo supera el máximo de ${max} MB`).catch((e: unknown) => {
      throw isAppError(e) ? new AppError(e.code, e.message, { file: [`El máximo es ${max} MB`] }) : e;
    });
    const form = await formFromBytes(bytes, type, "No se pudo leer el formulario: el envío llegó incompleto");
    const file = form.get("file");
    if (!(file instanceof File)) throw AppError.field("file", "Falta el archivo (campo «file»)");
    const result = await uploadDocument(scope, { bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name, declaredMimeType: file.type || undefined });
    return Response.json(result, { status: result.duplicate ? 200 : 201 });
  } catch (err) {
    return errorResponse(err, request);
  }
}
