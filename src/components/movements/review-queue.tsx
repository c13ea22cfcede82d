"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/form-fields";
import { TextField } from "@/components/ui/text-field";
import { useTRPC } from "@/trpc/client";

type ReviewEmail = { id: string; subject: string; fromAddress: string; body: string; errorMessage: string | null; receivedAt: Date };

/** PARSE_FAILED e-mails: a person reads them and enters the movement (or discards the e-mail). */
export function ReviewQueue({ emails, canWrite }: { emails: ReviewEmail[]; canWrite: boolean }) {
  const t = useTranslations("movements.review");
  return (
    <section aria-labelledby="review" className="rounded-xl border border-amber-200 bg-amber-50/40 p-4 sm:p-5">
      <h2 id="review" className="text-base font-semibold text-amber-900">
        {t("title", { count: emails.length })}
      </h2>
      <p className="mt-1 text-sm text-amber-900/80">{t("description")}</p>
      <ul className="mt-3 flex flex-col gap-4">
        {emails.map((e) => (
          <ReviewItem key={e.id} email={e} canWrite={canWrite} />
        ))}
      </ul>
    </section>
  );
}

function ReviewItem({ email, canWrite }: { email: ReviewEmail; canWrite: boolean }) {
  const t = useTranslations("movements.review");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const resolve = useMutation(
    trpc.movements.resolveReview.mutationOptions({
      onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.movements.emails.queryKey() }), queryClient.invalidateQueries({ queryKey: trpc.movements.transactions.queryKey() })]),
    }),
  );
  const [v, setV] = useState({ type: "expense" as "expense" | "income", amount: "", currency: "ARS", merchant: "", date: new Date(email.receivedAt).toISOString().slice(0, 10) });
  const errors = resolve.error instanceof TRPCClientError ? ((resolve.error.data as { fieldErrors?: Record<string, string[]> | null })?.fieldErrors ?? {}) : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    resolve.mutate({ action: "enter", emailId: email.id, type: v.type, amount: Number(v.amount.replace(/\./g, "").replace(",", ".")), currency: v.currency, merchant: v.merchant, date: new Date(`${v.date}T12:00:00`) });
  };
  return (
    <li className="rounded-lg border border-amber-200 bg-white p-3">
      <p className="text-sm font-medium text-slate-900">{email.subject || t("noSubject")}</p>
      <p className="text-xs text-slate-500">{email.fromAddress}</p>
      <pre className="mt-2 max-h-32 overflow-auto whitespace-pre-wrap rounded bg-slate-50 p-2 text-xs text-slate-700">{email.body}</pre>
      {canWrite && (
        <form onSubmit={submit} className="mt-3 grid gap-3 sm:grid-cols-6" noValidate aria-label={t("formLabel", { subject: email.subject || t("fallbackSubject") })}>
          <SelectField label={t("type")} className="sm:col-span-1" value={v.type} onChange={(e) => setV({ ...v, type: e.target.value as "expense" | "income" })} options={[{ value: "expense", label: t("expense") }, { value: "income", label: t("income") }]} />
          <TextField label={t("amount")} className="sm:col-span-1" inputMode="decimal" value={v.amount} onChange={(e) => setV({ ...v, amount: e.target.value })} error={errors.amount?.[0]} />
          <TextField label={t("currency")} className="sm:col-span-1" value={v.currency} maxLength={3} onChange={(e) => setV({ ...v, currency: e.target.value })} error={errors.currency?.[0]} />
          <TextField label={t("merchant")} className="sm:col-span-2" value={v.merchant} onChange={(e) => setV({ ...v, merchant: e.target.value })} error={errors.merchant?.[0]} />
          <TextField label={t("date")} type="date" className="sm:col-span-1" value={v.date} onChange={(e) => setV({ ...v, date: e.target.value })} error={errors.date?.[0]} />
          <div className="flex gap-2 sm:col-span-6">
            <Button type="submit" disabled={resolve.isPending}>
              {t("submit")}
            </Button>
            <Button type="button" variant="ghost" disabled={resolve.isPending} onClick={() => resolve.mutate({ action: "discard", emailId: email.id })}>
              {t("discard")}
            </Button>
          </div>
          {resolve.isError && Object.keys(errors).length === 0 && (
            <div className="sm:col-span-6">
              <Alert>{resolve.error.message}</Alert>
            </div>
          )}
        </form>
      )}
    </li>
  );
}
