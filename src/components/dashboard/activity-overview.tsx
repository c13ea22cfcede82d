"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { useClientParam } from "@/components/clients/client-param";
import { cn } from "@/components/ui/cn";
import { useTRPC } from "@/trpc/client";
import { DocumentsChart, ExportsChart, SyncsChart } from "./activity-charts";

function Card({ id, title, summary, children }: { id: string; title: string; summary?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:p-5">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={id} className="text-lg font-semibold">
          {title}
        </h2>
        {summary && <p className="text-sm text-slate-600">{summary}</p>}
      </div>
      {children}
    </section>
  );
}

function Empty({ children }: { children: ReactNode }) {
  return <p className="rounded-md border border-dashed border-slate-300 px-4 py-10 text-center text-sm text-slate-600">{children}</p>;
}

/** The document list filtered by review state (the list keeps its filters in the URL). */
const REVIEW_LINKS = { needsReview: "/parse?review=NEEDS_REVIEW", unreviewed: "/parse?review=UNREVIEWED" };

/** The review to-do, documents, exports, syncs and usage vs plan from the tenant's real data (last 14 days). */
export function ActivityOverview() {
  const t = useTranslations("dashboard");
  const trpc = useTRPC();
  const cliente = useClientParam();
  const stats = useQuery(trpc.stats.activity.queryOptions(cliente ? { cliente } : undefined));
  const pct = (r: number | null) => (r === null ? "—" : t("percent", { value: Math.round(r * 100) }));
  const link = (href: string, chunks: ReactNode) => (
    <Link href={href} className="font-medium text-brand-700 underline">
      {chunks}
    </Link>
  );
  if (stats.isPending) return <p className="text-sm text-slate-500">{t("loading")}</p>;
  if (stats.isError) return <p role="alert" className="text-sm text-red-700">{stats.error.message}</p>;
  const { documents, exports, syncs, suggestions, plan, review } = stats.data;
  const decided = suggestions.ACCEPTED + suggestions.REJECTED;

  return (
    <div className="flex flex-col gap-6">
      <Card id="h-review" title={t("review.title")}>
        {review.toReview === 0 ? (
          <p className="text-sm text-slate-600">{review.reviewed > 0 ? t("review.allDone", { reviewed: review.reviewed }) : t("review.nothing")}</p>
        ) : (
          <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:gap-6">
            <p className="text-4xl font-semibold text-amber-700" aria-describedby="review-detail">
              {review.toReview}
            </p>
            <div id="review-detail" className="flex flex-col gap-1 text-sm text-slate-700">
              <p>{t.rich("review.needsReview", { count: review.needsReview, link: (chunks) => link(REVIEW_LINKS.needsReview, chunks) })}</p>
              <p>{t.rich("review.unreviewed", { count: review.unreviewed, link: (chunks) => link(REVIEW_LINKS.unreviewed, chunks) })}</p>
              <p className="text-xs text-slate-500">{t("review.exportNote", { reviewed: review.reviewed })}</p>
            </div>
          </div>
        )}
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card
          id="h-documents"
          title={t("documents.title")}
          summary={documents.total > 0 ? t("documents.summary", { processed: documents.totals.processed, failed: documents.totals.failed, rate: pct(documents.cleanRate) }) : undefined}
        >
          {documents.total === 0 ? (
            <Empty>{t.rich("documents.empty", { link: (chunks) => link("/parse", chunks) })}</Empty>
          ) : (
            <DocumentsChart data={documents.daily} />
          )}
          {decided + suggestions.PENDING > 0 && (
            <p className="text-sm text-slate-600">
              {t("documents.suggestions", { accepted: suggestions.ACCEPTED, rejected: suggestions.REJECTED, pending: suggestions.PENDING })}
            </p>
          )}
        </Card>
        <Card id="h-exports" title={t("exports.title")} summary={exports.total > 0 ? t("exports.summary", { exported: exports.totals.success, failed: exports.totals.failed }) : undefined}>
          {exports.total === 0 ? (
            <Empty>{t.rich("exports.empty", { link: (chunks) => link("/exportar", chunks) })}</Empty>
          ) : (
            <ExportsChart data={exports.daily} />
          )}
        </Card>
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card id="h-syncs" title={t("syncs.title")} summary={syncs.total > 0 ? t("syncs.summary", { total: syncs.total, imported: syncs.totals.imported }) : undefined}>
          {syncs.total === 0 ? <Empty>{t("syncs.empty")}</Empty> : <SyncsChart data={syncs.daily} />}
        </Card>
        <Card id="h-usage" title={t("usage.title", { plan: plan.name })}>
          <ul className="flex flex-col gap-3" aria-label={t("usage.listLabel")}>
            {plan.usage
              .filter((u) => u.used !== null)
              .map((u) => {
                const ratio = u.limit === null || u.limit === 0 ? 0 : Math.min(1, (u.used ?? 0) / u.limit);
                return (
                  <li key={u.key} className="flex flex-col gap-1 text-sm">
                    <div className="flex justify-between">
                      <span className="text-slate-700">{t(`usage.limits.${u.key}`)}</span>
                      <span className="font-medium text-slate-900">
                        {u.used} / {u.limit === null ? t("usage.unlimited") : u.limit}
                      </span>
                    </div>
                    <div
                      role="progressbar"
                      aria-label={t(`usage.limits.${u.key}`)}
                      aria-valuenow={u.used ?? 0}
                      aria-valuemin={0}
                      aria-valuemax={u.limit ?? undefined}
                      className="h-2 overflow-hidden rounded-full bg-slate-100"
                    >
                      <div className={cn("h-full rounded-full", ratio >= 1 ? "bg-red-600" : ratio >= 0.8 ? "bg-amber-500" : "bg-brand-600")} style={{ width: `${u.limit === null ? 4 : Math.max(2, ratio * 100)}%` }} />
                    </div>
                  </li>
                );
              })}
          </ul>
          <p className="text-xs text-slate-500">
            {t.rich("usage.more", { link: (chunks) => link("/planes", chunks) })}
          </p>
        </Card>
      </div>
    </div>
  );
}
