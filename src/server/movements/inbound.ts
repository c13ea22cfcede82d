/**
 * The inbound e-mail endpoint (`POST /api/inbound/email/<token>`): a mail provider (Postmark,
 * SendGrid Inbound Parse, Mailgun routes, Cloudflare Email Workers, …) forwards bank notices
 * to it. The secret token in the URL identifies and authenticates the organization; only its
 * sha256 is stored, and the URL is shown once when it is (re)generated.
 */
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { env } from "@/env";
import { db } from "@/server/db/client";
import type { TenantScope } from "@/server/tenants/scope";
import { ingestBankEmail, type IngestResult } from "./emails";
import { parseMime, type ParsedEmail } from "./mime";
import { ensureProfile } from "./profile-store";

const hash = (token: string) => createHash("sha256").update(token).digest("hex");
export const INBOUND_TOKEN_PATTERN = /^inb_[A-Za-z0-9_-]{32}$/;

export function inboundUrl(token: string): string {
  return new URL(`/api/inbound/email/${token}`, env().APP_URL).toString();
}

/** A new token (the old one stops working at once). Returns the URL — the only time it is shown. */
export async function rotateInboundToken(scope: TenantScope) {
  await ensureProfile(scope.tenantId);
  const token = `inb_${randomBytes(24).toString("base64url")}`;
  await db().financeProfile.update({ where: { tenantId: scope.tenantId }, data: { inboundTokenHash: hash(token), inboundTokenHint: `…${token.slice(-4)}` } });
  return { url: inboundUrl(token), hint: `…${token.slice(-4)}` };
}

export async function tenantForInboundToken(token: string): Promise<string | null> {
  if (!INBOUND_TOKEN_PATTERN.test(token)) return null;
  const p = await db().financeProfile.findUnique({ where: { inboundTokenHash: hash(token) }, select: { tenantId: true } });
  return p?.tenantId ?? null;
}

/** JSON bodies of the common providers (Postmark, Mailgun-as-JSON, our own). */
const jsonInbound = z
  .object({
    raw: z.string().optional(),
    email: z.string().optional(),
    from: z.union([z.string(), z.object({ address: z.string() }).transform((a) => a.address)]).optional(),
    From: z.string().optional(),
    subject: z.string().optional(),
    Subject: z.string().optional(),
    text: z.string().optional(),
    TextBody: z.string().optional(),
    "body-plain": z.string().optional(),
    html: z.string().optional(),
    HtmlBody: z.string().optional(),
    date: z.string().optional(),
    Date: z.string().optional(),
    messageId: z.string().optional(),
    MessageID: z.string().optional(),
  })
  .loose();

function fromFields(f: z.output<typeof jsonInbound>): ParsedEmail {
  const date = new Date(f.date ?? f.Date ?? "");
  const html = f.html ?? f.HtmlBody;
  return {
    from: f.from ?? f.From ?? "",
    subject: f.subject ?? f.Subject ?? "",
    body: (f.text ?? f.TextBody ?? f["body-plain"] ?? (html ? html.replace(/<[^>]+>/g, " ") : "")).trim(),
    receivedAt: Number.isNaN(date.getTime()) ? null : date,
    messageId: f.messageId ?? f.MessageID ?? null,
  };
}

export class InboundFormatError extends Error {}

/** Reads the provider's request: raw MIME (message/rfc822, text/plain), JSON, or a form (multipart / urlencoded). */
export async function readInboundRequest(req: Request): Promise<ParsedEmail> {
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  if (type.includes("application/json")) {
    const parsed = jsonInbound.safeParse(await req.json().catch(() => null));
    if (!parsed.success) throw new InboundFormatError("El cuerpo JSON no tiene los campos de un correo (from, subject, text o raw)");
    const raw = parsed.data.raw ?? parsed.data.email;
    return raw ? parseMime(raw) : fromFields(parsed.data);
  }
  if (type.includes("multipart/form-data") || type.includes("application/x-www-form-urlencoded")) {
    const form = await req.formData().catch(() => {
      throw new InboundFormatError("El formulario está mal formado (multipart/form-data o x-www-form-urlencoded)");
    });
    const rawField = form.get("email") ?? form.get("raw");
    if (rawField) return parseMime(typeof rawField === "string" ? rawField : new Uint8Array(await rawField.arrayBuffer()));
    const fields = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
    const parsed = jsonInbound.safeParse(fields);
    if (!parsed.success) throw new InboundFormatError("El formulario no tiene los campos de un correo (from, subject, text, o email/raw con el MIME)");
    return fromFields(parsed.data);
  }
  const bytes = new Uint8Array(await req.arrayBuffer());
  if (bytes.length === 0) throw new InboundFormatError("El cuerpo está vacío");
  return parseMime(bytes);
}

export async function receiveInboundEmail(tenantId: string, email: ParsedEmail): Promise<IngestResult> {
  return ingestBankEmail(tenantId, "INBOUND", email, null);
}
