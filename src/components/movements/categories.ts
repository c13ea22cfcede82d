"use client";
import { useTranslations } from "next-intl";
import { CATEGORIES } from "@/lib/schemas/movements";

const KNOWN = new Set<string>(CATEGORIES);

/** Category names in the current locale: the known ones translated, others (n8n may answer any) as they come. */
export function useCategories() {
  const t = useTranslations("movements");
  const label = (category: string | null | undefined): string => {
    if (!category) return t("uncategorized");
    return KNOWN.has(category) ? t(`categories.${category}`) : category;
  };
  const options = CATEGORIES.map((value) => ({ value, label: t(`categories.${value}`) }));
  return { label, options };
}
