import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { activeTimeZone } from "@/server/auth/guards";
import { DEFAULT_LOCALE, LOCALE_COOKIE, isLocale } from "./config";
import { loadMessages } from "./messages";

/**
 * No locale in the URL: the choice lives in a cookie, Spanish (Argentina) by default. Every
 * instant is shown in the active organization's zone (server and client components alike), and
 * `now` is fixed per request so relative times agree between the server render and hydration.
 */
export default getRequestConfig(async () => {
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(fromCookie) ? fromCookie : DEFAULT_LOCALE;
  const [timeZone, all] = await Promise.all([activeTimeZone(), loadMessages(locale)]);
  // The "server" area is a catalogue read by src/i18n/server-text.ts, never through t(): it is not
  // shipped with every page's messages.
  const { server: _server, ...messages } = all;
  return { locale, timeZone, now: new Date(), messages };
});
