"use client";
import { useLocale } from "next-intl";
import { useCallback } from "react";
import en from "@/i18n/messages/en/server.json";
import es from "@/i18n/messages/es-AR/server.json";
import { translateServerText } from "@/i18n/server-text";
import { localizeInstants } from "@/lib/format/dates";

/** Stored server texts (review reasons, parse notes) in the page's language; see src/i18n/server-text.ts. */
export function useServerText(): (text: string) => string {
  const locale = useLocale();
  return useCallback((text: string) => localizeInstants(translateServerText(text, es, locale === "en" ? en : es), locale), [locale]);
}
