"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/trpc/client";
import { useServerText } from "@/components/format/use-server-text";

const ITEM_TONE = { PENDING: "slate", SUCCESS: "green", FAILED: "red", SKIPPED: "amber" } as const;

const FINISHED = new Set(["COMPLETED", "PARTIAL", "FAILED"]);

/** Ticks every second while something waits for a retry, so "en Xs" counts down. */
function useNow(active: boolean) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [active]);
  return now;
}

/** Live per-document results of an export run (polls while it runs), with each retry's time and reason. */
export function ExportProgress({ runId, onFinished, onForced }: { runId: string; onFinished: () => void; onForced: (runId: string) => void }) {
  const t = useTranslations("exports");
  const tr = useServerText();
  const trpc = useTRPC();
  const run = useQuery({
    ...trpc.exports.run.queryOptions({ runId }),
    refetchInterval: (q) => (q.state.data && FINISHED.has(q.state.data.status) ? false : 800),
  });
  const force = useMutation(trpc.exports.exportOne.mutationOptions({ onSuccess: (r) => onForced(r.runId) }));
  const done = !!run.data && FINISHED.has(run.data.status);
  const now = useNow(!!run.data?.items.some((i) => i.nextRetryAt));
  const tReview = useTranslations("exports.center.table.reviewStatus");
  useEffect(() => {
    if (done) onFinished();
  }, [done, onFinished]);
  if (run.isError) return <p role="alert" className="text-sm text-red-700">{run.error.message}</p>;
  if (!run.data) return <p className="text-sm text-slate-500">{t("progress.preparing")}</p>;
  const r = run.data;
  const finished = r.counts.SUCCESS + r.counts.FAILED + r.counts.SKIPPED;
  const pct = r.total === 0 ? 100 : Math.round((finished / r.total) * 100);

  return (
    <section aria-labelledby="export-progress-title" className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="export-progress-title" className="text-base font-semibold">
          {t("progress.title", { name: r.connectorName })}
        </h2>
        <p role="status" aria-live="polite" className="text-sm text-slate-700">
          {t(done ? "progress.summaryDone" : "progress.summaryRunning", { success: r.counts.SUCCESS, failed: r.counts.FAILED, skipped: r.counts.SKIPPED, total: r.total })}
        </p>
      </div>
      {r.override && (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-xs font-medium text-amber-900">
          {t("progress.overrideBanner", { count: r.items.filter((i) => i.overridden).length, name: r.requestedBy ?? t("progress.someone"), reason: r.overrideReason ?? "" })}
        </p>
      )}
      <div className="h-2 w-full overflow-hidden rounded bg-slate-100" role="progressbar" aria-label={t("progress.progressLabel")} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
        <div className={`h-full ${r.counts.FAILED > 0 ? "bg-amber-500" : "bg-brand-600"} transition-all`} style={{ width: `${pct}%` }} />
      </div>
      <ul className="flex max-h-96 flex-col divide-y divide-slate-100 overflow-y-auto" aria-label={t("progress.resultsLabel")}>
        {r.items.map((i) => (
          <li key={i.documentId} className="flex flex-col gap-1 py-2 text-sm sm:flex-row sm:items-start sm:justify-between" data-status={i.status}>
            <div className="min-w-0">
              <p className="font-medium text-slate-900">
                {i.label}
                {i.proveedor && <span className="font-normal text-slate-500"> · {i.proveedor}</span>}
              </p>
              {i.status === "SUCCESS" && <p className="text-xs text-slate-600">{t.rich("progress.externalId", { externalId: i.externalId ?? "", id: (chunks) => <span className="font-mono">{chunks}</span> })}</p>}
              {i.error && <p className={`text-xs ${i.status === "FAILED" ? "text-red-700" : "text-amber-800"}`}>{tr(i.error)}</p>}
              {i.overridden && <p className="text-xs text-amber-800">{t("progress.overridden", { status: i.reviewStatus ? tReview(i.reviewStatus) : "—" })}</p>}
              {i.status === "PENDING" && i.nextRetryAt && i.lastError && (
                <p className="text-xs text-amber-800" data-testid="retry-status">
                  {(() => {
                    // The latest of the clock tick and the last poll: neither is older than a second.
                    const seconds = Math.max(0, Math.ceil((new Date(i.nextRetryAt).getTime() - Math.max(now, run.dataUpdatedAt)) / 1000));
                    const args = { n: i.attempts, m: r.maxRetries, seconds, reason: i.lastError };
                    return seconds > 0 ? t("progress.retrying", args) : t("progress.retryingNow", args);
                  })()}
                </p>
              )}
            </div>
            <div className="flex shrink-0 items-center gap-2">
              <Badge tone={ITEM_TONE[i.status]}>{t(`progress.itemStatus.${i.status}`)}</Badge>
              {(i.status === "SKIPPED" || i.status === "FAILED") && done && (
                <Button variant="secondary" className="px-2 py-1 text-xs" disabled={force.isPending} onClick={() => force.mutate({ connectorId: r.connectorId, documentId: i.documentId, force: true, ...(i.overridden && r.overrideReason ? { override: { reason: r.overrideReason } } : {}) })}>
                  {i.status === "SKIPPED" ? t("progress.force") : t("progress.retry")}
                </Button>
              )}
            </div>
          </li>
        ))}
      </ul>
      {force.isError && <p role="alert" className="text-sm text-red-700">{force.error.message}</p>}
    </section>
  );
}
