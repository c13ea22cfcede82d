"use client";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/form-fields";
import { TextField } from "@/components/ui/text-field";
import { createSupplierInput, type CreateSupplierInput } from "@/lib/schemas/suppliers";
import { condicionOptions } from "./condicion-options";

type Errors = Partial<Record<"cuit" | "razonSocial" | "condicionIva" | "form", string>>;

/** Server field errors (tRPC error formatter) → the form's fields; the message above it otherwise. */
export function serverErrors(e: unknown, fallback: string): Errors {
  const fe = (e as { data?: { fieldErrors?: Record<string, string[]> | null } }).data?.fieldErrors ?? {};
  const out: Errors = { cuit: fe.cuit?.[0], razonSocial: fe.razonSocial?.[0], condicionIva: fe.condicionIva?.[0] };
  if (!Object.values(out).some(Boolean)) out.form = e instanceof Error && e.message ? e.message : fallback;
  return out;
}

export function AddSupplierForm({ onSubmit }: { onSubmit: (values: CreateSupplierInput) => Promise<void> }) {
  const t = useTranslations("suppliers");
  const [cuit, setCuit] = useState("");
  const [razonSocial, setRazonSocial] = useState("");
  const [condicionIva, setCondicionIva] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const values = { cuit, razonSocial, condicionIva: (condicionIva || null) as CreateSupplierInput["condicionIva"] };
    const parsed = createSupplierInput.safeParse(values);
    if (!parsed.success) {
      const fe = z.flattenError(parsed.error).fieldErrors;
      setErrors({ cuit: fe.cuit?.[0], razonSocial: fe.razonSocial?.[0], condicionIva: fe.condicionIva?.[0] });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await onSubmit(values);
      setCuit("");
      setRazonSocial("");
      setCondicionIva("");
    } catch (err) {
      setErrors(serverErrors(err, t("edit.failed")));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-label={t("add.title")} className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-[12rem_1fr_16rem_auto] lg:items-start">
      {errors.form && (
        <p role="alert" className="text-sm text-red-700 sm:col-span-2 lg:col-span-4">
          {errors.form}
        </p>
      )}
      <TextField label={t("add.cuit")} hint={t("add.cuitHint")} inputMode="numeric" autoComplete="off" value={cuit} onChange={(e) => setCuit(e.target.value)} error={errors.cuit} />
      <TextField label={t("add.razonSocial")} autoComplete="off" value={razonSocial} onChange={(e) => setRazonSocial(e.target.value)} error={errors.razonSocial} />
      <SelectField label={t("add.condicionIva")} value={condicionIva} onChange={(e) => setCondicionIva(e.target.value)} options={condicionOptions(t("list.unspecified"))} error={errors.condicionIva} />
      <Button type="submit" disabled={busy} className="lg:mt-6">
        {t("add.submit")}
      </Button>
    </form>
  );
}
