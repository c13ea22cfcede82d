"use client";
import { useFormat } from "@/components/format/use-format";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/trpc/client";

export const RUN_TONE = { QUEUED: "slate", RUNNING: "slate", COMPLETED: "green", PARTIAL: "amber", FAILED: "red" } as const;

/** The export log: the latest runs, honest status, who started them and any "exportar igual" with its reason. */
export function ExportRuns({ onOpen }: { onOpen: (runId: string) => void }) {
  const t = useTranslations("exports");
  const f = useFormat();
  const trpc = useTRPC();
  const runs = useQuery({ ...trpc.exports.runs.queryOptions(), refetchInterval: (q) => (q.state.data?.some((r) => r.status === "QUEUED" || r.status === "RUNNING") ? 2000 : false) });
  if (!runs.data) return null;
  return (
    <section aria-labelledby="export-runs-title" className="flex flex-col gap-2">
      <h2 id="export-runs-title" className="text-base font-semibold">
        {t("runs.title")}
      </h2>
      {runs.data.length === 0 ? (
        <p className="text-sm text-slate-500">{t("runs.empty")}</p>
      ) : (
        <ul className="flex flex-col divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white" aria-label={t("runs.title")}>
          {runs.data.map((r) => (
            <li key={r.id} data-run-id={r.id} data-status={r.status} className="flex flex-col gap-1 px-4 py-3 text-sm sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0">
                <p className="flex flex-wrap items-center gap-2">
                  <Badge tone={RUN_TONE[r.status]}>{t(`runs.status.${r.status}`)}</Badge>
                  <span className="font-medium text-slate-900">{r.connectorName}</span>
                  <span className="text-slate-500">
                    {f.dateTime(r.createdAt)} · {t(`runs.trigger.${r.trigger}`)}
                    {r.requestedBy && ` · ${t("runs.by", { name: r.requestedBy })}`}
                  </span>
                </p>
                <p className="text-xs text-slate-600">{t("runs.counts", { success: r.success, failed: r.failed, skipped: r.skipped, total: r.total })}</p>
                {r.override && <p className="text-xs font-medium text-amber-800">{t("runs.override", { count: r.overriddenCount, reason: r.overrideReason ?? "" })}</p>}
              </div>
              <Button variant="secondary" className="shrink-0 px-2 py-1 text-xs" aria-label={t("runs.detailsLabel", { when: f.dateTime(r.createdAt) })} onClick={() => onOpen(r.id)}>
                {t("runs.details")}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
