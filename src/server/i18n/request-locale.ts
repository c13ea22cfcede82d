import "server-only";
import { DEFAULT_LOCALE, LOCALE_COOKIE, isLocale, type Locale } from "@/i18n/config";
import { problemLang } from "@/server/public-api/problem";

function readCookie(headers: Headers, name: string): string | null {
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return null;
}

/**
 * The language of a REST answer: the locale cookie (what the UI is set to), else es-AR for a
 * browser (it sends Sec-Fetch-Site; its Accept-Language must not make an error English under a
 * Spanish UI), else the first language of Accept-Language we speak (scripts), else es-AR.
 */
export function requestLocale(headers: Headers): Locale {
  const fromCookie = readCookie(headers, LOCALE_COOKIE) ?? undefined;
  if (isLocale(fromCookie)) return fromCookie;
  if (headers.has("sec-fetch-site")) return DEFAULT_LOCALE;
  return headers.get("accept-language") && problemLang(headers) === "en" ? "en" : DEFAULT_LOCALE;
}
