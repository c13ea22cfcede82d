"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowDown, ArrowUp, ArrowUpDown, FileText, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, SelectField } from "@/components/ui/form-fields";
import { TextField } from "@/components/ui/text-field";
import { REVIEW_FILTERS, type ReviewStatusName } from "@/lib/documents/review";
import { DOCUMENT_STATUSES, type DocumentSortField, type DocumentStatusName } from "@/lib/schemas/documents";
import { useTRPC } from "@/trpc/client";
import { useFormat } from "@/components/format/use-format";
import { useServerText } from "@/components/format/use-server-text";
import { STATUS_TONE } from "./labels";
import { EMPTY_FILTERS, fromSearchParams, toListInput, toSearchParams, type Filters, type ListState } from "./list-query";
import { REVIEW_TONE, shortReasons } from "./review-labels";

const PAGE_SIZE = 20;

/** A parsed document shows where its review stands ("Para revisar", "Revisado"…); others their processing status. */
export function StatusBadge({ status, reviewStatus, discarded }: { status: DocumentStatusName; reviewStatus?: ReviewStatusName; discarded?: boolean }) {
  const t = useTranslations("documents");
  if (discarded) return <Badge tone="slate">{t("reviewStatus.DISCARDED")}</Badge>;
  if (status === "COMPLETED" && reviewStatus && reviewStatus !== "NOT_READY") return <Badge tone={REVIEW_TONE[reviewStatus]}>{t(`reviewStatus.${reviewStatus}`)}</Badge>;
  return (
    <Badge tone={STATUS_TONE[status]}>
      {(status === "PENDING" || status === "PROCESSING") && <span aria-hidden className="mr-1 inline-block h-2 w-2 animate-pulse rounded-full bg-current" />}
      {t(`status.${status}`)}
    </Badge>
  );
}

function SortHeader({ field, label, sort, dir, onSort, className }: { field: DocumentSortField; label: string; sort: DocumentSortField; dir: "asc" | "desc"; onSort: (f: DocumentSortField) => void; className?: string }) {
  const active = sort === field;
  const Icon = !active ? ArrowUpDown : dir === "asc" ? ArrowUp : ArrowDown;
  return (
    <th scope="col" aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"} className={className}>
      <Button unstyled type="button" onClick={() => onSort(field)} className="inline-flex items-center gap-1 font-medium hover:text-slate-900">
        {label}
        <Icon aria-hidden className="h-3 w-3" />
      </Button>
    </th>
  );
}

/**
 * The tenant's documents: filters (kept in the URL: bookmarkable, Back works), server-side sort
 * and pagination, the review state and its reasons per row, bulk "marcar como revisados";
 * refreshes itself while any is being processed.
 */
export function DocumentsList({ canWrite = false }: { canWrite?: boolean }) {
  const t = useTranslations("documents");
  const f = useFormat();
  const tr = useServerText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const state = fromSearchParams(new URLSearchParams(params.toString()));
  const { filters, sort, dir, page } = state;
  const [draft, setDraft] = useState<Filters>(filters);
  const [draftKey, setDraftKey] = useState(params.toString());
  if (draftKey !== params.toString()) {
    // The URL changed (Back, a link): the form shows its filters again.
    setDraftKey(params.toString());
    setDraft(filters);
  }
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulkResult, setBulkResult] = useState<{ reviewed: number; skipped: { id: string; fileName: string; message: string }[] } | null>(null);
  const go = (next: ListState) => {
    setBulkResult(null);
    const qs = toSearchParams(next).toString();
    router.push(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  };
  const types = useQuery(trpc.documents.types.queryOptions());
  const clients = useQuery(trpc.clients.list.queryOptions());
  const tc = useTranslations("clients");
  const list = useQuery({
    ...trpc.documents.list.queryOptions(toListInput(state, PAGE_SIZE)),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.items.some((d) => d.status === "PENDING" || d.status === "PROCESSING") ? 1500 : false),
  });
  const bulk = useMutation(
    trpc.documents.markReviewedBulk.mutationOptions({
      onSuccess: (r) => {
        setBulkResult({ reviewed: r.reviewed.length, skipped: r.skipped });
        setSelected(new Set());
        void queryClient.invalidateQueries({ queryKey: trpc.documents.list.queryKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.documents.toReviewCount.queryKey() });
      },
    }),
  );
  const data = list.data;
  // Past the count limit the last page is unknown: "Siguiente" while pages come back full.
  const pages = !data ? 1 : data.more ? page + (data.items.length === PAGE_SIZE ? 1 : 0) : Math.max(1, Math.ceil(data.total / PAGE_SIZE));
  const filtered = JSON.stringify(filters) !== JSON.stringify(EMPTY_FILTERS);
  const queueQuery = toSearchParams(state).toString();
  const pageIds = data?.items.map((d) => d.id) ?? [];
  const allSelected = pageIds.length > 0 && pageIds.every((id) => selected.has(id));
  const toggle = (id: string) => setSelected((all) => (all.has(id) ? new Set([...all].filter((x) => x !== id)) : new Set([...all, id])));

  const sortBy = (field: DocumentSortField) => {
    if (sort === field) go({ ...state, dir: dir === "asc" ? "desc" : "asc", page: 1 });
    else go({ ...state, sort: field, dir: field === "proveedor" ? "asc" : "desc", page: 1 });
  };

  return (
    <section aria-labelledby="lista-titulo" className="flex flex-col gap-4">
      <h2 id="lista-titulo" className="text-base font-semibold text-slate-900">
        {t("list.title")}
      </h2>
      <form
        aria-label={t("list.filters")}
        className="grid grid-cols-1 gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-6"
        onSubmit={(e) => {
          e.preventDefault();
          setSelected(new Set());
          go({ ...state, filters: draft, page: 1 });
        }}
      >
        <Field label={t("list.status")}>
          {(control) => (
            <select {...control} name="estado" value={draft.estado} onChange={(e) => setDraft({ ...draft, estado: e.target.value })}>
              <option value="">{t("list.all")}</option>
              <optgroup label={t("list.reviewGroup")}>
                {REVIEW_FILTERS.map((r) => (
                  <option key={r} value={r}>
                    {t(`reviewStatus.${r}`)}
                  </option>
                ))}
              </optgroup>
              <optgroup label={t("list.processingGroup")}>
                {DOCUMENT_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`status.${s}`)}
                  </option>
                ))}
              </optgroup>
            </select>
          )}
        </Field>
        <TextField label={t("list.from")} type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        <TextField label={t("list.to")} type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        <TextField label={t("list.supplier")} placeholder={t("list.supplierPlaceholder")} value={draft.supplier} onChange={(e) => setDraft({ ...draft, supplier: e.target.value })} />
        <SelectField
          label={t("list.type")}
          value={draft.tipo}
          onChange={(e) => setDraft({ ...draft, tipo: e.target.value })}
          options={[{ value: "", label: t("list.all") }, ...(types.data ?? []).map((type) => ({ value: type, label: type.replaceAll("_", " ") }))]}
        />
        {!!clients.data?.length && (
          <SelectField
            label={tc("selector.label")}
            name="cliente"
            value={draft.cliente}
            onChange={(e) => setDraft({ ...draft, cliente: e.target.value })}
            options={[{ value: "", label: tc("selector.all") }, ...clients.data.map((c) => ({ value: c.cuit, label: c.razonSocial }))]}
          />
        )}
        <SelectField
          label={t("list.exported")}
          value={draft.exported}
          onChange={(e) => setDraft({ ...draft, exported: e.target.value })}
          options={[
            { value: "", label: t("list.all") },
            { value: "si", label: t("list.yes") },
            { value: "no", label: t("list.no") },
          ]}
        />
        <div className="flex gap-2 sm:col-span-2 lg:col-span-6">
          <Button type="submit" className="px-3 py-1.5">
            {t("list.filter")}
          </Button>
          {filtered && (
            <Button type="button" variant="secondary" className="px-3 py-1.5" onClick={() => (setDraft(EMPTY_FILTERS), go({ ...state, filters: EMPTY_FILTERS, page: 1 }))}>
              {t("list.clearFilters")}
            </Button>
          )}
        </div>
      </form>

      {canWrite && (selected.size > 0 || bulkResult) && (
        <div className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm" aria-live="polite">
          {selected.size > 0 && (
            <div className="flex flex-wrap items-center gap-3">
              <span>{t("list.selected", { count: selected.size })}</span>
              <Button className="px-3 py-1.5" disabled={bulk.isPending} onClick={() => (setBulkResult(null), bulk.mutate({ ids: [...selected] }))}>
                {bulk.isPending ? t("list.marking") : t("list.markReviewed")}
              </Button>
            </div>
          )}
          {bulk.error && <p role="alert" className="text-red-700">{bulk.error.message}</p>}
          {bulkResult && (
            <div role="status">
              <p className="font-medium text-slate-900">{t("list.bulkDone", { count: bulkResult.reviewed })}</p>
              {bulkResult.skipped.length > 0 && (
                <>
                  <p className="text-slate-700">{t("list.bulkSkipped", { count: bulkResult.skipped.length })}</p>
                  <ul className="list-disc pl-5 text-slate-700">
                    {bulkResult.skipped.map((s) => (
                      <li key={s.id}>
                        <span className="font-medium">{s.fileName}</span>: {s.message}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          )}
        </div>
      )}

      {list.isPending && <p className="text-sm text-slate-500">{t("loading")}</p>}
      {list.isError && (
        <p role="alert" className="text-sm text-red-700">
          {list.error.message}
        </p>
      )}
      {data && data.total === 0 && (
        <EmptyState icon={FileText} title={filtered ? t("list.noMatchTitle") : t("list.emptyTitle")}>
          {filtered ? t("list.noMatchBody") : t("list.emptyBody")}
        </EmptyState>
      )}
      {data && data.total > 0 && (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="table-cards w-full min-w-[56rem] text-left text-sm" aria-label={t("list.table")} aria-busy={list.isFetching}>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600">
              <tr className="[&>th]:px-3 [&>th]:py-2">
                {canWrite && (
                  <th scope="col" className="w-8">
                    <input type="checkbox" aria-label={t("list.selectAll")} checked={allSelected} onChange={() => setSelected(allSelected ? new Set() : new Set(pageIds))} />
                  </th>
                )}
                <SortHeader field="status" label={t("list.status")} sort={sort} dir={dir} onSort={sortBy} />
                <th scope="col">{t("list.reasons")}</th>
                <SortHeader field="fecha" label={t("list.date")} sort={sort} dir={dir} onSort={sortBy} />
                <th scope="col">{t("list.type")}</th>
                <SortHeader field="numero" label={t("list.number")} sort={sort} dir={dir} onSort={sortBy} />
                <SortHeader field="proveedor" label={t("list.supplier")} sort={sort} dir={dir} onSort={sortBy} />
                <SortHeader field="total" label={t("list.total")} sort={sort} dir={dir} onSort={sortBy} className="text-right" />
                <SortHeader field="createdAt" label={t("list.uploaded")} sort={sort} dir={dir} onSort={sortBy} />
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.items.map((d) => (
                <tr key={d.id} className="align-top hover:bg-slate-50 [&>td]:px-3 [&>td]:py-2" data-status={d.status} data-review={d.reviewStatus}>
                  {canWrite && (
                    <td>
                      <input type="checkbox" aria-label={t("list.select", { name: d.numeroCompleto ?? d.fileName })} checked={selected.has(d.id)} onChange={() => toggle(d.id)} />
                    </td>
                  )}
                  <td>
                    <StatusBadge status={d.status} reviewStatus={d.reviewStatus} discarded={d.discardedAt != null} />
                  </td>
                  <td className="max-w-[18rem] text-xs text-slate-700" data-testid="reasons" data-label={t("list.reasons")}>
                    {d.status === "COMPLETED" && d.reviewReasons.length > 0 ? shortReasons(d.reviewReasons, t, tr) : <span className="text-slate-400">{t("list.noReasons")}</span>}
                  </td>
                  <td className="whitespace-nowrap" data-label={t("list.date")}>{f.day(d.fecha)}</td>
                  <td className="whitespace-nowrap text-xs" data-label={t("list.type")}>{d.tipo ? d.tipo.replaceAll("_", " ") : "—"}</td>
                  <td className="whitespace-nowrap font-mono text-xs" data-label={t("list.number")}>
                    <Link href={`/parse/${d.id}${queueQuery ? `?${queueQuery}` : ""}`} className="text-brand-700 hover:underline"
                      // Named by what it shows (the number) first, then the file, so voice control finds it by its text.
                      aria-label={d.numeroCompleto ? t("list.open", { number: d.numeroCompleto, fileName: d.fileName }) : undefined}
                    >
                      {d.numeroCompleto ?? d.fileName}
                    </Link>
                    {d.status === "FAILED" && d.error && (
                      <span className="mt-1 flex max-w-xs items-start gap-1 whitespace-normal font-sans text-red-700">
                        <TriangleAlert aria-hidden className="mt-0.5 h-3 w-3 shrink-0" />
                        {tr(d.error)}
                      </span>
                    )}
                  </td>
                  <td data-label={t("list.supplier")}>
                    <span className="block max-w-[16rem] truncate">{d.proveedorRazonSocial ?? "—"}</span>
                    <span className="block font-mono text-xs text-slate-500">{d.proveedorCuit ? f.cuit(d.proveedorCuit) : ""}</span>
                  </td>
                  <td className="whitespace-nowrap text-right tabular-nums" data-label={t("list.total")}>{f.amount(d.total, d.moneda)}</td>
                  <td className="whitespace-nowrap text-xs text-slate-600" data-label={t("list.uploaded")}>
                    {f.dateTime(d.createdAt)}
                    {d.lastExportedAt && <span className="block text-green-700">{t("list.exported")}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav aria-label={t("list.pagination")} className="flex items-center justify-between border-t border-slate-100 px-3 py-2 text-sm">
            <span>{data.more ? t("list.summaryMore", { count: data.total, page }) : t("list.summary", { count: data.total, page, pages })}</span>
            <span className="flex gap-2">
              <Button variant="secondary" className="px-3 py-1" disabled={page <= 1} onClick={() => go({ ...state, page: page - 1 })}>
                {t("list.previous")}
              </Button>
              <Button variant="secondary" className="px-3 py-1" disabled={page >= pages} onClick={() => go({ ...state, page: page + 1 })}>
                {t("list.next")}
              </Button>
            </span>
          </nav>
        </div>
      )}
    </section>
  );
}
