"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { FileOutput } from "lucide-react";
import { useTranslations } from "next-intl";
import { useCallback, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField } from "@/components/ui/form-fields";
import { TextField } from "@/components/ui/text-field";
import type { ExportFilter, ExportSelection } from "@/lib/schemas/exports";
import { useTRPC } from "@/trpc/client";
import { downloadFile, toCsv } from "./download";
import { ExportProgress } from "./export-progress";

const money = (n: number | null) => (n === null ? "—" : n.toLocaleString("es-AR", { style: "currency", currency: "ARS" }));
const when = (d: Date | string | null) => (d ? new Date(d).toLocaleString("es-AR", { dateStyle: "short", timeStyle: "short" }) : null);
const STATES = ["ALL", "PENDING", "EXPORTED"] as const;

/** /exportar: pick documents, send them to a PUSH connector and watch each result; download JSON/CSV. */
export function ExportCenter() {
  const t = useTranslations("exports");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<ExportFilter>({ state: "ALL" });
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const [connectorId, setConnectorId] = useState("");
  const [force, setForce] = useState(false);
  const [runId, setRunId] = useState<string | null>(null);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const pageSize = 25;

  const connectors = useQuery(trpc.exports.connectors.queryOptions());
  const docs = useQuery(trpc.exports.documents.queryOptions({ ...filter, page, pageSize }));
  const start = useMutation(trpc.exports.start.mutationOptions({ onSuccess: (r) => setRunId(r.runId) }));
  const connector = connectors.data?.find((c) => c.id === connectorId) ?? (connectors.data?.length === 1 ? connectors.data[0] : undefined);
  const selection: ExportSelection | null = allMatching ? { filter } : selected.size > 0 ? { documentIds: [...selected] } : null;
  const count = allMatching ? (docs.data?.total ?? 0) : selected.size;
  const items = useMemo(() => docs.data?.items ?? [], [docs.data]);
  const pageIds = items.map((d) => d.id);
  const allOnPage = pageIds.length > 0 && pageIds.every((id) => allMatching || selected.has(id));

  const refreshList = useCallback(() => void queryClient.invalidateQueries({ queryKey: trpc.exports.documents.queryKey() }), [queryClient, trpc]);
  const setF = (patch: Partial<ExportFilter>) => {
    setFilter((f) => ({ ...f, ...patch }));
    setPage(1);
    setAllMatching(false);
  };
  const toggle = (id: string) => {
    setAllMatching(false);
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
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
  const download = async (kind: "json" | "csv") => {
    if (!selection) return;
    setDownloadError(null);
    try {
      const rows = await queryClient.fetchQuery(trpc.exports.download.queryOptions({ selection }));
      const stamp = new Date().toISOString().slice(0, 10);
      if (kind === "json") downloadFile(`documentos-${stamp}.json`, "application/json", JSON.stringify(rows, null, 2));
      else downloadFile(`documentos-${stamp}.csv`, "text/csv;charset=utf-8", `\uFEFF${toCsv(rows)}`);
    } catch (e) {
      setDownloadError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <div className="flex flex-col gap-6">
      <section aria-label={t("center.filters.label")} className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-5">
        <TextField label={t("center.filters.search")} placeholder={t("center.filters.searchPlaceholder")} value={filter.q ?? ""} onChange={(e) => setF({ q: e.target.value || undefined })} />
        <SelectField label={t("center.filters.exportState")} options={STATES.map((value) => ({ value, label: t(`center.filters.state.${value}`) }))} value={filter.state} onChange={(e) => setF({ state: e.target.value as ExportFilter["state"] })} />
        <SelectField label={t("center.filters.type")} options={[{ value: "", label: t("center.filters.allTypes") }, ...(docs.data?.tipos ?? []).map((tipo) => ({ value: tipo, label: tipo.replace(/_/g, " ") }))]} value={filter.tipo ?? ""} onChange={(e) => setF({ tipo: e.target.value || undefined })} />
        <TextField label={t("center.filters.from")} type="date" value={filter.from ?? ""} onChange={(e) => setF({ from: e.target.value || undefined })} />
        <TextField label={t("center.filters.to")} type="date" value={filter.to ?? ""} onChange={(e) => setF({ to: e.target.value || undefined })} />
      </section>

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
          <Button disabled={!selection || !connector || start.isPending} onClick={() => connector && selection && start.mutate({ connectorId: connector.id, selection, force })}>
            {connector ? t("center.selection.exportTo", { name: connector.name }) : t("center.selection.export")}
          </Button>
        </div>
      </section>
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
          {allOnPage && !allMatching && docs.data.total > pageIds.length && (
            <p className="text-sm text-slate-700">
              {t("center.pageSelected", { count: pageIds.length })}{" "}
              <button type="button" className="font-medium text-brand-700 underline" onClick={() => setAllMatching(true)}>
                {t("center.selectAllMatching", { total: docs.data.total })}
              </button>
            </p>
          )}
          {allMatching && (
            <p className="text-sm text-slate-700">
              {t("center.allMatchingSelected", { total: docs.data.total })}{" "}
              <button type="button" className="font-medium text-brand-700 underline" onClick={() => (setAllMatching(false), setSelected(new Set()))}>
                {t("center.clearSelection")}
              </button>
            </p>
          )}
          <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
            <table className="min-w-full text-sm">
              <thead className="bg-slate-50 text-left text-xs uppercase text-slate-500">
                <tr>
                  <th className="px-3 py-2">
                    <input type="checkbox" aria-label={t("center.table.selectPage")} checked={allOnPage} onChange={togglePage} />
                  </th>
                  <th className="px-3 py-2">{t("center.table.voucher")}</th>
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
                  return (
                    <tr key={d.id} data-document-id={d.id}>
                      <td className="px-3 py-2">
                        <input type="checkbox" aria-label={t("center.table.selectRow", { label })} checked={allMatching || selected.has(d.id)} onChange={() => toggle(d.id)} />
                      </td>
                      <td className="px-3 py-2 font-medium text-slate-900">{label}</td>
                      <td className="px-3 py-2 text-slate-700">{d.proveedorRazonSocial ?? "—"}</td>
                      <td className="px-3 py-2 text-slate-700">{d.fecha ? d.fecha.split("-").reverse().join("/") : "—"}</td>
                      <td className="px-3 py-2 text-right tabular-nums">{money(d.total)}</td>
                      <td className="px-3 py-2 text-xs">
                        {d.externalSystemId ? (
                          <span className={current ? "text-green-800" : "text-amber-800"}>
                            {t.rich("center.table.exportedAs", { externalId: d.externalSystemId, when: when(d.lastExportedAt) ?? "", id: (chunks) => <span className="font-mono">{chunks}</span> })}
                            {!current && ` · ${t("center.table.changedSinceExport")}`}
                          </span>
                        ) : (
                          <span className="text-slate-500">{t("center.table.notExported")}</span>
                        )}
                      </td>
                    </tr>
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
    </div>
  );
}
