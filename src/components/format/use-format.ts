"use client";
import { useLocale, useTimeZone } from "next-intl";
import { useMemo } from "react";
import { formatAmount, formatBytes, formatCents, formatCuit, formatDateTime, formatDay, formatInstant, formatNumber } from "@/lib/format";

/**
 * The formatting module bound to the page's locale and the organization's zone (next-intl's
 * `timeZone`, set per tenant in src/i18n/request.ts) — never the browser's zone.
 */
export function useFormat() {
  const locale = useLocale();
  const timeZone = useTimeZone() ?? undefined;
  return useMemo(
    () => ({
      locale,
      timeZone,
      dateTime: (at: Date | string) => formatDateTime(at, { locale, timeZone }),
      instant: (at: Date | string) => formatInstant(at, timeZone, locale),
      day: (iso: string | null | undefined) => formatDay(iso, locale),
      amount: (n: number | null | undefined, currency?: string | null) => formatAmount(n, { locale, currency }),
      cents: (cents: number) => formatCents(cents, locale),
      number: (n: number, options?: Intl.NumberFormatOptions) => formatNumber(n, locale, options),
      bytes: (n: number) => formatBytes(n, locale),
      cuit: formatCuit,
    }),
    [locale, timeZone],
  );
}
