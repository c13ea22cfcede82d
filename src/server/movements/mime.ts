/** Bank e-mails as MIME (.eml uploads, inbound posts) → the fields parse-email needs, via postal-mime. */
import "server-only";
import PostalMime, { type Address } from "postal-mime";

export type ParsedEmail = { from: string; subject: string; body: string; receivedAt: Date | null; messageId: string | null };

function addressOf(a: Address | undefined): string {
  if (!a) return "";
  if (a.address) return a.address;
  return a.group?.[0]?.address ?? "";
}

/** Visible text of an HTML body (bank notices are often HTML-only). */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head)[\s\S]*?<\/\1>/gi, " ")
    .replace(/<br\s*\/?>|<\/(p|div|tr|li|h\d)>/gi, "\n")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/gi, " ")
    .replace(/&amp;/gi, "&")
    .replace(/&lt;/gi, "<")
    .replace(/&gt;/gi, ">")
    .replace(/&quot;/gi, '"')
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/[ \t]+/g, " ")
    .replace(/\n\s*\n+/g, "\n")
    .trim();
}

export async function parseMime(raw: string | Uint8Array): Promise<ParsedEmail> {
  const email = await PostalMime.parse(raw);
  const body = (email.text?.trim() || (email.html ? htmlToText(email.html) : "")).slice(0, 100_000);
  const date = email.date ? new Date(email.date) : null;
  return {
    from: addressOf(email.from),
    subject: email.subject ?? "",
    body,
    receivedAt: date && !Number.isNaN(date.getTime()) ? date : null,
    messageId: email.messageId?.trim() || null,
  };
}

/** Pasted text that is a whole message (headers, blank line, body) rather than just the body. */
export function looksLikeRawMessage(text: string): boolean {
  const head = text.split(/\r?\n\r?\n/, 1)[0] ?? "";
  return /^(from|subject|date|received|return-path|message-id|mime-version):/im.test(head) && /^from:/im.test(head) && /^[\w-]+:/.test(text.trimStart());
}

/** "alertas@bancogalicia.com.ar" → "bancogalicia"; empty when unknown. */
export function bankFromAddress(from: string): string {
  const domain = /@([^>\s]+)/.exec(from)?.[1]?.toLowerCase() ?? "";
  const labels = domain.split(".").filter(Boolean);
  const generic = new Set(["com", "net", "org", "ar", "co", "mx", "cl", "uy", "br", "info", "mail", "email", "notificaciones", "alertas", "avisos"]);
  const name = labels.filter((l) => !generic.has(l)).pop();
  return name ? name.replace(/[^a-z0-9_-]/g, "").slice(0, 40) : "";
}
