import type { NextRequest } from "next/server";
import { LOCALE_COOKIE, isLocale } from "@/i18n/config";
import { localRedirect } from "@/server/http/redirect";
import { crossOriginRefusal } from "@/server/http/same-origin";

export const dynamic = "force-dynamic";

/** A GET that changes a preference: only from our own pages (a foreign link can't flip it). */
export async function GET(req: NextRequest) {
  const refused = crossOriginRefusal(req, { evenSafe: true });
  if (refused) return refused;
  const value = req.nextUrl.searchParams.get("value") ?? undefined;
  if (!isLocale(value)) return Response.json({ error: "Idioma no soportado" }, { status: 400 });
  const res = localRedirect(req.nextUrl.searchParams.get("next"), "/");
  res.headers.append("set-cookie", `${LOCALE_COOKIE}=${value}; Path=/; SameSite=Lax; Max-Age=${60 * 60 * 24 * 365}`);
  return res;
}
