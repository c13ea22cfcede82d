import { env } from "@/env";
import { uploadDocument } from "@/server/documents/upload-document";
import { errorResponse, scopeFromRequest } from "@/server/documents/http";
import { AppError } from "@/server/errors";
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
    const maxBytes = env().UPLOAD_MAX_MB * 1024 * 1024;
    const length = Number(request.headers.get("content-length") ?? "0");
    if (length > maxBytes + 64 * 1024) {
      throw new AppError("PAYLOAD_TOO_LARGE", `El archivo supera el máximo de ${env().UPLOAD_MAX_MB} MB`, { file: [`El máximo es ${env().UPLOAD_MAX_MB} MB`] });
    }
    if (!(request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
      throw AppError.field("file", "Enviá el archivo como multipart/form-data en el campo «file»");
    }
    const form = await request.formData().catch(() => {
      throw AppError.field("file", "No se pudo leer el formulario: el envío llegó incompleto");
    });
    const file = form.get("file");
    if (!(file instanceof File)) throw AppError.field("file", "Falta el archivo (campo «file»)");
    const result = await uploadDocument(scope, { bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name, declaredMimeType: file.type || undefined });
    return Response.json(result, { status: result.duplicate ? 200 : 201 });
  } catch (err) {
    return errorResponse(err);
  }
}
