"use client";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/trpc/client";

/** The "Para revisar" count next to Documentos in the sidebar (hidden at zero). */
export function ReviewBadge() {
  const t = useTranslations("nav");
  const trpc = useTRPC();
  const count = useQuery(trpc.documents.toReviewCount.queryOptions(undefined, { refetchInterval: 30_000 }));
  if (!count.data) return null;
  return (
    <span className="ml-auto rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold tabular-nums text-amber-900" data-testid="review-badge">
      <span aria-hidden>{count.data > 999 ? "999+" : count.data}</span>
      <span className="sr-only">{t("toReview", { count: count.data })}</span>
    </span>
  );
}
