/**
 * Inbound bank e-mails from a mail provider. The secret token in the URL authenticates the
 * organization (Movimientos › Correo entrante shows the URL once). Accepts raw MIME
 * (message/rfc822 or text/plain), JSON (Postmark-like fields or {raw}) and forms (SendGrid
 * Inbound Parse with "email" raw, or from/subject/text fields). 202 → queued for parse-email.
 */
import { NextResponse } from "next/server";
import { isAppError } from "@/server/errors";
import { readCappedBody } from "@/server/http/capped-body";
import { logger } from "@/server/log/logger";
import { InboundFormatError, readInboundRequest, receiveInboundEmail, tenantForInboundToken } from "@/server/movements/inbound";

export const dynamic = "force-dynamic";
const MAX_BYTES = 5 * 1024 * 1024;
const log = logger.child({ module: "inbound-email" });

export async function POST(req: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const tenantId = await tenantForInboundToken(token);
  // Unknown and malformed tokens look the same: nothing tells a guesser which tokens exist.
  if (!tenantId) return NextResponse.json({ error: "not_found", message: "Dirección de correo entrante desconocida" }, { status: 404 });
  try {
    // The streamed bytes are counted (a declared Content-Length is only a first check).
    const body = await readCappedBody(req, MAX_BYTES, "El correo supera 5 MB");
    const email = await readInboundRequest(new Request(req.url, { method: "POST", headers: req.headers, body }));
    const result = await receiveInboundEmail(tenantId, email);
    return NextResponse.json({ id: result.id, duplicate: result.duplicate, status: result.status }, { status: result.duplicate ? 200 : 202 });
  } catch (err) {
    if (isAppError(err) && err.code === "PAYLOAD_TOO_LARGE") return NextResponse.json({ error: "too_large", message: err.message }, { status: 413 });
    if (err instanceof InboundFormatError) return NextResponse.json({ error: "invalid_format", message: err.message }, { status: 400 });
    if (isAppError(err) && err.status < 500) return NextResponse.json({ error: "invalid_email", message: err.message }, { status: err.status });
    log.error({ err, tenantId }, "inbound e-mail failed");
    return NextResponse.json({ error: "internal", message: "No pudimos guardar el correo; reintentá más tarde" }, { status: 500 });
  }
}
