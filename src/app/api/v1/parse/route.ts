import { env } from "@/env";
import { asFailureCode } from "@/lib/documents/failure-codes";
import { AppError } from "@/server/errors";
import { formFromBytes, readCappedBody } from "@/server/http/capped-body";
import { uploadDocument } from "@/server/documents/upload-document";
import { apiRoute, json, otherMethods } from "@/server/public-api/handler";
import { appUrl } from "@/server/public-api/urls";
import { parseAcceptedSchema } from "@/server/public-api/schemas";

export const dynamic = "force-dynamic";

/**
 * Upload an invoice for parsing (multipart/form-data, field `file`). 202 with the status URL;
 * the same file again answers 200 with the first document. When parsing ends, the tenant's
 * webhook endpoints subscribed to document.processed / document.failed are called.
 */
export const POST = apiRoute({ scopes: ["parse"] }, async ({ req, caller }) => {
  const type = req.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) {
    throw AppError.field("file", "Enviá el archivo como multipart/form-data en el campo «file»");
  }
  // Size before reading: the declared length, then the streamed bytes (room for the multipart framing).
  const max = env().UPLOAD_MAX_MB;
  const bytes = await readCappedBody(req, max * 1024 * 1024 + 64 * 1024, `El archivo supera el máximo de ${max} MB`);
  const form = await formFromBytes(bytes, type, "El cuerpo multipart/form-data está mal formado");
  const file = form.get("file");
  if (!(file instanceof File)) throw AppError.field("file", "Falta el archivo en el campo «file»");
  const { document, duplicate } = await uploadDocument(caller.scope, {
    bytes: new Uint8Array(await file.arrayBuffer()),
    fileName: file.name || "documento",
    declaredMimeType: file.type || undefined,
  });
  const statusUrl = appUrl(`/api/v1/parse/${document.id}`);
  const body = parseAcceptedSchema.parse({
    id: document.id,
    status: document.status,
    duplicate,
    // The same file that FAILED: said plainly, not re-queued (reprocessing is an explicit call).
    error: document.status === "FAILED" ? document.error : null,
    errorCode: document.status === "FAILED" ? asFailureCode(document.errorCode) : null,
    statusUrl, documentUrl: appUrl(`/api/v1/documents/${document.id}`) });
  return json(body, { status: duplicate ? 200 : 202, headers: { location: statusUrl } });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
