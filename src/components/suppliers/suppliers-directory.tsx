"use client";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { BookUser } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { NewItemPanel, SuccessNotice } from "@/components/ui/admin-list";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField } from "@/components/ui/form-fields";
import { TextField } from "@/components/ui/text-field";
import { useTRPC } from "@/trpc/client";
import { AddSupplierForm } from "./add-supplier-form";
import { SOURCES, type Source } from "./source-badge";
import { SupplierRow, type SupplierItem } from "./supplier-row";


/** "Proveedores": search, add (writers), inline edit and delete (writers) of the tenant's supplier directory. */
export function SuppliersDirectory({ canWrite }: { canWrite: boolean }) {
  const t = useTranslations("suppliers");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState({ search: "", source: "" });
  const [filters, setFilters] = useState(draft);
  const [notice, setNotice] = useState<string | null>(null);
  const query = { ...(filters.search.trim() ? { search: filters.search.trim() } : {}), ...(filters.source ? { source: filters.source as Source } : {}) };
  const list = useQuery({ ...trpc.suppliers.list.queryOptions(query), placeholderData: keepPreviousData });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.suppliers.list.queryKey() });
  const create = useMutation(trpc.suppliers.create.mutationOptions());
  const filtered = Boolean(filters.search.trim() || filters.source);
  const data = list.data;

  return (
    <div className="flex flex-col gap-6">
      {canWrite && (
        <NewItemPanel title={t("add.title")}>
          <AddSupplierForm
            onSubmit={async (values) => {
              const created = await create.mutateAsync(values);
              setNotice(t("add.added", { name: created.razonSocial }));
              await refresh();
            }}
          />
        </NewItemPanel>
      )}
      {notice && <SuccessNotice>{notice}</SuccessNotice>}

      <section aria-labelledby="directorio-titulo" className="flex flex-col gap-4">
        <div>
          <h2 id="directorio-titulo" className="text-base font-semibold text-slate-900">
            {t("list.title")}
          </h2>
          <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("list.help")}</p>
        </div>
        <form
          role="search"
          aria-label={t("list.search")}
          className="grid grid-cols-1 gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-[1fr_14rem_auto] sm:items-end"
          onSubmit={(e) => {
            e.preventDefault();
            setFilters(draft);
          }}
        >
          <TextField label={t("list.search")} type="search" placeholder={t("list.searchPlaceholder")} value={draft.search} onChange={(e) => setDraft({ ...draft, search: e.target.value })} />
          <SelectField
            label={t("list.source")}
            value={draft.source}
            onChange={(e) => setDraft({ ...draft, source: e.target.value })}
            options={[{ value: "", label: t("list.all") }, ...SOURCES.map((s) => ({ value: s, label: t(`source.${s}`) }))]}
          />
          <span className="flex gap-2">
            <Button type="submit" className="px-3 py-2">
              {t("list.filter")}
            </Button>
            {filtered && (
              <Button type="button" variant="secondary" className="px-3 py-2" onClick={() => (setDraft({ search: "", source: "" }), setFilters({ search: "", source: "" }))}>
                {t("list.clear")}
              </Button>
            )}
          </span>
        </form>

        {list.isPending && <p className="text-sm text-slate-500">…</p>}
        {list.isError && (
          <p role="alert" className="text-sm text-red-700">
            {list.error.message}
          </p>
        )}
        {data && data.total === 0 && (
          <EmptyState icon={BookUser} title={filtered ? t("list.noMatchTitle") : t("list.emptyTitle")}>
            {filtered ? t("list.noMatchBody") : t("list.emptyBody")}
          </EmptyState>
        )}
        {data && data.total > 0 && (
          <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
            <table className="table-cards w-full min-w-[52rem] text-left text-sm" aria-label={t("list.table")} aria-busy={list.isFetching}>
              <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600">
                <tr className="[&>th]:px-3 [&>th]:py-2">
                  <th scope="col">{t("list.cuit")}</th>
                  <th scope="col">{t("list.razonSocial")}</th>
                  <th scope="col">{t("list.condicionIva")}</th>
                  <th scope="col">{t("list.source")}</th>
                  <th scope="col">{t("list.updated")}</th>
                  {canWrite && (
                    <th scope="col" className="text-right">
                      {t("list.actions")}
                    </th>
                  )}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {data.items.map((s) => (
                  <SupplierRow key={s.id} supplier={s as SupplierItem} canWrite={canWrite} onChanged={async (message) => (setNotice(message), await refresh())} />
                ))}
              </tbody>
            </table>
            <p className="border-t border-slate-100 px-3 py-2 text-sm text-slate-600">{t("list.summary", { shown: data.items.length, total: data.total })}</p>
          </div>
        )}
      </section>
    </div>
  );
}
