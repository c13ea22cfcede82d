import type { NextRequest } from "next/server";
import { LOCALE_COOKIE, isLocale } from "@/i18n/config";
import { getSessionUser } from "@/server/auth/session";
import { db } from "@/server/db/client";
import { localRedirect } from "@/server/http/redirect";
import { requestLocale } from "@/server/i18n/request-locale";
import { serverText } from "@/server/i18n/server-text";
import { logger } from "@/server/log/logger";
import { crossOriginRefusal } from "@/server/http/same-origin";

export const dynamic = "force-dynamic";

/** A GET that changes a preference: only from our own pages (a foreign link can't flip it). */
export async function GET(req: NextRequest) {
  const refused = crossOriginRefusal(req, { evenSafe: true });
  if (refused) return refused;
  const value = req.nextUrl.searchParams.get("value") ?? undefined;
  if (!isLocale(value)) return Response.json({ error: serverText("Idioma no soportado", requestLocale(req.headers)) }, { status: 400 });
  // Signed in: the choice is also the user's stored language, which their e-mails are written in.
  const user = await getSessionUser(req.headers).catch(() => null);
  if (user) await db().user.update({ where: { id: user.id }, data: { locale: value } }).catch((err: unknown) => logger.warn({ err }, "could not store the user's locale"));
  const res = localRedirect(req.nextUrl.searchParams.get("next"), "/");
  res.headers.append("set-cookie", `${LOCALE_COOKIE}=${value}; Path=/; SameSite=Lax; Max-Age=${60 * 60 * 24 * 365}`);
  return res;
}
