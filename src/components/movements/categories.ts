"use client";
import { useTranslations } from "next-intl";
import { CATEGORY_OPTIONS } from "@/lib/schemas/movements";

const KNOWN = new Set(CATEGORY_OPTIONS.map((o) => o.value));

/** Category names in the current locale: the known ones translated, others (n8n may answer any) as they come. */
export function useCategories() {
  const t = useTranslations("movements");
  const label = (category: string | null | undefined): string => {
    if (!category) return t("uncategorized");
    return KNOWN.has(category) ? t(`categories.${category}`) : category;
  };
  const options = CATEGORY_OPTIONS.map((o) => ({ value: o.value, label: t(`categories.${o.value}`) }));
  return { label, options };
}
