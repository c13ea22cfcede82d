"use client";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { useTRPC } from "@/trpc/client";

type Staged = { id: string; externalId: string; status: string; reason: string | null; data: Record<string, unknown> };
const str = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : "");

/** One staged record: its reason, an inline fix (CUIT, razón social, e-mail) and import / discard. */
export function StagedRecord({ record, onChanged }: { record: Staged; onChanged: () => void }) {
  const t = useTranslations("sync");
  const trpc = useTRPC();
  const [cuit, setCuit] = useState(str(record.data.cuit));
  const [razonSocial, setRazonSocial] = useState(str(record.data.razonSocial));
  const [email, setEmail] = useState(str(record.data.email));
  const fix = useMutation(trpc.sync.fixAndImport.mutationOptions({ onSuccess: onChanged }));
  const discard = useMutation(trpc.sync.discard.mutationOptions({ onSuccess: onChanged }));
  const errors = fix.error?.data?.fieldErrors ?? {};
  return (
    <li className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4" aria-label={t("stagedRecord.label", { externalId: record.externalId })}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="font-medium">
          {t.rich("stagedRecord.title", { externalId: record.externalId, id: (chunks) => <span className="font-mono">{chunks}</span> })}
        </p>
        <p className="text-sm text-amber-800">{record.reason}</p>
      </div>
      <form
        className="grid gap-3 sm:grid-cols-4 sm:items-end"
        onSubmit={(e) => {
          e.preventDefault();
          fix.mutate({ id: record.id, data: { cuit, razonSocial, email: email || null } });
        }}
      >
        <TextField label={t("stagedRecord.cuit")} value={cuit} onChange={(e) => setCuit(e.target.value)} error={errors.cuit?.[0]} />
        <TextField label={t("stagedRecord.razonSocial")} value={razonSocial} onChange={(e) => setRazonSocial(e.target.value)} error={errors.razonSocial?.[0]} />
        <TextField label={t("stagedRecord.email")} value={email} onChange={(e) => setEmail(e.target.value)} error={errors.email?.[0]} />
        <div className="flex gap-2">
          <Button type="submit" disabled={fix.isPending}>
            {t("stagedRecord.fix")}
          </Button>
          <Button type="button" variant="ghost" className="text-red-700" disabled={discard.isPending} onClick={() => discard.mutate({ id: record.id })}>
            {t("stagedRecord.discard")}
          </Button>
        </div>
      </form>
      {fix.error && !fix.error.data?.fieldErrors && <p role="alert" className="text-sm text-red-700">{fix.error.message}</p>}
    </li>
  );
}
