import { errorResponse, scopeFromRequest } from "@/server/documents/http";
import { readDocumentFile } from "@/server/documents/read-document-file";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * The stored file of a document, for the preview beside the fields (`?download=1` to save it).
 * Served with its sniffed type only (PDF, JPEG or PNG — never the uploader's claim) and no
 * sniffing by the browser; images also get a sandbox CSP (Chromium's PDF viewer refuses sandboxed
 * documents, and it runs PDFs in its own isolated process anyway).
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const scope = await scopeFromRequest(request);
    const { id } = await params;
    const file = await readDocumentFile(scope, id);
    const download = new URL(request.url).searchParams.get("download") === "1";
    const name = encodeURIComponent(file.fileName);
    return new Response(file.bytes as Uint8Array<ArrayBuffer>, {
      headers: {
        "content-type": file.mimeType,
        "content-length": String(file.bytes.length),
        "content-disposition": `${download ? "attachment" : "inline"}; filename*=UTF-8''${name}`,
        "x-content-type-options": "nosniff",
        ...(file.mimeType.startsWith("image/") ? { "content-security-policy": "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'" } : {}),
        "cache-control": "private, max-age=300",
      },
    });
  } catch (err) {
    return errorResponse(err, request);
  }
}
