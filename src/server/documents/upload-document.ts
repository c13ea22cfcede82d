import "server-only";
import { createHash } from "node:crypto";
import { Prisma, type Document } from "@/generated/prisma/client";
import { env } from "@/env";
import { db } from "@/server/db/client";
import { documentWhere } from "@/server/clients/access";
import { AppError } from "@/server/errors";
import { createId } from "@/server/ids";
import { logger } from "@/server/log/logger";
import { assertWithinLimit } from "@/server/plans/usage";
import { storage } from "@/server/storage";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import { WRITER_ROLES } from "@/lib/roles";
import { toDocumentView, type DocumentView } from "./document-view";
import { requestParse } from "./request-parse";
import { sniffUpload } from "./sniff";
import { documentStorageKey } from "./storage-key";
import { stripUnsafeChars } from "@/lib/safe-text";

export type UploadedFile = { bytes: Uint8Array; fileName: string; declaredMimeType?: string };

const log = logger.child({ module: "upload" });
const mib = (n: number) => (n / 1024 / 1024).toLocaleString("es-AR", { maximumFractionDigits: 1 });

/** A display name: no folders, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = stripUnsafeChars(name.split(/[\\/]/).pop()!).trim();
  return (base || "documento").slice(0, 200);
}

/**
 * The answer for bytes this organization already has: that document — unless it belongs to a
 * client the (limited) uploader is not assigned to, which must not be shown (say so, no details).
 * A document still PENDING may have lost its parse request (the first upload's process killed
 * after the row's commit, or its answer lost): ask again — the same event id, so never twice.
 */
async function sameBytesAnswer(scope: TenantScope, existing: Document, fileName: string): Promise<{ document: DocumentView; duplicate: true }> {
  if (scope.clientCuits) {
    const visible = await db().document.count({ where: documentWhere(scope, { id: existing.id }) });
    if (visible === 0) throw new AppError("CONFLICT", `«${fileName}» ya fue subido en la organización para un cliente que no tenés asignado. Pedile a un administrador que lo revise.`);
  }
  if (existing.status === "PENDING") await requestParse(existing.tenantId, existing.id, "upload");
  return { document: toDocumentView(existing), duplicate: true };
}

/**
 * Stores an uploaded invoice and queues its parse. Checks, in order (nothing is stored when
 * one fails): role, size (413), content type by sniffing (400), same bytes already uploaded
 * by this tenant (→ that document, `duplicate: true`), the plan's documents per month. The file
 * is stored before its row; when the row cannot be written the file is removed again.
 * `sample`: one of the first-run checklist's sample invoices (same path, flagged for removal).
 */
export async function uploadDocument(scope: TenantScope, file: UploadedFile, opts: { sample?: boolean } = {}): Promise<{ document: DocumentView; duplicate: boolean }> {
  if (!WRITER_ROLES.includes(scope.role)) throw new AppError("FORBIDDEN", "Tu rol solo permite consultar");
  const fileName = cleanFileName(file.fileName);
  const { bytes } = file;
  const maxBytes = env().UPLOAD_MAX_MB * 1024 * 1024;
  if (bytes.length === 0) throw AppError.field("file", `«${fileName}» está vacío (0 bytes).`);
  if (bytes.length > maxBytes) {
    throw new AppError("PAYLOAD_TOO_LARGE", `«${fileName}» pesa ${mib(bytes.length)} MB y el máximo es ${mib(maxBytes)} MB. Comprimilo o dividilo y volvé a subirlo.`, {
      file: [`El máximo es ${mib(maxBytes)} MB`],
    });
  }
  const type = sniffUpload(bytes, fileName);
  const sha256 = createHash("sha256").update(bytes).digest("hex");

  const existing = await db().document.findFirst({ where: scoped(scope, { sha256 }) });
  if (existing) return sameBytesAnswer(scope, existing, fileName);

  await assertWithinLimit(scope, "documentsPerMonth");
  const storageKey = documentStorageKey(scope.tenantId, sha256);
  await storage().put(storageKey, bytes, type.mimeType);
  let row;
  try {
    row = await db().document.create({
      data: { id: createId(), tenantId: scope.tenantId, uploadedById: scope.userId, fileName, mimeType: type.mimeType, sizeBytes: bytes.length, sha256, storageKey, sample: opts.sample ?? false },
    });
  } catch (err) {
    // The same file uploaded twice at once: the other request won; its row is the document (and the file its file).
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      const winner = await db().document.findFirst({ where: scoped(scope, { sha256 }) });
      if (winner) return sameBytesAnswer(scope, winner, fileName);
      // The winner was deleted in between: nothing to point at, and the upload can simply be retried.
      throw new AppError("CONFLICT", `«${fileName}» se subió dos veces a la vez y no se pudo completar. Volvé a subirlo.`);
    }
    // No row refers to the file: remove it rather than leave an orphan (the upload can be retried) —
    // unless a concurrent upload of the same bytes wrote its row meanwhile and needs the file.
    const inUse = await db().document.count({ where: scoped(scope, { storageKey }) });
    if (inUse === 0) {
      await storage()
        .delete(storageKey)
        .catch((deleteErr: unknown) => log.error({ err: deleteErr, storageKey }, "upload failed and its stored file could not be removed"));
    }
    throw err;
  }
  await requestParse(scope.tenantId, row.id, "upload");
  return { document: toDocumentView(row), duplicate: false };
}
