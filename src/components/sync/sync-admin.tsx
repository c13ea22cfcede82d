"use client";
import { useFormat } from "@/components/format/use-format";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { DatabaseZap } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { SchedulePreview } from "@/components/connectors/schedule-preview";
import { formatCuit } from "@/lib/format";
import { useTRPC } from "@/trpc/client";
import { StagedRecord } from "./staged-record";

const STATUS_TONE = { QUEUED: "slate", RUNNING: "slate", SUCCESS: "green", PARTIAL: "amber", FAILED: "red" } as const;

/** /sync-admin: run PULL syncs, watch their counts, review staged records, see schedules. */
export function SyncAdmin() {
  const t = useTranslations("sync");
  const f = useFormat();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const connectors = useQuery(trpc.sync.connectors.queryOptions());
  const runs = useQuery({ ...trpc.sync.runs.queryOptions(), refetchInterval: (q) => (q.state.data?.some((r) => r.status === "QUEUED" || r.status === "RUNNING") ? 1000 : false) });
  const staged = useQuery(trpc.sync.staged.queryOptions({}));
  const suppliers = useQuery(trpc.sync.suppliers.queryOptions());
  const refresh = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: trpc.sync.runs.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.sync.staged.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.sync.suppliers.queryKey() });
  }, [queryClient, trpc]);
  const start = useMutation(trpc.sync.start.mutationOptions({ onSuccess: refresh }));
  const resume = useMutation(trpc.sync.resume.mutationOptions({ onSuccess: refresh }));
  const running = runs.data?.some((r) => r.status === "QUEUED" || r.status === "RUNNING");
  const wasRunning = useRef(running);
  useEffect(() => {
    // A run just ended: its staged records and suppliers are new.
    if (wasRunning.current && running === false) refresh();
    wasRunning.current = running;
  }, [running, refresh]);
  const names = new Map(connectors.data?.map((c) => [c.id, c.name]));

  if (connectors.data?.length === 0) {
    return (
      <EmptyState icon={DatabaseZap} title={t("admin.emptyTitle")}>
        {t.rich("admin.emptyBody", {
          link: (chunks) => (
            <Link className="underline" href="/conectores">
              {chunks}
            </Link>
          ),
        })}
      </EmptyState>
    );
  }

  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="sync-connectors" className="flex flex-col gap-3">
        <h2 id="sync-connectors" className="text-base font-semibold">
          {t("admin.connectors")}
        </h2>
        <ul className="grid gap-3 lg:grid-cols-2">
          {connectors.data?.map((c) => (
            <li key={c.id} className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <h3 className="font-semibold">{c.name}</h3>
                <Button disabled={!c.enabled || start.isPending} onClick={() => start.mutate({ connectorId: c.id })} aria-label={t("admin.syncNowLabel", { name: c.name })}>
                  {t("admin.syncNow")}
                </Button>
              </div>
              {c.pullSchedule ? (
                <SchedulePreview cron={c.pullSchedule} timezone={c.scheduleTimezone} label={t("admin.schedulePreview", { name: c.name })} />
              ) : (
                <p className="text-xs text-slate-500">
                  {t.rich("admin.noSchedule", {
                    link: (chunks) => (
                      <Link className="underline" href="/conectores">
                        {chunks}
                      </Link>
                    ),
                  })}
                </p>
              )}
            </li>
          ))}
        </ul>
        {(start.error ?? resume.error) && <p role="alert" className="text-sm text-red-700">{(start.error ?? resume.error)!.message}</p>}
      </section>

      <section aria-labelledby="sync-runs" className="flex flex-col gap-3">
        <h2 id="sync-runs" className="text-base font-semibold">
          {t("admin.runs")}
        </h2>
        {runs.data?.length === 0 && <p className="text-sm text-slate-500">{t("admin.noRuns")}</p>}
        {runs.data && runs.data.length > 0 && (
          <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
            <table className="table-cards min-w-full text-sm" aria-label={t("admin.runs")}>
              <thead className="bg-slate-50 text-left text-xs uppercase text-slate-500">
                <tr>
                  <th className="px-3 py-2">{t("admin.table.connector")}</th>
                  <th className="px-3 py-2">{t("admin.table.status")}</th>
                  <th className="px-3 py-2 text-right">{t("admin.table.pages")}</th>
                  <th className="px-3 py-2 text-right">{t("admin.table.imported")}</th>
                  <th className="px-3 py-2 text-right">{t("admin.table.staged")}</th>
                  <th className="px-3 py-2 text-right">{t("admin.table.failed")}</th>
                  <th className="px-3 py-2">{t("admin.table.started")}</th>
                  <th className="px-3 py-2">{t("admin.table.detail")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {runs.data.map((r) => (
                  <tr key={r.id} data-run-id={r.id}>
                    <td className="px-3 py-2 font-medium">
                      {r.connectorName}
                      {r.trigger === "SCHEDULE" && <span className="ml-1 text-xs text-slate-500">{t("admin.scheduled")}</span>}
                    </td>
                    <td className="px-3 py-2">
                      <Badge tone={STATUS_TONE[r.status]}>{t(`admin.status.${r.status}`)}</Badge>
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums" data-label={t("admin.table.pages")}>{r.pages}</td>
                    <td className="px-3 py-2 text-right tabular-nums" aria-label={t("admin.table.imported")} data-label={t("admin.table.imported")}>{r.imported}</td>
                    <td className="px-3 py-2 text-right tabular-nums" aria-label={t("admin.table.staged")} data-label={t("admin.table.staged")}>{r.staged}</td>
                    <td className="px-3 py-2 text-right tabular-nums" data-label={t("admin.table.failed")}>{r.failed}</td>
                    <td className="px-3 py-2 text-slate-600" data-label={t("admin.table.started")}>{f.dateTime(r.startedAt ?? r.createdAt)}</td>
                    <td className="px-3 py-2 text-xs text-slate-700">
                      {r.error && <span className="block text-red-700">{r.error}</span>}
                      {(r.status === "FAILED" || (r.status === "PARTIAL" && r.error)) && (
                        <Button variant="secondary" className="mt-1 px-2 py-1 text-xs" disabled={resume.isPending} onClick={() => resume.mutate({ runId: r.id })}>
                          {t("admin.resume", { page: r.pageIndex + 1 })}
                        </Button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="sync-staged" className="flex flex-col gap-3">
        <h2 id="sync-staged" className="text-base font-semibold">
          {t("admin.stagedTitle")} {staged.data ? `(${staged.data.total})` : ""}
        </h2>
        <p className="text-sm text-slate-600">{t("admin.stagedDescription")}</p>
        {staged.data?.total === 0 && <p className="text-sm text-slate-500">{t("admin.noStaged")}</p>}
        <ul className="flex flex-col gap-3">
          {staged.data?.items.map((s) => (
            <StagedRecord key={s.id} record={{ ...s, reason: `${names.get(s.connectorId) ? `${names.get(s.connectorId)}: ` : ""}${s.reason ?? ""}` }} onChanged={refresh} />
          ))}
        </ul>
      </section>

      <section aria-labelledby="sync-suppliers" className="flex flex-col gap-2">
        <h2 id="sync-suppliers" className="text-base font-semibold">
          {t("admin.suppliers")} {suppliers.data ? `(${suppliers.data.total})` : ""}
        </h2>
        {suppliers.data && suppliers.data.items.length > 0 && (
          <ul className="grid gap-1 text-sm text-slate-700 sm:grid-cols-2 lg:grid-cols-3">
            {suppliers.data.items.slice(0, 12).map((s) => (
              <li key={s.id}>
                <span className="font-mono text-xs">{formatCuit(s.cuit)}</span> · {s.razonSocial}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
