"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/form-fields";
import { N8N_ACTIONS, N8N_CALL_STATUSES, N8N_ENDPOINTS, type N8nAction } from "@/lib/schemas/n8n";
import { useTRPC } from "@/trpc/client";
import { N8nSettingsForm } from "./n8n-settings-form";
import { SetupCheck } from "./setup-check";

const STATUS_TONE = { SUCCEEDED: "green", RETRYING: "amber", FAILED: "red", MANUAL_REVIEW: "amber" } as const;
const SYNC_TONE = { NEVER: "slate", PENDING: "amber", SYNCED: "green", FAILED: "red" } as const;

export function N8nAdmin() {
  const t = useTranslations("n8n");
  const trpc = useTRPC();
  const settings = useQuery(trpc.n8n.settings.queryOptions());
  return (
    <div className="flex flex-col gap-8">
      <section aria-labelledby="n8n-settings" className="rounded-xl border border-slate-200 bg-white p-4 sm:p-5">
        <h2 id="n8n-settings" className="mb-4 text-base font-semibold">
          {t("admin.settingsTitle")}
        </h2>
        {settings.isPending && <p className="text-sm text-slate-500">{t("admin.loading")}</p>}
        {settings.isError && <p role="alert" className="text-sm text-red-700">{settings.error.message}</p>}
        {settings.data && <N8nSettingsForm settings={settings.data} />}
        <p className="mt-4 text-xs text-slate-600">
          {t.rich("admin.workflowsHint", { code: (chunks) => <code className="rounded bg-slate-100 px-1">{chunks}</code> })}
        </p>
      </section>
      {settings.data?.configured && (
        <>
          <SetupCheck />
          <TestActions />
          <SyncStatus />
        </>
      )}
      <CallLog />
    </div>
  );
}

function TestActions() {
  const t = useTranslations("n8n");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const test = useMutation(trpc.n8n.test.mutationOptions({ onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.n8n.calls.queryKey() }) }));
  const [results, setResults] = useState<Partial<Record<N8nAction, { ok: boolean; text: string }>>>({});
  const [running, setRunning] = useState<N8nAction | null>(null);
  const run = async (action: N8nAction) => {
    setRunning(action);
    try {
      const r = await test.mutateAsync({ action });
      setResults((prev) => ({ ...prev, [action]: r.ok ? { ok: true, text: t("test.ok", { latency: r.latencyMs, executionId: r.executionId ?? "—" }) } : { ok: false, text: r.message } }));
    } catch (e) {
      setResults((prev) => ({ ...prev, [action]: { ok: false, text: e instanceof Error ? e.message : t("test.error") } }));
    } finally {
      setRunning(null);
    }
  };
  return (
    <section aria-labelledby="n8n-test" className="rounded-xl border border-slate-200 bg-white p-4 sm:p-5">
      <h2 id="n8n-test" className="text-base font-semibold">
        {t("test.title")}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t("test.description")}</p>
      <ul className="mt-4 divide-y divide-slate-100">
        {N8N_ACTIONS.map((action) => {
          const r = results[action];
          return (
            <li key={action} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between">
              <div className="min-w-0">
                <p className="text-sm font-medium text-slate-900">{t(`actions.${action}`)}</p>
                <p className="font-mono text-xs text-slate-500">POST /webhook/{N8N_ENDPOINTS[action]}</p>
                {r && (
                  <p role="status" data-testid={`test-result-${action}`} className={`mt-1 break-words text-xs ${r.ok ? "text-green-700" : "text-red-700"}`}>
                    {r.text}
                  </p>
                )}
              </div>
              <Button variant="secondary" onClick={() => void run(action)} disabled={running !== null} aria-label={t("test.runLabel", { action: t(`actions.${action}`) })}>
                {running === action ? t("test.running") : t("test.run")}
              </Button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function SyncStatus() {
  const t = useTranslations("n8n");
  const trpc = useTRPC();
  const format = useFormatter();
  const queryClient = useQueryClient();
  const status = useQuery({ ...trpc.n8n.syncStatus.queryOptions(), refetchInterval: (q) => (q.state.data?.status === "PENDING" ? 1500 : false) });
  const syncNow = useMutation(trpc.n8n.syncNow.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.n8n.syncStatus.queryKey() }) }));
  const s = status.data;
  return (
    <section aria-labelledby="n8n-sync" className="rounded-xl border border-slate-200 bg-white p-4 sm:p-5">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <div>
          <h2 id="n8n-sync" className="text-base font-semibold">
            {t("sync.title")}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t("sync.description")}</p>
        </div>
        <Button variant="secondary" onClick={() => syncNow.mutate()} disabled={syncNow.isPending}>
          {t("sync.syncNow")}
        </Button>
      </div>
      {s && (
        <div className="mt-3 flex flex-wrap items-center gap-3 text-sm" data-testid="sync-status">
          <Badge tone={SYNC_TONE[s.status]}>{t(`syncStatus.${s.status}`)}</Badge>
          {s.lastSyncedAt && <span className="text-slate-600">{t("sync.last", { date: format.dateTime(new Date(s.lastSyncedAt), { dateStyle: "short", timeStyle: "medium", hourCycle: "h23" }) })}</span>}
          {s.nextScheduledSync && <span className="text-slate-600">{t("sync.next", { date: format.dateTime(new Date(s.nextScheduledSync), { dateStyle: "short", timeStyle: "short", hourCycle: "h23" }) })}</span>}
          {s.status === "FAILED" && s.lastError && <p className="w-full text-xs text-red-700">{s.lastError}</p>}
        </div>
      )}
    </section>
  );
}

function CallLog() {
  const t = useTranslations("n8n");
  const trpc = useTRPC();
  const format = useFormatter();
  const [action, setAction] = useState<N8nAction | "">("");
  const [status, setStatus] = useState<(typeof N8N_CALL_STATUSES)[number] | "">("");
  const [open, setOpen] = useState<string | null>(null);
  const calls = useQuery({ ...trpc.n8n.calls.queryOptions({ action: action || undefined, status: status || undefined, limit: 50 }), refetchInterval: 3000 });
  return (
    <section aria-labelledby="n8n-log" className="rounded-xl border border-slate-200 bg-white p-4 sm:p-5">
      <div className="flex flex-col gap-3 lg:flex-row lg:items-end lg:justify-between">
        <div>
          <h2 id="n8n-log" className="text-base font-semibold">
            {t("log.title")}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t("log.description")}</p>
        </div>
        <div className="grid grid-cols-2 gap-3">
          <SelectField label={t("log.action")} value={action} onChange={(e) => setAction(e.target.value as N8nAction | "")} options={[{ value: "", label: t("log.allActions") }, ...N8N_ACTIONS.map((a) => ({ value: a, label: t(`actions.${a}`) }))]} />
          <SelectField label={t("log.status")} value={status} onChange={(e) => setStatus(e.target.value as typeof status)} options={[{ value: "", label: t("log.allStatuses") }, ...N8N_CALL_STATUSES.map((s) => ({ value: s, label: t(`callStatus.${s}`) }))]} />
        </div>
      </div>
      {calls.data && calls.data.items.length === 0 && <p className="mt-4 text-sm text-slate-500">{t("log.empty")}</p>}
      {calls.data && calls.data.items.length > 0 && (
        <div className="mt-4 overflow-x-auto">
          <table className="table-cards w-full min-w-[760px] text-left text-sm" aria-label={t("log.tableLabel")}>
            <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
              <tr>
                <th className="py-2 pr-3 font-medium">{t("log.columns.date")}</th>
                <th className="py-2 pr-3 font-medium">{t("log.columns.action")}</th>
                <th className="py-2 pr-3 font-medium">{t("log.columns.status")}</th>
                <th className="py-2 pr-3 font-medium">{t("log.columns.code")}</th>
                <th className="py-2 pr-3 font-medium">{t("log.columns.latency")}</th>
                <th className="py-2 pr-3 font-medium">{t("log.columns.requestId")}</th>
                <th className="py-2 font-medium">{t("log.columns.execution")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {calls.data.items.map((c) => (
                <CallRow key={c.id} call={c} open={open === c.id} onToggle={() => setOpen(open === c.id ? null : c.id)} when={format.dateTime(new Date(c.createdAt), { dateStyle: "short", timeStyle: "medium", hourCycle: "h23" })} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

type Call = { id: string; action: string; requestId: string; executionId: string | null; status: (typeof N8N_CALL_STATUSES)[number]; httpStatus: number | null; errorCode: string | null; errorMessage: string | null; latencyMs: number | null; attempt: number; test: boolean; responseExcerpt: string | null };

function CallRow({ call: c, open, onToggle, when }: { call: Call; open: boolean; onToggle: () => void; when: string }) {
  const t = useTranslations("n8n");
  const known = (N8N_ACTIONS as readonly string[]).includes(c.action);
  return (
    <>
      <tr className="align-top" data-testid="n8n-call" data-action={c.action} data-status={c.status}>
        <td className="whitespace-nowrap py-2 pr-3 text-slate-600">{when}</td>
        <td className="py-2 pr-3">
          <span className="font-medium text-slate-900">{known ? t(`actions.${c.action}`) : c.action}</span>
          {c.test && <span className="ml-2 text-xs text-slate-500">{t("log.test")}</span>}
          {c.attempt > 1 && <span className="ml-2 text-xs text-slate-500">{t("log.attempt", { attempt: c.attempt })}</span>}
        </td>
        <td className="py-2 pr-3" data-label={t("log.columns.status")}>
          <Badge tone={STATUS_TONE[c.status]}>{t(`callStatus.${c.status}`)}</Badge>
        </td>
        <td className="py-2 pr-3 font-mono text-xs" data-label={t("log.columns.code")}>{c.errorCode ?? "—"}</td>
        <td className="whitespace-nowrap py-2 pr-3 text-slate-600" data-label={t("log.columns.latency")}>{c.latencyMs === null ? "—" : `${c.latencyMs} ms`}</td>
        <td className="py-2 pr-3" data-label={t("log.columns.requestId")}>
          <Button unstyled type="button" onClick={onToggle} aria-expanded={open} className="font-mono text-xs text-brand-700 underline-offset-2 hover:underline">
            {c.requestId.slice(0, 8)}…
          </Button>
        </td>
        <td className="py-2 font-mono text-xs text-slate-600" data-label={t("log.columns.execution")}>{c.executionId ?? "—"}</td>
      </tr>
      {open && (
        <tr>
          <td colSpan={7} className="bg-slate-50 px-3 py-3 text-xs">
            <p>
              <span className="font-medium">requestId:</span> <span className="font-mono">{c.requestId}</span> {c.httpStatus !== null && <span className="ml-2">HTTP {c.httpStatus}</span>}
            </p>
            {c.errorMessage && <p className="mt-1 text-red-700">{c.errorMessage}</p>}
            {c.responseExcerpt && <pre className="mt-2 max-h-48 overflow-auto whitespace-pre-wrap break-all rounded bg-white p-2 font-mono text-[11px] text-slate-700">{c.responseExcerpt}</pre>}
          </td>
        </tr>
      )}
      {!open && c.errorMessage && (
        <tr>
          <td colSpan={7} className="pb-2 text-xs text-red-700">
            {c.errorMessage}
          </td>
        </tr>
      )}
    </>
  );
}
