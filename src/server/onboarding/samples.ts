import "server-only";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { WRITER_ROLES } from "@/lib/roles";
import { db } from "@/server/db/client";
import { deleteDocument } from "@/server/documents/delete-document";
import { uploadDocument } from "@/server/documents/upload-document";
import { AppError } from "@/server/errors";
import { scoped, type TenantScope } from "@/server/tenants/scope";

/**
 * Sample invoices for a first look: made by the test corpus generator (test/corpus/generate.ts,
 * seeds 2101–2103: Factura A with QR, Factura B with QR, Factura C without QR) with fictitious
 * CUITs. They go through the real upload and parse path, flagged `sample`.
 */
const SAMPLES = [
  { file: "ejemplo-1.pdf", name: "Ejemplo - Factura A.pdf" },
  { file: "ejemplo-2.pdf", name: "Ejemplo - Factura B.pdf" },
  { file: "ejemplo-3.pdf", name: "Ejemplo - Factura C sin QR.pdf" },
];
const SAMPLES_DIR = join(/*turbopackIgnore: true*/ process.cwd(), "src", "server", "onboarding", "samples");

export async function loadSamples(scope: TenantScope): Promise<{ loaded: number }> {
  let loaded = 0;
  for (const s of SAMPLES) {
    const bytes = new Uint8Array(await readFile(join(SAMPLES_DIR, s.file)));
    // Loading twice is harmless: the same bytes link to the sample already there.
    const { duplicate } = await uploadDocument(scope, { bytes, fileName: s.name, declaredMimeType: "application/pdf" }, { sample: true });
    if (!duplicate) loaded++;
  }
  return { loaded };
}

/** Deletes every sample document of the tenant (rows, corrections and files), nothing else. */
export async function removeSamples(scope: TenantScope): Promise<{ removed: number }> {
  if (!WRITER_ROLES.includes(scope.role)) throw new AppError("FORBIDDEN", "Tu rol solo permite consultar");
  const rows = await db().document.findMany({ where: scoped(scope, { sample: true }), select: { id: true } });
  for (const row of rows) await deleteDocument(scope, row.id);
  return { removed: rows.length };
}
