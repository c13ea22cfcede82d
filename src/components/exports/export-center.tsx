"use client";
import { useFormat } from "@/components/format/use-format";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { FileOutput } from "lucide-react";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { Fragment, useCallback, useMemo, useState } from "react";
import { useClientParam } from "@/components/clients/client-param";
import { ClientSelector } from "@/components/clients/client-selector";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField } from "@/components/ui/form-fields";
import { InlineConfirm } from "@/components/ui/inline-confirm";
import { TextField } from "@/components/ui/text-field";
import type { ExportFilter, ExportSelection } from "@/lib/schemas/exports";
import { tenantHeaders, useTRPC } from "@/trpc/client";
import { downloadFile, fetchSpreadsheet } from "./download";
import { ExportProgress } from "./export-progress";
import { ExportRuns } from "./export-runs";
import { useServerText } from "@/components/format/use-server-text";

const STATES = ["ALL", "PENDING", "EXPORTED"] as const;
export const REVIEW_TONE = { REVIEWED: "green", NEEDS_REVIEW: "amber", UNREVIEWED: "slate", NOT_READY: "slate" } as const;

/**
 * /exportar: pick documents, send them to a PUSH connector and watch each result; download
 * JSON/CSV. Reviewed documents by default; a document that is not reviewed is selected only
 * through an "exportar igual" confirmation and the run carries the reason; duplicates (and
 * anything else the guard blocks) cannot be selected. The history below lists the runs.
 */
export function ExportCenter() {
  const t = useTranslations("exports");
  const tr = useServerText();
  const f = useFormat();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<ExportFilter>({ state: "ALL", review: "REVIEWED" });
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const [connectorId, setConnectorId] = useState("");
  const [force, setForce] = useState(false);
  const [runId, setRunId] = useState<string | null>(null);
  /** Rows selected through "exportar igual", and the row whose confirmation is open. */
  const [overridden, setOverridden] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState<string | null>(null);
  const [overrideReason, setOverrideReason] = useState("");
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const pageSize = 25;

  const connectors = useQuery(trpc.exports.connectors.queryOptions());
  const cliente = useClientParam();
  const clientFilter = useMemo<ExportFilter>(() => ({ ...filter, ...(cliente ? { cliente } : {}) }), [filter, cliente]);
  const docs = useQuery(trpc.exports.documents.queryOptions({ ...clientFilter, page, pageSize }));
  const start = useMutation(
    trpc.exports.start.mutationOptions({
      onSuccess: (r) => {
        setRunId(r.runId);
        void queryClient.invalidateQueries({ queryKey: trpc.exports.runs.queryKey() });
      },
    }),
  );
  // The connector shown is the one used: the user's pick, else the first (never a blank value the select cannot show).
  const connector = connectors.data?.find((c) => c.id === connectorId) ?? connectors.data?.[0];
  const selection: ExportSelection | null = allMatching ? { filter: clientFilter } : selected.size > 0 ? { documentIds: [...selected] } : null;
  const count = allMatching ? (docs.data?.total ?? 0) : selected.size;
  const items = useMemo(() => docs.data?.items ?? [], [docs.data]);
  // What the picked connector would refuse on this page, and why (its export would say the same).
  const fit = useQuery({ ...trpc.exports.connectorFit.queryOptions({ connectorId: connector?.id ?? "", documentIds: items.map((d) => d.id) }), enabled: !!connector && items.length > 0 });
  // "All on this page" takes reviewed rows only: the others need their own confirmation.
  const pageIds = items.filter((d) => !d.review.blockedReason && !d.review.needsOverride).map((d) => d.id);
  const allOnPage = pageIds.length > 0 && pageIds.every((id) => allMatching || selected.has(id));
  const overriddenSelected = allMatching ? 0 : [...selected].filter((id) => overridden.has(id)).length;
  const reasonOk = overriddenSelected === 0 || overrideReason.trim().length >= 3;

  const refreshList = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: trpc.exports.documents.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.exports.runs.queryKey() });
  }, [queryClient, trpc]);
  const setF = (patch: Partial<ExportFilter>) => {
    setFilter((f) => ({ ...f, ...patch }));
    setPage(1);
    setAllMatching(false);
  };
  const toggle = (id: string, needsOverride: boolean) => {
    if (needsOverride && !selected.has(id)) {
      setConfirming(id);
      return;
    }
    setAllMatching(false);
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  };
  const confirmOverride = (id: string) => {
    setConfirming(null);
    setAllMatching(false);
    setOverridden((s) => new Set(s).add(id));
    setSelected((s) => new Set(s).add(id));
  };
  const exportNow = () => {
    if (!connector || !selection) return;
    start.mutate({ connectorId: connector.id, selection, force, ...(overriddenSelected > 0 ? { override: { reason: overrideReason.trim() } } : {}) });
  };
  const togglePage = () => {
    setAllMatching(false);
    setSelected((s) => {
      const n = new Set(s);
      for (const id of pageIds) {
        if (allOnPage) n.delete(id);
        else n.add(id);
      }
      return n;
    });
  };
  const download = async (kind: "json" | "csv" | "xlsx") => {
    if (!selection) return;
    setDownloadError(null);
    try {
      if (kind === "json") {
        const rows = await queryClient.fetchQuery(trpc.exports.download.queryOptions({ selection }));
        downloadFile(`documentos-${new Date().toISOString().slice(0, 10)}.json`, "application/json", JSON.stringify(rows, null, 2));
      } else {
        const file = await fetchSpreadsheet(selection, kind, tenantHeaders());
        downloadFile(file.name, file.blob.type, file.blob);
      }
    } catch (e) {
      setDownloadError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <div className="flex flex-col gap-6">
      <ClientSelector />
      <section aria-label={t("center.filters.label")} className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-5">
        <TextField label={t("center.filters.search")} placeholder={t("center.filters.searchPlaceholder")} value={filter.q ?? ""} onChange={(e) => setF({ q: e.target.value || undefined })} />
        <SelectField label={t("center.filters.exportState")} options={STATES.map((value) => ({ value, label: t(`center.filters.state.${value}`) }))} value={filter.state} onChange={(e) => setF({ state: e.target.value as ExportFilter["state"] })} />
        <SelectField label={t("center.filters.type")} options={[{ value: "", label: t("center.filters.allTypes") }, ...(docs.data?.tipos ?? []).map((tipo) => ({ value: tipo, label: tipo.replace(/_/g, " ") }))]} value={filter.tipo ?? ""} onChange={(e) => setF({ tipo: e.target.value || undefined })} />
        <TextField label={t("center.filters.from")} type="date" value={filter.from ?? ""} onChange={(e) => setF({ from: e.target.value || undefined })} />
        <TextField label={t("center.filters.to")} type="date" value={filter.to ?? ""} onChange={(e) => setF({ to: e.target.value || undefined })} />
        <label className="flex items-start gap-2 text-sm text-slate-700 sm:col-span-2 lg:col-span-5">
          <input type="checkbox" className="mt-1" checked={filter.review === "ALL"} onChange={(e) => setF({ review: e.target.checked ? "ALL" : "REVIEWED" })} />
          <span>
            {t("center.filters.showUnreviewed")}
            <span className="block text-xs text-slate-500">{t("center.filters.showUnreviewedHint")}</span>
          </span>
        </label>
      </section>

      {connectors.data?.length === 0 && (
        <p className="rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900" data-testid="no-connectors">
          {t("center.selection.noConnectorsHelp")}{" "}
          <Link href="/conectores" className="font-medium underline">
            {t("center.selection.goToConnectors")}
          </Link>
        </p>
      )}
      <section aria-label={t("center.selection.label")} className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 lg:flex-row lg:items-end lg:justify-between">
        <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
          <SelectField
            label={t("center.selection.connector")}
            className="min-w-64"
            options={
              connectors.data?.length
                ? connectors.data.map((c) => ({ value: c.id, label: t("center.selection.connectorOption", { name: c.name, direction: t(c.direction === "PUSH" ? "center.selection.direction.PUSH" : "center.selection.direction.BIDIRECTIONAL") }) }))
                : [{ value: "", label: t("center.selection.noConnectors") }]
            }
            value={connector?.id ?? ""}
            onChange={(e) => setConnectorId(e.target.value)}
            hint={t("center.selection.connectorHint")}
          />
          <label className="flex items-center gap-2 pb-2 text-sm text-slate-700">
            <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
            {t("center.selection.force")}
          </label>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-sm text-slate-600" aria-live="polite">
            {t("center.selection.selectedCount", { count })}
          </span>
          <Button variant="secondary" disabled={!selection} onClick={() => void download("json")}>
            {t("center.selection.downloadJson")}
          </Button>
          <Button variant="secondary" disabled={!selection} onClick={() => void download("csv")}>
            {t("center.selection.downloadCsv")}
          </Button>
          <Button variant="secondary" disabled={!selection} onClick={() => void download("xlsx")}>
            {t("center.selection.downloadXlsx")}
          </Button>
          <Button disabled={!selection || !connector || start.isPending || !reasonOk} onClick={exportNow}>
            {connector ? t("center.selection.exportTo", { name: connector.name }) : t("center.selection.export")}
          </Button>
        </div>
      </section>
      {overriddenSelected > 0 && (
        <section aria-label={t("center.override.confirm")} className="flex flex-col gap-2 rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900">
          <p>{t("center.override.notice", { count: overriddenSelected })}</p>
          <TextField label={t("center.override.reason")} placeholder={t("center.override.reasonPlaceholder")} value={overrideReason} maxLength={300} onChange={(e) => setOverrideReason(e.target.value)} />
        </section>
      )}
      {start.isError && <p role="alert" className="text-sm text-red-700">{start.error.message}</p>}
      {downloadError && <p role="alert" className="text-sm text-red-700">{downloadError}</p>}

      {runId && <ExportProgress key={runId} runId={runId} onFinished={refreshList} onForced={setRunId} />}

      {docs.isPending && <p className="text-sm text-slate-500">{t("center.loading")}</p>}
      {docs.isError && <p role="alert" className="text-sm text-red-700">{docs.error.message}</p>}
      {docs.data?.total === 0 && (
        <EmptyState icon={FileOutput} title={t("center.empty.title")}>
          {t("center.empty.body")}
        </EmptyState>
      )}
      {docs.data && docs.data.total > 0 && (
        <section aria-label={t("center.documentsLabel")} className="flex flex-col gap-2">
          {allOnPage && !allMatching && filter.review === "REVIEWED" && docs.data.total > pageIds.length && (
            <p className="text-sm text-slate-700">
              {t("center.pageSelected", { count: pageIds.length })}{" "}
              <Button unstyled type="button" className="font-medium text-brand-700 underline" onClick={() => setAllMatching(true)}>
                {t("center.selectAllMatching", { total: docs.data.total })}
              </Button>
            </p>
          )}
          {allMatching && (
            <p className="text-sm text-slate-700">
              {t("center.allMatchingSelected", { total: docs.data.total })}{" "}
              <Button unstyled type="button" className="font-medium text-brand-700 underline" onClick={() => (setAllMatching(false), setSelected(new Set()))}>
                {t("center.clearSelection")}
              </Button>
            </p>
          )}
          <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
            <table className="table-cards min-w-full text-sm">
              <thead className="bg-slate-50 text-left text-xs uppercase text-slate-500">
                <tr>
                  <th className="px-3 py-2">
                    <input type="checkbox" aria-label={t("center.table.selectPage")} checked={allOnPage} onChange={togglePage} />
                  </th>
                  <th className="px-3 py-2">{t("center.table.voucher")}</th>
                  <th className="px-3 py-2">{t("center.table.review")}</th>
                  <th className="px-3 py-2">{t("center.table.supplier")}</th>
                  <th className="px-3 py-2">{t("center.table.date")}</th>
                  <th className="px-3 py-2 text-right">{t("center.table.total")}</th>
                  <th className="px-3 py-2">{t("center.table.export")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {items.map((d) => {
                  const label = `${d.tipo?.replace(/_/g, " ") ?? t("center.table.untyped")} ${d.numeroCompleto ?? d.fileName}`;
                  const current = d.exportedVersion !== null && d.exportedVersion >= d.version;
                  const blocked = d.review.blockedReason;
                  return (
                    <Fragment key={d.id}>
                    <tr data-document-id={d.id} data-review={d.review.status} className={blocked ? "bg-red-50/40" : undefined}>
                      <td className="px-3 py-2">
                        <input
                          type="checkbox"
                          aria-label={t("center.table.selectRow", { label })}
                          aria-describedby={blocked ? `blocked-${d.id}` : undefined}
                          disabled={!!blocked}
                          checked={!blocked && (allMatching || selected.has(d.id))}
                          onChange={() => toggle(d.id, d.review.needsOverride)}
                        />
                      </td>
                      <td className="px-3 py-2 font-medium text-slate-900">{label}</td>
                      <td className="px-3 py-2 text-xs" data-label={t("center.table.review")}>
                        <Badge tone={blocked ? "red" : REVIEW_TONE[d.review.status]}>{blocked ? t("center.table.blocked") : t(`center.table.reviewStatus.${d.review.status}`)}</Badge>
                        {blocked && (
                          <p id={`blocked-${d.id}`} className="mt-1 max-w-xs text-red-800">
                            {blocked}
                          </p>
                        )}
                        {overridden.has(d.id) && selected.has(d.id) && <p className="mt-1 text-amber-800">{t("center.override.confirm")}</p>}
                        {connector && fit.data?.[d.id] && (
                          <p className="mt-1 max-w-xs text-amber-800" data-testid="connector-refusal">
                            {t("center.table.connectorRefuses", { name: connector.name, reason: tr(fit.data[d.id]!) })}
                          </p>
                        )}
                      </td>
                      <td className="px-3 py-2 text-slate-700" data-label={t("center.table.supplier")}>{d.proveedorRazonSocial ?? "—"}</td>
                      <td className="px-3 py-2 text-slate-700" data-label={t("center.table.date")}>{d.fecha ? d.fecha.split("-").reverse().join("/") : "—"}</td>
                      <td className="px-3 py-2 text-right tabular-nums" data-label={t("center.table.total")}>{f.amount(d.total)}</td>
                      <td className="px-3 py-2 text-xs" data-label={t("center.table.export")}>
                        {d.externalSystemId ? (
                          <span className={current ? "text-green-800" : "text-amber-800"}>
                            {t.rich("center.table.exportedAs", { externalId: d.externalSystemId, when: d.lastExportedAt ? f.dateTime(d.lastExportedAt) : "", id: (chunks) => <span className="font-mono">{chunks}</span> })}
                            {!current && ` · ${t("center.table.changedSinceExport")}`}
                          </span>
                        ) : (
                          <span className="text-slate-500">{t("center.table.notExported")}</span>
                        )}
                      </td>
                    </tr>
                    {confirming === d.id && (
                      <tr>
                        <td colSpan={7} className="bg-amber-50 px-3 py-2">
                          <InlineConfirm
                            label={t("center.override.label", { label })}
                            question={t("center.override.question", { label })}
                            confirmLabel={t("center.override.confirm")}
                            onConfirm={() => confirmOverride(d.id)}
                            onCancel={() => setConfirming(null)}
                          />
                        </td>
                      </tr>
                    )}
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          </div>
          <nav aria-label={t("center.pagination.label")} className="flex items-center justify-between text-sm text-slate-600">
            <span>
              {t("center.pagination.summary", { total: docs.data.total, page, pages: Math.max(1, Math.ceil(docs.data.total / pageSize)) })}
            </span>
            <span className="flex gap-2">
              <Button variant="secondary" disabled={page === 1} onClick={() => setPage((p) => p - 1)}>
                {t("center.pagination.previous")}
              </Button>
              <Button variant="secondary" disabled={page * pageSize >= docs.data.total} onClick={() => setPage((p) => p + 1)}>
                {t("center.pagination.next")}
              </Button>
            </span>
          </nav>
        </section>
      )}
      <ExportRuns onOpen={setRunId} />
    </div>
  );
}
