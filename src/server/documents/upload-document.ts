import "server-only";
import { createHash } from "node:crypto";
import { Prisma } from "@/generated/prisma/client";
import { env } from "@/env";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { createId } from "@/server/ids";
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

const mib = (n: number) => (n / 1024 / 1024).toLocaleString("es-AR", { maximumFractionDigits: 1 });

/** A display name: no folders, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = stripUnsafeChars(name.split(/[\\/]/).pop()!).trim();
  return (base || "documento").slice(0, 200);
}

/**
 * Stores an uploaded invoice and queues its parse. Checks, in order (nothing is stored when
 * one fails): role, size (413), content type by sniffing (400), same bytes already uploaded
 * by this tenant (→ that document, `duplicate: true`), the plan's documents per month.
 */
export async function uploadDocument(scope: TenantScope, file: UploadedFile): Promise<{ document: DocumentView; duplicate: boolean }> {
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
  if (existing) return { document: toDocumentView(existing), duplicate: true };

  await assertWithinLimit(scope, "documentsPerMonth");
  const storageKey = documentStorageKey(scope.tenantId, sha256);
  await storage().put(storageKey, bytes, type.mimeType);
  let row;
  try {
    row = await db().document.create({
      data: { id: createId(), tenantId: scope.tenantId, uploadedById: scope.userId, fileName, mimeType: type.mimeType, sizeBytes: bytes.length, sha256, storageKey },
    });
  } catch (err) {
    // The same file uploaded twice at once: the other request won; its row is the document.
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      const winner = await db().document.findFirst({ where: scoped(scope, { sha256 }) });
      if (winner) return { document: toDocumentView(winner), duplicate: true };
    }
    throw err;
  }
  await requestParse(scope.tenantId, row.id, "upload");
  return { document: toDocumentView(row), duplicate: false };
}
