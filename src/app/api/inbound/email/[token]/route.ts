/**
 * Inbound bank e-mails from a mail provider. The secret token in the URL authenticates the
 * organization (Movimientos › Correo entrante shows the URL once). Accepts raw MIME
 * (message/rfc822 or text/plain), JSON (Postmark-like fields or {raw}) and forms (SendGrid
 * Inbound Parse with "email" raw, or from/subject/text fields). 202 → queued for parse-email.
 */
import { NextResponse } from "next/server";
import { isAppError } from "@/server/errors";
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
  if (Number(req.headers.get("content-length") ?? 0) > MAX_BYTES) return NextResponse.json({ error: "too_large", message: "El correo supera 5 MB" }, { status: 413 });
  try {
    const email = await readInboundRequest(req);
    const result = await receiveInboundEmail(tenantId, email);
    return NextResponse.json({ id: result.id, duplicate: result.duplicate, status: result.status }, { status: result.duplicate ? 200 : 202 });
  } catch (err) {
    if (err instanceof InboundFormatError) return NextResponse.json({ error: "invalid_format", message: err.message }, { status: 400 });
    if (isAppError(err) && err.status < 500) return NextResponse.json({ error: "invalid_email", message: err.message }, { status: err.status });
    log.error({ err, tenantId }, "inbound e-mail failed");
    return NextResponse.json({ error: "internal", message: "No pudimos guardar el correo; reintentá más tarde" }, { status: 500 });
  }
}
