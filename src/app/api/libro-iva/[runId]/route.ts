import { errorResponse, scopeFromRequest } from "@/server/documents/http";
import { libroRunZip } from "@/server/libro-iva/runs";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** The zip of a finished Libro IVA run (both files and the summary); the member must see its client. */
export async function GET(request: Request, { params }: { params: Promise<{ runId: string }> }) {
  try {
    const scope = await scopeFromRequest(request);
    const { fileName, bytes } = await libroRunZip(scope, (await params).runId);
    return new Response(Buffer.from(bytes), { headers: { "content-type": "application/zip", "content-disposition": `attachment; filename="${fileName}"`, "cache-control": "no-store" } });
  } catch (err) {
    return errorResponse(err, request);
  }
}
