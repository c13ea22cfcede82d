"use client";
import { useQuery } from "@tanstack/react-query";
import { Sparkles } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { useTRPC } from "@/trpc/client";
import { DocumentSuggestions } from "./document-suggestions";
import { Button } from "@/components/ui/button";

/** Recent documents with their pending suggestions; picking one opens its suggestions panel. */
export function SuggestionsReview({ initialDocumentId, canDecide }: { initialDocumentId: string | null; canDecide: boolean }) {
  const t = useTranslations("ai");
  const trpc = useTRPC();
  const format = useFormatter();
  const [onlyPending, setOnlyPending] = useState(false);
  const [selected, setSelected] = useState<string | null>(initialDocumentId);
  const queue = useQuery({ ...trpc.ai.suggestionQueue.queryOptions({ onlyPending }), refetchInterval: 5000 });

  if (queue.isPending) return <p className="text-sm text-slate-500">{t("loading")}</p>;
  if (queue.isError) return <p role="alert" className="text-sm text-red-700">{queue.error.message}</p>;
  if (queue.data.length === 0 && !onlyPending) {
    return (
      <EmptyState icon={Sparkles} title={t("review.emptyTitle")}>
        {t("review.emptyBody")}
      </EmptyState>
    );
  }
  const current = selected ?? queue.data[0]?.id ?? null;

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
      <section aria-labelledby="h-docs" className="flex flex-col gap-3">
        <div className="flex items-center justify-between">
          <h2 id="h-docs" className="text-base font-semibold">
            {t("review.documents")}
          </h2>
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" checked={onlyPending} onChange={(e) => setOnlyPending(e.target.checked)} /> {t("review.onlyPending")}
          </label>
        </div>
        {queue.data.length === 0 ? (
          <p className="text-sm text-slate-600">{t("review.noPending")}</p>
        ) : (
          <ul className="flex flex-col gap-2" aria-label={t("review.list")}>
            {queue.data.map((d) => (
              <li key={d.id}>
                <Button
                  unstyled
                  type="button"
                  aria-current={current === d.id ? "true" : undefined}
                  onClick={() => setSelected(d.id)}
                  className={cn("flex w-full flex-col gap-1 rounded-lg border bg-white p-3 text-left text-sm hover:bg-slate-50", current === d.id ? "border-brand-600 ring-1 ring-brand-600" : "border-slate-200")}
                >
                  <span className="flex items-center justify-between gap-2">
                    <span className="truncate font-medium">{d.proveedorRazonSocial ?? d.fileName}</span>
                    {d.pending > 0 ? <Badge tone="amber">{t("review.pending", { count: d.pending })}</Badge> : <Badge tone="slate">{t(`review.docStatus.${d.status}`)}</Badge>}
                  </span>
                  <span className="text-xs text-slate-500">
                    {d.fileName}
                    {d.total !== null && ` · ${format.number(d.total, { style: "currency", currency: "ARS" })}`} · {format.dateTime(d.createdAt, { dateStyle: "short" })}
                  </span>
                </Button>
              </li>
            ))}
          </ul>
        )}
      </section>
      {current && <DocumentSuggestions key={current} documentId={current} canDecide={canDecide} />}
    </div>
  );
}
