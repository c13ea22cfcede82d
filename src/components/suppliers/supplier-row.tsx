"use client";
import { useMutation } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import { InlineConfirm } from "@/components/ui/inline-confirm";
import type { UpdateSupplierInput } from "@/lib/schemas/suppliers";
import { useTRPC } from "@/trpc/client";
import { serverErrors } from "./add-supplier-form";
import { condicionOptions } from "./condicion-options";
import { formatCuit } from "@/lib/format";
import { condicionIvaLabel } from "@/lib/suppliers/condicion-iva";
import { SourceBadge } from "./source-badge";

export type SupplierItem = { id: string; cuit: string; razonSocial: string; condicionIva: string | null; source: "LEARNED" | "PULL" | "USER"; updatedAt: Date; updatedByName: string | null };

const input = "w-full rounded-md border border-slate-300 px-2 py-1 text-sm focus:border-brand-600 focus:outline-none focus:ring-1 focus:ring-brand-600 aria-[invalid=true]:border-red-600";

/** One directory entry: read, or edited in place (razón social and condición IVA), or asked "¿Eliminar?". */
export function SupplierRow({ supplier: s, canWrite, onChanged }: { supplier: SupplierItem; canWrite: boolean; onChanged: (message: string) => Promise<unknown> }) {
  const t = useTranslations("suppliers");
  const format = useFormatter();
  const trpc = useTRPC();
  const [mode, setMode] = useState<"view" | "edit" | "delete">("view");
  const [name, setName] = useState(s.razonSocial);
  const [condicion, setCondicion] = useState(s.condicionIva ?? "");
  const [errors, setErrors] = useState<ReturnType<typeof serverErrors>>({});
  const update = useMutation(trpc.suppliers.update.mutationOptions());
  const remove = useMutation(trpc.suppliers.delete.mutationOptions());
  const cuit = formatCuit(s.cuit);
  const errorId = `supplier-${s.id}-error`;

  async function save() {
    // An old free-text condición (from a sync) is sent only if the person changed it.
    const values: UpdateSupplierInput = { id: s.id, razonSocial: name, ...(condicion !== (s.condicionIva ?? "") ? { condicionIva: (condicion || null) as UpdateSupplierInput["condicionIva"] } : {}) };
    try {
      const saved = await update.mutateAsync(values);
      setErrors({});
      setMode("view");
      await onChanged(t("edit.saved", { name: saved.razonSocial }));
    } catch (err) {
      setErrors(serverErrors(err, t("edit.failed")));
    }
  }
  function cancel() {
    setMode("view");
    setName(s.razonSocial);
    setCondicion(s.condicionIva ?? "");
    setErrors({});
  }
  function keys(e: KeyboardEvent) {
    if (e.key === "Enter") {
      e.preventDefault();
      void save();
    }
    if (e.key === "Escape") cancel();
  }
  const error = errors.razonSocial ?? errors.condicionIva ?? errors.form;

  return (
    <tr className="align-top [&>td]:px-3 [&>td]:py-2" data-cuit={s.cuit}>
      <td className="whitespace-nowrap font-mono text-xs" data-label={t("list.cuit")}>{cuit}</td>
      {mode === "edit" ? (
        <>
          <td>
            <input aria-label={t("edit.razonSocialOf", { cuit })} className={input} value={name} autoFocus onChange={(e) => setName(e.target.value)} onKeyDown={keys} aria-invalid={errors.razonSocial ? true : undefined} aria-describedby={error ? errorId : undefined} />
            {error && (
              <p id={errorId} role="alert" className="mt-1 text-xs text-red-700">
                {error}
              </p>
            )}
          </td>
          <td>
            <select aria-label={t("edit.condicionIvaOf", { cuit })} className={input} value={condicion} onChange={(e) => setCondicion(e.target.value)} onKeyDown={keys}>
              {condicionOptions(t("list.unspecified"), s.condicionIva).map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </td>
        </>
      ) : (
        <>
          <td className="font-medium text-slate-900">{s.razonSocial}</td>
          <td className="text-slate-700" data-label={t("list.condicionIva")}>{condicionIvaLabel(s.condicionIva) ?? t("list.none")}</td>
        </>
      )}
      <td className="whitespace-nowrap" data-label={t("list.source")}>
        <SourceBadge source={s.source} />
      </td>
      <td className="whitespace-nowrap text-xs text-slate-600" data-label={t("list.updated")}>
        {format.dateTime(new Date(s.updatedAt), { dateStyle: "short", timeStyle: "short", hourCycle: "h23" })}
        {s.updatedByName && <span className="block">{t("list.by", { name: s.updatedByName })}</span>}
      </td>
      {canWrite && (
        <td className="text-right">
          {mode === "view" && (
            <span className="inline-flex gap-1">
              <Button variant="secondary" className="px-2 py-1" aria-label={t("edit.editLabel", { name: s.razonSocial })} onClick={() => setMode("edit")}>
                {t("edit.edit")}
              </Button>
              <Button variant="ghost" className="px-2 py-1" aria-label={t("edit.deleteLabel", { name: s.razonSocial })} onClick={() => setMode("delete")}>
                {t("edit.delete")}
              </Button>
            </span>
          )}
          {mode === "edit" && (
            <span className="inline-flex gap-1">
              <Button className="px-2 py-1" disabled={update.isPending} onClick={() => void save()}>
                {t("edit.save")}
              </Button>
              <Button variant="secondary" className="px-2 py-1" onClick={cancel}>
                {t("edit.cancel")}
              </Button>
            </span>
          )}
          {mode === "delete" && (
            <InlineConfirm
              className="justify-end"
              label={t("edit.deleteLabel", { name: s.razonSocial })}
              question={t("edit.deleteQuestion", { name: s.razonSocial })}
              confirmLabel={t("edit.deleteConfirm")}
              cancelLabel={t("edit.cancel")}
              pending={remove.isPending}
              onCancel={() => setMode("view")}
              onConfirm={() =>
                remove.mutate({ id: s.id }, { onSuccess: () => void onChanged(t("edit.deleted", { name: s.razonSocial })), onError: (err) => (setMode("view"), setErrors(serverErrors(err, t("edit.failed")))) })
              }
            />
          )}
          {mode === "view" && errors.form && (
            <p role="alert" className="mt-1 text-xs text-red-700">
              {errors.form}
            </p>
          )}
        </td>
      )}
    </tr>
  );
}
