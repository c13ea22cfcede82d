import "server-only";
import { AppError } from "@/server/errors";

/**
 * Reads a request body, refusing it (413) as soon as it exceeds `maxBytes`: the declared
 * Content-Length is checked first, then the bytes actually streamed are counted, so a missing
 * or false length (chunked uploads) cannot make us buffer more than the limit.
 */
export async function readCappedBody(req: Request, maxBytes: number, message: string): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(req.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes) throw new AppError("PAYLOAD_TOO_LARGE", message);
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new AppError("PAYLOAD_TOO_LARGE", message);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/** The multipart/url-encoded form of an already capped body (400 when malformed). */
export async function formFromBytes(bytes: Uint8Array<ArrayBuffer>, contentType: string, message: string): Promise<FormData> {
  return new Response(bytes, { headers: { "content-type": contentType } }).formData().catch(() => {
    throw AppError.field("file", message);
  });
}
