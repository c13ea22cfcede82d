"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Building2 } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { serverErrors } from "@/components/suppliers/add-supplier-form";
import { condicionOptions } from "@/components/suppliers/condicion-options";
import { NewItemPanel, SuccessNotice } from "@/components/ui/admin-list";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField } from "@/components/ui/form-fields";
import { TextField } from "@/components/ui/text-field";
import type { CreateClientInput } from "@/lib/schemas/clients";
import { condicionIvaLabel } from "@/lib/suppliers/condicion-iva";
import { useTRPC } from "@/trpc/client";
import { dashedCuit } from "./client-param";
import { MemberClientLimits } from "./member-client-limits";

type Errors = ReturnType<typeof serverErrors>;

/** "Clientes": suggestions from receptor CUITs (confirm), add by hand, the list; admins remove and limit members. */
export function ClientsDirectory({ canWrite, isAdmin }: { canWrite: boolean; isAdmin: boolean }) {
  const t = useTranslations("clients");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.clients.list.queryOptions());
  const suggestions = useQuery({ ...trpc.clients.suggestions.queryOptions(), enabled: canWrite });
  const create = useMutation(trpc.clients.create.mutationOptions());
  const remove = useMutation(trpc.clients.delete.mutationOptions());
  const [notice, setNotice] = useState<string | null>(null);
  const [form, setForm] = useState({ cuit: "", razonSocial: "", condicionIva: "" });
  const [errors, setErrors] = useState<Errors>({});
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.clients.list.queryKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.clients.suggestions.queryKey() });
  };
  const add = async (values: CreateClientInput) => {
    const c = await create.mutateAsync(values);
    setNotice(t("add.added", { name: c.razonSocial }));
    await refresh();
  };

  return (
    <div className="flex flex-col gap-6">
      {notice && <SuccessNotice>{notice}</SuccessNotice>}
      {canWrite && !!suggestions.data?.length && (
        <section aria-labelledby="sugeridos" className="rounded-xl border border-amber-200 bg-amber-50 p-4">
          <h2 id="sugeridos" className="text-base font-semibold">{t("suggestions.title")}</h2>
          <p className="mb-3 text-sm text-slate-700">{t("suggestions.help")}</p>
          <ul className="flex flex-col gap-2">
            {suggestions.data.map((s) => (
              <li key={s.cuit} className="flex flex-wrap items-center gap-3 text-sm">
                <span className="font-medium">{s.nombre ?? t("suggestions.noName")}</span>
                <span className="tabular-nums text-slate-600">{dashedCuit(s.cuit)}</span>
                <span className="text-slate-600">{t("suggestions.documents", { count: s.documents })}</span>
                <Button type="button" variant="secondary" className="px-2 py-1" aria-label={t("suggestions.confirmLabel", { cuit: dashedCuit(s.cuit) })} onClick={() => void add({ cuit: s.cuit, razonSocial: s.nombre ?? dashedCuit(s.cuit), condicionIva: null }).catch((e) => setNotice(e instanceof Error ? e.message : String(e)))}>
                  {t("suggestions.confirm")}
                </Button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {canWrite && (
        <NewItemPanel title={t("add.title")}>
          <form
            noValidate
            aria-label={t("add.title")}
            className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-[12rem_1fr_16rem_auto] lg:items-start"
            onSubmit={async (e) => {
              e.preventDefault();
              setErrors({});
              try {
                await add({ cuit: form.cuit, razonSocial: form.razonSocial, condicionIva: (form.condicionIva || null) as CreateClientInput["condicionIva"] });
                setForm({ cuit: "", razonSocial: "", condicionIva: "" });
              } catch (err) {
                setErrors(serverErrors(err, t("add.failed")));
              }
            }}
          >
            {errors.form && <p role="alert" className="text-sm text-red-700 sm:col-span-2 lg:col-span-4">{errors.form}</p>}
            <TextField label={t("add.cuit")} hint={t("add.cuitHint")} inputMode="numeric" autoComplete="off" value={form.cuit} onChange={(e) => setForm({ ...form, cuit: e.target.value })} error={errors.cuit} />
            <TextField label={t("add.razonSocial")} autoComplete="off" value={form.razonSocial} onChange={(e) => setForm({ ...form, razonSocial: e.target.value })} error={errors.razonSocial} />
            <SelectField label={t("add.condicionIva")} value={form.condicionIva} onChange={(e) => setForm({ ...form, condicionIva: e.target.value })} options={condicionOptions(t("list.unspecified"))} error={errors.condicionIva} />
            <Button type="submit" disabled={create.isPending} className="lg:mt-6">{t("add.submit")}</Button>
          </form>
        </NewItemPanel>
      )}
      <section aria-labelledby="clientes-lista" className="flex flex-col gap-3">
        <h2 id="clientes-lista" className="text-base font-semibold">{t("list.title")}</h2>
        <p className="max-w-3xl text-sm text-slate-600">{t("list.help")}</p>
        {list.isError && <p role="alert" className="text-sm text-red-700">{list.error.message}</p>}
        {list.data && list.data.length === 0 && (
          <EmptyState icon={Building2} title={t("list.emptyTitle")}>
            {t("list.emptyBody")}
          </EmptyState>
        )}
        {!!list.data?.length && (
          <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
            <table className="table-cards w-full min-w-[40rem] text-left text-sm" aria-label={t("list.table")}>
              <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600">
                <tr className="[&>th]:px-3 [&>th]:py-2">
                  <th scope="col">{t("list.cuit")}</th>
                  <th scope="col">{t("list.razonSocial")}</th>
                  <th scope="col">{t("list.condicionIva")}</th>
                  <th scope="col">{t("list.documents")}</th>
                  {isAdmin && <th scope="col" className="text-right">{t("list.actions")}</th>}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {list.data.map((c) => (
                  <tr key={c.id} className="[&>td]:px-3 [&>td]:py-2">
                    <td className="tabular-nums" data-label={t("list.cuit")}>{dashedCuit(c.cuit)}</td>
                    <td>{c.razonSocial}</td>
                    <td data-label={t("list.condicionIva")}>{condicionIvaLabel(c.condicionIva) ?? t("list.unspecified")}</td>
                    <td>
                      <Link className="text-blue-700 underline" href={`/parse?cliente=${c.cuit}`}>{t("list.documentsLink", { count: c.documents })}</Link>
                    </td>
                    {isAdmin && (
                      <td className="text-right">
                        <Button type="button" variant="secondary" className="px-2 py-1" aria-label={t("list.deleteLabel", { name: c.razonSocial })} onClick={async () => {
                          if (!window.confirm(t("list.deleteQuestion", { name: c.razonSocial }))) return;
                          await remove.mutateAsync({ id: c.id });
                          setNotice(t("list.deleted", { name: c.razonSocial }));
                          await refresh();
                        }}>
                          {t("list.delete")}
                        </Button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {isAdmin && !!list.data?.length && <MemberClientLimits clients={list.data} />}
    </div>
  );
}
