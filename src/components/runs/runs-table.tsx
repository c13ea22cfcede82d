"use client";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { X } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { RUN_STATUSES, type ListRunsInput } from "@/lib/schemas/runs";
import { useTRPC } from "@/trpc/client";

const TONE = { RUNNING: "amber", COMPLETED: "green", FAILED: "red", CANCELLED: "slate" } as const;

function RunDetail({ id, onClose }: { id: string; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const format = useFormatter();
  const t = useTranslations("runs");
  const run = useQuery(trpc.runs.get.queryOptions({ id }, { refetchInterval: 3000 }));
  const retry = useMutation(trpc.runs.retry.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.runs.pathKey() }) }));
  return (
    <aside role="dialog" aria-labelledby="run-title" className="fixed inset-y-0 right-0 z-30 flex w-full max-w-xl flex-col border-l border-slate-200 bg-white shadow-xl">
      <div className="flex items-center justify-between border-b border-slate-200 px-5 py-3">
        <h2 id="run-title" className="font-semibold">{t("detail.title")} {run.data ? <code className="text-sm">{run.data.functionId}</code> : null}</h2>
        <Button unstyled aria-label={t("detail.close")} onClick={onClose} className="rounded p-1 hover:bg-slate-100">
          <X className="h-5 w-5" />
        </Button>
      </div>
      <div className="flex-1 overflow-y-auto p-5 text-sm">
        {run.data && (
          <div className="flex flex-col gap-4">
            <div className="flex items-center gap-3">
              <Badge tone={TONE[run.data.status]}>{t(`status.${run.data.status}`)}</Badge>
              {(run.data.status === "FAILED" || run.data.status === "CANCELLED") && (
                <Button variant="secondary" disabled={retry.isPending} onClick={() => retry.mutate({ id })}>
                  {t("detail.retry")}
                </Button>
              )}
              {retry.isSuccess && <span role="status">{t("detail.retried")}</span>}
              {retry.isError && <span role="alert" className="text-red-700">{retry.error.message}</span>}
            </div>
            <p className="text-slate-600">
              {t.rich("detail.summary", {
                code: (chunks) => <code>{chunks}</code>,
                event: run.data.event.name,
                start: format.dateTime(run.data.startedAt, { dateStyle: "short", timeStyle: "medium", hourCycle: "h23" }),
              })}
              {run.data.endedAt && ` · ${t("detail.duration", { ms: Math.max(0, new Date(run.data.endedAt).getTime() - new Date(run.data.startedAt).getTime()) })}`}
            </p>
            {run.data.error != null && <pre className="overflow-x-auto whitespace-pre-wrap rounded bg-red-50 p-3 text-xs text-red-800">{JSON.stringify(run.data.error, null, 2)}</pre>}
            {run.data.output != null && <pre className="overflow-x-auto rounded bg-slate-50 p-3 text-xs">{JSON.stringify(run.data.output, null, 2)}</pre>}
            <ol aria-label={t("detail.steps")} className="flex flex-col gap-2">
              {run.data.steps.map((s, i) => (
                <li key={i} className="rounded border border-slate-200 p-2">
                  <p className="font-medium">
                    {t("detail.step", { name: s.name, attempt: s.attempt, status: s.status, at: format.dateTime(s.at, { timeStyle: "medium", hourCycle: "h23" }) })}
                  </p>
                  {s.error != null && <pre className="mt-1 overflow-x-auto whitespace-pre-wrap text-xs text-red-700">{JSON.stringify(s.error)}</pre>}
                  {s.output != null && <pre className="mt-1 overflow-x-auto text-xs text-slate-600">{JSON.stringify(s.output)}</pre>}
                </li>
              ))}
            </ol>
          </div>
        )}
      </div>
    </aside>
  );
}

export function RunsTable() {
  const trpc = useTRPC();
  const format = useFormatter();
  const t = useTranslations("runs");
  const tc = useTranslations("common");
  const [filters, setFilters] = useState<Pick<ListRunsInput, "functionId" | "status">>({});
  const [open, setOpen] = useState<string | null>(null);
  const query = useInfiniteQuery(trpc.runs.list.infiniteQueryOptions({ ...filters, limit: 25 }, { getNextPageParam: (p) => p.nextCursor, refetchInterval: 5000 }));
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const functions = query.data?.pages[0]?.functions ?? [];
  const refused = query.data?.pages[0]?.refused ?? [];
  return (
    <div className="flex flex-col gap-4">
      {refused.length > 0 && (
        <section role="alert" aria-labelledby="refused-title" className="rounded-xl border border-red-200 bg-red-50 p-4 text-sm text-red-900">
          <h2 id="refused-title" className="font-semibold">{t("refused.title")}</h2>
          <p className="mt-1">{t("refused.body")}</p>
          <ul className="mt-2 flex flex-col gap-1">
            {refused.map((f) => (
              <li key={f.id}>
                <code>{f.id}</code>: {f.reason}
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="flex flex-wrap gap-3" role="group" aria-label={t("table.filters")}>
        <label className="flex flex-col gap-1 text-sm">
          {t("table.function")}
          <select className="rounded-md border border-slate-300 bg-white px-2 py-1.5" value={filters.functionId ?? ""} onChange={(e) => setFilters({ ...filters, functionId: e.target.value || undefined })}>
            <option value="">{t("table.allFunctions")}</option>
            {functions.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          {t("table.status")}
          <select className="rounded-md border border-slate-300 bg-white px-2 py-1.5" value={filters.status ?? ""} onChange={(e) => setFilters({ ...filters, status: (e.target.value || undefined) as ListRunsInput["status"] })}>
            <option value="">{t("table.allStatuses")}</option>
            {RUN_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {query.isPending && <p className="text-sm text-slate-600">{tc("loading")}</p>}
      {query.isError && <p role="alert" className="text-sm text-red-700">{query.error.message}</p>}
      {query.isSuccess && items.length === 0 && <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600">{t("table.empty")}</p>}
      {items.length > 0 && (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="table-cards min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-2">{t("table.columns.function")}</th>
                <th scope="col" className="px-4 py-2">{t("table.columns.status")}</th>
                <th scope="col" className="px-4 py-2">{t("table.columns.steps")}</th>
                <th scope="col" className="px-4 py-2">{t("table.columns.start")}</th>
                <th scope="col" className="px-4 py-2">{t("table.columns.duration")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((r) => (
                <tr key={r.id}>
                  <td className="px-4 py-2">
                    <Button unstyled className="text-left text-brand-700 hover:underline" onClick={() => setOpen(r.id)}>
                      {r.functionName}
                    </Button>
                  </td>
                  <td className="px-4 py-2" data-label={t("table.columns.status")}>
                    <Badge tone={TONE[r.status]}>{t(`status.${r.status}`)}</Badge>
                  </td>
                  <td className="px-4 py-2" data-label={t("table.columns.steps")}>{r.steps}</td>
                  <td className="px-4 py-2 text-slate-600" data-label={t("table.columns.start")}>{format.dateTime(r.startedAt, { dateStyle: "short", timeStyle: "medium", hourCycle: "h23" })}</td>
                  <td className="px-4 py-2 text-slate-600" data-label={t("table.columns.duration")}>{r.endedAt ? `${new Date(r.endedAt).getTime() - new Date(r.startedAt).getTime()} ms` : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {query.hasNextPage && (
        <div>
          <Button variant="secondary" onClick={() => query.fetchNextPage()}>
            {t("table.loadMore")}
          </Button>
        </div>
      )}
      {open && <RunDetail id={open} onClose={() => setOpen(null)} />}
    </div>
  );
}
