"use client";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";

export const SOURCES = ["USER", "PULL", "LEARNED"] as const;
export type Source = (typeof SOURCES)[number];
const TONE: Record<Source, "green" | "blue" | "slate"> = { USER: "green", PULL: "blue", LEARNED: "slate" };

/** Where the entry's name came from; the title says what that means for later updates. */
export function SourceBadge({ source }: { source: Source }) {
  const t = useTranslations("suppliers");
  return (
    <span title={t(`sourceHelp.${source}`)}>
      <Badge tone={TONE[source]}>{t(`source.${source}`)}</Badge>
    </span>
  );
}
