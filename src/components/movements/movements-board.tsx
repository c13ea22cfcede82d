"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeftRight, BellRing } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { TransactionView } from "@/server/movements/transactions";
import { useTRPC } from "@/trpc/client";
import { useCategories } from "./categories";
import { EmailIntake } from "./email-intake";
import { money, pct } from "./format";
import { n8nErrorText } from "./n8n-error-text";
import { N8nGate } from "./n8n-gate";
import { ReviewQueue } from "./review-queue";

const SEVERITY_TONE = { low: "slate", medium: "amber", high: "red", critical: "red" } as const;

export function MovementsBoard({ canWrite, isAdmin }: { canWrite: boolean; isAdmin: boolean }) {
  const t = useTranslations("movements.board");
  const trpc = useTRPC();
  const profile = useQuery(trpc.movements.profile.queryOptions());
  const availability = useQuery(trpc.movements.availability.queryOptions());
  const emails = useQuery({ ...trpc.movements.emails.queryOptions({}), refetchInterval: (q) => (q.state.data?.some((e) => e.status === "PENDING") ? 1500 : 10_000) });
  const transactions = useQuery({
    ...trpc.movements.transactions.queryOptions({}),
    refetchInterval: (q) => (q.state.data?.items.some((txn) => txn.classificationStatus === "PENDING" || txn.alertsStatus === "PENDING") ? 1500 : 10_000),
  });
  const alerts = useQuery({ ...trpc.movements.alerts.queryOptions(), refetchInterval: 3000 });
  const recommendations = useQuery({ ...trpc.movements.recommendations.queryOptions(), refetchInterval: 5000 });
  const pendingEmails = emails.data?.filter((e) => e.status === "PENDING") ?? [];
  const failedEmails = emails.data?.filter((e) => e.status === "FAILED") ?? [];
  const review = emails.data?.filter((e) => e.status === "MANUAL_REVIEW") ?? [];

  const gate = availability.data && availability.data.n8n !== "ready" ? availability.data.n8n : null;
  if (!availability.data) return null;
  // Nothing to show and nothing can be processed: only the explanation.
  if (gate && transactions.data?.items.length === 0 && !emails.data?.length) return <N8nGate state={gate} isAdmin={isAdmin} />;

  return (
    <div className="flex flex-col gap-6">
      {gate && <N8nGate state={gate} isAdmin={isAdmin} />}
      {!gate && canWrite && profile.data && <EmailIntake isAdmin={isAdmin} inboundConfigured={profile.data.inboundConfigured} inboundHint={profile.data.inboundTokenHint} />}

      {pendingEmails.length > 0 && (
        <p role="status" className="flex items-center gap-2 rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-800">
          <span className="h-2 w-2 animate-pulse rounded-full bg-sky-500" aria-hidden />
          {t("reading", { count: pendingEmails.length })}
        </p>
      )}
      {failedEmails.length > 0 && <FailedEmails emails={failedEmails} canWrite={canWrite && !gate} isAdmin={isAdmin} />}
      {review.length > 0 && <ReviewQueue emails={review} canWrite={canWrite} />}

      <div className="grid gap-6 xl:grid-cols-3">
        <section aria-labelledby="alerts" className="rounded-xl border border-slate-200 bg-white p-4 sm:p-5 xl:col-span-1">
          <h2 id="alerts" className="flex items-center gap-2 text-base font-semibold">
            <BellRing aria-hidden className="h-4 w-4 text-brand-600" /> {t("alertsTitle")}
          </h2>
          {alerts.data?.length === 0 && <p className="mt-3 text-sm text-slate-500">{t("noAlerts")}</p>}
          <ul className="mt-3 flex flex-col gap-3" aria-label={t("alertsLabel")}>
            {alerts.data?.map((a) => <AlertItem key={a.id} alert={a} canWrite={canWrite} />)}
          </ul>
          {recommendations.data && recommendations.data.length > 0 && (
            <>
              <h3 className="mt-6 text-sm font-semibold text-slate-900">{t("recommendations")}</h3>
              <ul className="mt-2 flex list-disc flex-col gap-1 pl-5 text-sm text-slate-700" aria-label={t("recommendations")}>
                {recommendations.data.slice(0, 6).map((r) => (
                  <li key={r.id}>
                    {r.message}
                    {r.potentialSavings !== null && <span className="text-slate-500"> {t("potentialSavings", { amount: money(r.potentialSavings, profile.data?.currency) })}</span>}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>

        <section aria-labelledby="txns" className="rounded-xl border border-slate-200 bg-white p-4 sm:p-5 xl:col-span-2">
          <h2 id="txns" className="text-base font-semibold">
            {t("movementsTitle")}
          </h2>
          {transactions.isError && <p role="alert" className="mt-2 text-sm text-red-700">{transactions.error.message}</p>}
          {transactions.data?.items.length === 0 && (
            <div className="mt-3">
              <EmptyState icon={ArrowLeftRight} title={t("emptyTitle")}>
                {t("emptyBody")}
              </EmptyState>
            </div>
          )}
          <ul className="mt-3 divide-y divide-slate-100" aria-label={t("movementsLabel")}>
            {transactions.data?.items.map((txn) => <TransactionItem key={txn.id} txn={txn} canWrite={canWrite} isAdmin={isAdmin} />)}
          </ul>
        </section>
      </div>
    </div>
  );
}

type AlertRow = { id: string; type: string; severity: string; title: string; message: string; source: string; createdAt: Date; transaction: { merchant: string } | null };

const SEVERITIES = Object.keys(SEVERITY_TONE);

function AlertItem({ alert: a, canWrite }: { alert: AlertRow; canWrite: boolean }) {
  const t = useTranslations("movements");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const dismiss = useMutation(trpc.movements.dismissAlert.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.movements.alerts.queryKey() }) }));
  const tone = SEVERITY_TONE[a.severity as keyof typeof SEVERITY_TONE] ?? "slate";
  return (
    <li className="rounded-lg border border-slate-200 p-3" data-testid="movement-alert">
      <div className="flex items-start justify-between gap-2">
        <p className="font-medium text-slate-900">{a.title}</p>
        <Badge tone={tone}>{SEVERITIES.includes(a.severity) ? t(`severity.${a.severity}`) : a.severity}</Badge>
      </div>
      <p className="mt-1 text-sm text-slate-700">{a.message}</p>
      <p className="mt-1 text-xs text-slate-500">
        {a.transaction?.merchant && `${a.transaction.merchant} · `}
        {a.type}
        {a.source === "local" && ` · ${t("alert.localRule")}`}
      </p>
      {canWrite && (
        <Button unstyled type="button" onClick={() => dismiss.mutate({ id: a.id })} className="mt-2 text-xs font-medium text-brand-700 hover:underline">
          {t("alert.dismiss")}
        </Button>
      )}
    </li>
  );
}

function TransactionItem({ txn: t, canWrite, isAdmin }: { txn: TransactionView; canWrite: boolean; isAdmin: boolean }) {
  const tr = useTranslations("movements");
  const { label: categoryLabel, options: categoryOptions } = useCategories();
  const trpc = useTRPC();
  const format = useFormatter();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const override = useMutation(
    trpc.movements.overrideCategory.mutationOptions({
      onSuccess: () => {
        setEditing(false);
        return queryClient.invalidateQueries({ queryKey: trpc.movements.transactions.queryKey() });
      },
    }),
  );
  const options = categoryOptions.some((o) => o.value === t.category) || !t.category ? categoryOptions : [{ value: t.category, label: t.category }, ...categoryOptions];
  return (
    <li className="flex flex-col gap-2 py-3" data-testid="transaction" data-category={t.category ?? ""}>
      <div className="flex flex-col gap-1 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <p className="font-medium text-slate-900">{t.merchant}</p>
          <p className="text-xs text-slate-500">
            {format.dateTime(new Date(t.date), { dateStyle: "medium" })}
            {t.accountLastFour && ` · ${tr("transaction.card", { lastFour: t.accountLastFour })}`}
            {t.description && ` · ${t.description}`}
          </p>
        </div>
        <p className={`whitespace-nowrap font-semibold ${t.type === "income" ? "text-green-700" : "text-slate-900"}`}>
          {t.type === "income" ? "+" : "−"}
          {money(t.amount, t.currency)}
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-2 text-xs">
        {t.classificationStatus === "PENDING" ? (
          <Badge tone="amber">{tr("classification.PENDING")}</Badge>
        ) : (
          <Badge tone={t.classificationStatus === "FAILED" ? "red" : "green"}>
            <span data-testid="transaction-category">{categoryLabel(t.category)}</span>
            {t.subcategory && ` › ${t.subcategory}`}
          </Badge>
        )}
        {t.confidence !== null && t.classificationStatus === "CLASSIFIED" && <span className="text-slate-500">{tr("transaction.confidence", { value: pct(t.confidence) })}</span>}
        {t.isRecurring && <Badge tone="slate">{tr("transaction.recurring")}{t.recurringPattern ? ` (${t.recurringPattern})` : ""}</Badge>}
        {t.tags.map((tag) => (
          <span key={tag} className="rounded bg-slate-100 px-1.5 py-0.5 text-slate-600">
            #{tag}
          </span>
        ))}
        {t.alertCount > 0 && <Badge tone="red">{tr("transaction.alerts", { count: t.alertCount })}</Badge>}
        <span className="text-slate-500">{tr(`classification.${t.classificationStatus}`)}</span>
        {t.classificationStatus === "OVERRIDDEN" && t.suggestedCategory && <span className="text-slate-500">{tr("transaction.suggestedByN8n", { category: categoryLabel(t.suggestedCategory) })}</span>}
      </div>
      {t.alternatives.length > 0 && (
        <p className="text-xs text-slate-500">
          {tr("transaction.alternatives", { list: t.alternatives.map((a) => `${categoryLabel(a.category)} (${pct(a.confidence)})`).join(", ") })}
        </p>
      )}
      {t.classificationError && t.classificationStatus !== "OVERRIDDEN" && <p className="text-xs text-red-700">{n8nErrorText(t.classificationError, isAdmin, tr("transaction.memberError"))}</p>}
      {t.alertsError && <p className="text-xs text-red-700">{tr("transaction.alertsError", { error: n8nErrorText(t.alertsError, isAdmin, tr("transaction.memberError")) })}</p>}
      {canWrite && t.classificationStatus !== "PENDING" && (
        <div className="flex flex-wrap items-center gap-2">
          {editing ? (
            <>
              <label className="sr-only" htmlFor={`cat-${t.id}`}>
                {tr("transaction.categoryOf", { merchant: t.merchant })}
              </label>
              <select
                id={`cat-${t.id}`}
                defaultValue={t.category ?? "other"}
                className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
                onChange={(e) => override.mutate({ id: t.id, category: e.target.value })}
                disabled={override.isPending}
              >
                {[...t.alternatives.map((a) => ({ value: a.category, label: tr("transaction.suggestedOption", { category: categoryLabel(a.category) }) })), ...options].map((o, i) => (
                  <option key={`${o.value}-${i}`} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
              <Button variant="ghost" className="px-2 py-1 text-xs" onClick={() => setEditing(false)}>
                {tr("transaction.cancel")}
              </Button>
            </>
          ) : (
            <Button unstyled type="button" className="text-xs font-medium text-brand-700 hover:underline" onClick={() => setEditing(true)}>
              {tr("transaction.changeCategory")}
            </Button>
          )}
          {override.isError && <span className="text-xs text-red-700">{override.error.message}</span>}
        </div>
      )}
    </li>
  );
}

type EmailRow = { id: string; subject: string; fromAddress: string; errorCode: string | null; errorMessage: string | null; createdAt: Date };

function FailedEmails({ emails, canWrite, isAdmin }: { emails: EmailRow[]; canWrite: boolean; isAdmin: boolean }) {
  const t = useTranslations("movements.failedEmails");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const reprocess = useMutation(trpc.movements.reprocessEmail.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.movements.emails.queryKey() }) }));
  return (
    <section aria-labelledby="failed-emails" className="rounded-xl border border-red-200 bg-red-50/40 p-4">
      <h2 id="failed-emails" className="text-sm font-semibold text-red-900">
        {t("title")}
      </h2>
      <ul className="mt-2 flex flex-col gap-2">
        {emails.map((e) => (
          <li key={e.id} className="flex flex-col gap-1 text-sm sm:flex-row sm:items-start sm:justify-between">
            <div className="min-w-0">
              <p className="font-medium text-slate-900">{e.subject || t("noSubject")}</p>
              <p className="text-xs text-red-800" data-testid="failed-email-message">
                {n8nErrorText(e.errorMessage ?? "", isAdmin, t("memberMessage"))}
                {isAdmin && (
                  <>
                    {" "}
                    <Link href="/integraciones/n8n" className="font-medium underline">
                      {t("openSettings")}
                    </Link>
                  </>
                )}
              </p>
            </div>
            {canWrite && (
              <Button variant="secondary" className="shrink-0 px-3 py-1 text-xs" onClick={() => reprocess.mutate({ id: e.id })} disabled={reprocess.isPending}>
                {t("reprocess")}
              </Button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
