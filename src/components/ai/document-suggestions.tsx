"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { AlertTriangle, Bot, Check, ListChecks, Sparkles, X } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { SuggestionView } from "@/server/ai/suggestions/manage";
import { useTRPC } from "@/trpc/client";

const STATUS_TONE = { PENDING: "amber", ACCEPTED: "green", REJECTED: "slate" } as const;

/**
 * Suggestions on one document (account, category, anomalies), self-contained: mount it on the
 * document page with `<DocumentSuggestions documentId={id} canDecide={role !== "VIEWER"} />`.
 * Rule-based anomalies appear with no AI provider; AI adds account/category when configured.
 */
export function DocumentSuggestions({ documentId, canDecide = true }: { documentId: string; canDecide?: boolean }) {
  const t = useTranslations("ai");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const key = trpc.ai.suggestions.queryKey({ documentId });
  // While the document is being parsed (and for a short while after) the background function may still add suggestions.
  const list = useQuery({
    ...trpc.ai.suggestions.queryOptions({ documentId }),
    refetchInterval: (q) => (q.state.dataUpdateCount < 30 && (q.state.data?.documentStatus !== "COMPLETED" || q.state.data.items.length === 0) ? 4000 : false),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  const generate = useMutation(trpc.ai.generateSuggestions.mutationOptions({ onSuccess: (data) => queryClient.setQueryData(key, data) }));
  const decide = useMutation(trpc.ai.decideSuggestion.mutationOptions({ onSuccess: () => void refresh() }));

  const aiErrors = generate.data?.results.filter((r) => r.error).map((r) => r.error!) ?? [];

  return (
    <section aria-labelledby={`sug-${documentId}`} className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={`sug-${documentId}`} className="flex items-center gap-2 text-base font-semibold">
          <Sparkles className="h-4 w-4 text-brand-600" aria-hidden /> {t("suggestions.title")}
        </h2>
        {canDecide && list.data?.documentStatus === "COMPLETED" && (
          <Button type="button" variant="secondary" className="px-3 py-1 text-xs" disabled={generate.isPending} onClick={() => generate.mutate({ documentId })}>
            {generate.isPending ? t("suggestions.generating") : t("suggestions.generate")}
          </Button>
        )}
      </div>
      {list.isPending && <p className="text-sm text-slate-500">{t("loading")}</p>}
      {list.isError && <Alert>{list.error.message}</Alert>}
      {generate.isError && <Alert>{generate.error.message}</Alert>}
      {decide.isError && <Alert>{decide.error.message}</Alert>}
      {aiErrors.map((e) => (
        <Alert key={e} tone="info">
          {t("suggestions.aiError", { error: e })}
        </Alert>
      ))}
      {list.data && (
        <>
          {!list.data.aiEnabled && <p className="text-xs text-slate-500">{t("suggestions.noProvider")}</p>}
          {list.data.items.length === 0 ? (
            <p className="flex items-center gap-2 text-sm text-slate-600">
              <ListChecks className="h-4 w-4 text-green-600" aria-hidden />
              {list.data.documentStatus === "COMPLETED" ? t("suggestions.none") : t("suggestions.waiting")}
            </p>
          ) : (
            <ul className="flex flex-col gap-2" aria-label={t("suggestions.list")}>
              {list.data.items.map((s) => (
                <SuggestionItem key={s.id} s={s} canDecide={canDecide} busy={decide.isPending} onDecide={(decision) => decide.mutate({ id: s.id, decision })} />
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

function SuggestionItem({ s, canDecide, busy, onDecide }: { s: SuggestionView; canDecide: boolean; busy: boolean; onDecide: (d: "ACCEPTED" | "REJECTED") => void }) {
  const t = useTranslations("ai");
  const format = useFormatter();
  const kind = t(`suggestions.kind.${s.kind}`);
  const statusLabel = t(`suggestions.status.${s.status}`);
  const title = s.kind === "ACCOUNT" ? `${s.code} · ${s.label}` : s.label;
  return (
    <li aria-label={t("suggestions.item", { kind, title })} className="flex flex-col gap-2 rounded-lg border border-slate-200 p-3 text-sm sm:flex-row sm:items-start sm:justify-between">
      <div className="flex min-w-0 gap-2">
        {s.kind === "ANOMALY" ? <AlertTriangle className="mt-0.5 h-4 w-4 shrink-0 text-amber-600" aria-hidden /> : <Bot className="mt-0.5 h-4 w-4 shrink-0 text-brand-600" aria-hidden />}
        <div className="min-w-0">
          <p className="text-xs uppercase tracking-wide text-slate-500">
            {kind} · {s.source === "AI" ? t("suggestions.source.AI") : t("suggestions.source.RULES")}
            {s.confidence !== null && ` · ${format.number(s.confidence, { style: "percent" })}`}
          </p>
          <p className="font-medium text-slate-900">{title}</p>
          {s.reason && <p className="text-slate-600">{s.reason}</p>}
          {s.status !== "PENDING" && s.decidedAt && (
            <p className="mt-1 text-xs text-slate-500">
              {t("suggestions.decidedBy", { status: statusLabel, name: s.decidedByName ?? t("suggestions.someone"), date: format.dateTime(s.decidedAt, { dateStyle: "short", timeStyle: "short", hourCycle: "h23" }) })}
            </p>
          )}
        </div>
      </div>
      <div className="flex shrink-0 items-center gap-2">
        <Badge tone={STATUS_TONE[s.status]}>{statusLabel}</Badge>
        {canDecide && s.status !== "ACCEPTED" && (
          <Button type="button" variant="secondary" className="px-2 py-1 text-xs" disabled={busy} onClick={() => onDecide("ACCEPTED")} aria-label={t("suggestions.acceptLabel", { title })}>
            <Check className="h-3 w-3" aria-hidden /> {t("suggestions.accept")}
          </Button>
        )}
        {canDecide && s.status !== "REJECTED" && (
          <Button type="button" variant="ghost" className="px-2 py-1 text-xs" disabled={busy} onClick={() => onDecide("REJECTED")} aria-label={t("suggestions.rejectLabel", { title })}>
            <X className="h-3 w-3" aria-hidden /> {t("suggestions.reject")}
          </Button>
        )}
      </div>
    </li>
  );
}
