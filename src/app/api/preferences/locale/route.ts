import type { NextRequest } from "next/server";
import { LOCALE_COOKIE, isLocale } from "@/i18n/config";
import { localRedirect } from "@/server/http/redirect";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest) {
  const value = req.nextUrl.searchParams.get("value") ?? undefined;
  if (!isLocale(value)) return Response.json({ error: "Idioma no soportado" }, { status: 400 });
  const res = localRedirect(req.nextUrl.searchParams.get("next"), "/");
  res.headers.append("set-cookie", `${LOCALE_COOKIE}=${value}; Path=/; SameSite=Lax; Max-Age=${60 * 60 * 24 * 365}`);
  return res;
}
