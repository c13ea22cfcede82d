"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ArrowDown, ArrowUp, ArrowUpDown, FileText, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField } from "@/components/ui/form-fields";
import { TextField } from "@/components/ui/text-field";
import { DOCUMENT_STATUSES, type DocumentSortField, type DocumentStatusName, type ListDocumentsInput } from "@/lib/schemas/documents";
import { useTRPC } from "@/trpc/client";
import { formatCuit, formatDay, formatMoney, STATUS_TONE } from "./labels";

type Filters = { status: string; from: string; to: string; supplier: string; tipo: string; exported: string };
const EMPTY: Filters = { status: "", from: "", to: "", supplier: "", tipo: "", exported: "" };
const PAGE_SIZE = 20;

function toQuery(f: Filters, sort: DocumentSortField, dir: "asc" | "desc", page: number): ListDocumentsInput {
  return {
    ...(f.status ? { status: f.status as DocumentStatusName } : {}),
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
    ...(f.supplier.trim() ? { supplier: f.supplier.trim() } : {}),
    ...(f.tipo ? { tipo: f.tipo } : {}),
    ...(f.exported ? { exported: f.exported === "si" } : {}),
    sort,
    dir,
    page,
    pageSize: PAGE_SIZE,
  };
}

export function StatusBadge({ status, needsReview }: { status: DocumentStatusName; needsReview?: boolean }) {
  const t = useTranslations("documents");
  if (status === "COMPLETED" && needsReview) return <Badge tone="amber">{t("needsReview")}</Badge>;
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
      <button type="button" onClick={() => onSort(field)} className="inline-flex items-center gap-1 font-medium hover:text-slate-900">
        {label}
        <Icon aria-hidden className="h-3 w-3" />
      </button>
    </th>
  );
}

/** The tenant's documents: filters, server-side sort and pagination; refreshes itself while any is being processed. */
export function DocumentsList() {
  const t = useTranslations("documents");
  const trpc = useTRPC();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [sort, setSort] = useState<DocumentSortField>("createdAt");
  const [dir, setDir] = useState<"asc" | "desc">("desc");
  const [page, setPage] = useState(1);
  const types = useQuery(trpc.documents.types.queryOptions());
  const list = useQuery({
    ...trpc.documents.list.queryOptions(toQuery(filters, sort, dir, page)),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.items.some((d) => d.status === "PENDING" || d.status === "PROCESSING") ? 1500 : false),
  });
  const data = list.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const filtered = JSON.stringify(filters) !== JSON.stringify(EMPTY);

  const sortBy = (field: DocumentSortField) => {
    if (sort === field) setDir(dir === "asc" ? "desc" : "asc");
    else {
      setSort(field);
      setDir(field === "proveedor" ? "asc" : "desc");
    }
    setPage(1);
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
          setFilters(draft);
          setPage(1);
        }}
      >
        <SelectField
          label={t("list.status")}
          value={draft.status}
          onChange={(e) => setDraft({ ...draft, status: e.target.value })}
          options={[{ value: "", label: t("list.all") }, ...DOCUMENT_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
        />
        <TextField label={t("list.from")} type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        <TextField label={t("list.to")} type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        <TextField label={t("list.supplier")} placeholder={t("list.supplierPlaceholder")} value={draft.supplier} onChange={(e) => setDraft({ ...draft, supplier: e.target.value })} />
        <SelectField
          label={t("list.type")}
          value={draft.tipo}
          onChange={(e) => setDraft({ ...draft, tipo: e.target.value })}
          options={[{ value: "", label: t("list.all") }, ...(types.data ?? []).map((type) => ({ value: type, label: type.replaceAll("_", " ") }))]}
        />
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
            <Button type="button" variant="secondary" className="px-3 py-1.5" onClick={() => (setDraft(EMPTY), setFilters(EMPTY), setPage(1))}>
              {t("list.clearFilters")}
            </Button>
          )}
        </div>
      </form>

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
          <table className="w-full min-w-[48rem] text-left text-sm" aria-label={t("list.table")} aria-busy={list.isFetching}>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600">
              <tr className="[&>th]:px-3 [&>th]:py-2">
                <SortHeader field="status" label={t("list.status")} sort={sort} dir={dir} onSort={sortBy} />
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
                <tr key={d.id} className="align-top hover:bg-slate-50 [&>td]:px-3 [&>td]:py-2" data-status={d.status}>
                  <td>
                    <StatusBadge status={d.status} needsReview={d.needsReview} />
                  </td>
                  <td className="whitespace-nowrap">{formatDay(d.fecha)}</td>
                  <td className="whitespace-nowrap text-xs">{d.tipo ? d.tipo.replaceAll("_", " ") : "—"}</td>
                  <td className="whitespace-nowrap font-mono text-xs">
                    <Link href={`/parse/${d.id}`} className="text-brand-700 hover:underline" aria-label={t("list.open", { fileName: d.fileName })}>
                      {d.numeroCompleto ?? d.fileName}
                    </Link>
                    {d.status === "FAILED" && d.error && (
                      <span className="mt-1 flex max-w-xs items-start gap-1 whitespace-normal font-sans text-red-700">
                        <TriangleAlert aria-hidden className="mt-0.5 h-3 w-3 shrink-0" />
                        {d.error}
                      </span>
                    )}
                  </td>
                  <td>
                    <span className="block max-w-[16rem] truncate">{d.proveedorRazonSocial ?? "—"}</span>
                    <span className="block font-mono text-xs text-slate-500">{d.proveedorCuit ? formatCuit(d.proveedorCuit) : ""}</span>
                  </td>
                  <td className="whitespace-nowrap text-right tabular-nums">{formatMoney(d.total, d.moneda)}</td>
                  <td className="whitespace-nowrap text-xs text-slate-600">
                    {new Date(d.createdAt).toLocaleString("es-AR", { dateStyle: "short", timeStyle: "short" })}
                    {d.lastExportedAt && <span className="block text-green-700">{t("list.exported")}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav aria-label={t("list.pagination")} className="flex items-center justify-between border-t border-slate-100 px-3 py-2 text-sm">
            <span>{t("list.summary", { count: data.total, page, pages })}</span>
            <span className="flex gap-2">
              <Button variant="secondary" className="px-3 py-1" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                {t("list.previous")}
              </Button>
              <Button variant="secondary" className="px-3 py-1" disabled={page >= pages} onClick={() => setPage(page + 1)}>
                {t("list.next")}
              </Button>
            </span>
          </nav>
        </div>
      )}
    </section>
  );
}
