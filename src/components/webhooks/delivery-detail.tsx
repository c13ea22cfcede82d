"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { X } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/trpc/client";

/**
 * Side panel: the body exactly as signed and sent (never re-formatted: a receiver debugging its
 * HMAC compares against these bytes) and every attempt with its request headers and response.
 */
export function DeliveryDetail({ id, onClose }: { id: string; onClose: () => void }) {
  const trpc = useTRPC();
  const format = useFormatter();
  const t = useTranslations("webhooks");
  const queryClient = useQueryClient();
  const detail = useQuery(trpc.webhooks.delivery.queryOptions({ id }, { refetchInterval: 3000 }));
  const resend = useMutation(trpc.webhooks.resend.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.pathKey() }) }));
  return (
    <aside role="dialog" aria-modal="false" aria-labelledby="delivery-title" className="fixed inset-y-0 right-0 z-30 flex w-full max-w-xl flex-col border-l border-slate-200 bg-white shadow-xl">
      <div className="flex items-center justify-between border-b border-slate-200 px-5 py-3">
        <h2 id="delivery-title" className="font-semibold">
          {t("deliveryDetail.title")} {detail.data ? <code className="text-sm">{detail.data.eventType}</code> : null}
        </h2>
        <Button unstyled aria-label={t("deliveryDetail.close")} onClick={onClose} className="rounded p-1 hover:bg-slate-100">
          <X className="h-5 w-5" />
        </Button>
      </div>
      <div className="flex-1 overflow-y-auto p-5 text-sm">
        {detail.isPending && <p>{t("deliveryDetail.loading")}</p>}
        {detail.data && (
          <div className="flex flex-col gap-4">
            <p className="break-all text-slate-600">
              {detail.data.url} · {t("deliveryDetail.messageId")} <code data-testid="webhook-id">{detail.data.eventId}</code>
            </p>
            {detail.data.status === "PENDING" && detail.data.nextAttemptAt && (
              <p className="text-slate-600">{t("deliveryDetail.nextAttempt", { at: format.dateTime(detail.data.nextAttemptAt, { dateStyle: "short", timeStyle: "medium", hourCycle: "h23" }) })}</p>
            )}
            <div className="flex items-center gap-3">
              <Button variant="secondary" disabled={detail.data.status === "PENDING" || resend.isPending} onClick={() => resend.mutate({ id })}>
                {t("deliveryDetail.resend")}
              </Button>
              {resend.isError && <span role="alert" className="text-red-700">{resend.error.message}</span>}
            </div>
            <div>
              <h3 className="mb-1 text-xs font-semibold uppercase text-slate-500">{t("deliveryDetail.rawBody")}</h3>
              <p className="mb-1 text-xs text-slate-500">{t("deliveryDetail.rawBodyHint", { bytes: new TextEncoder().encode(detail.data.body).length })}</p>
              <pre data-testid="raw-body" className="whitespace-pre-wrap break-all rounded bg-slate-900 p-3 font-mono text-xs text-slate-100">{detail.data.body}</pre>
              <Button variant="ghost" className="mt-1 px-2 py-1 text-xs" onClick={() => void navigator.clipboard?.writeText(detail.data.body)}>
                {t("deliveryDetail.copyRaw")}
              </Button>
            </div>
            <ol className="flex flex-col gap-3" aria-label={t("deliveryDetail.attempts")}>
              {detail.data.attempts.map((a) => (
                <li key={a.attempt} className="rounded-lg border border-slate-200 p-3">
                  <p className="font-medium">
                    {t("deliveryDetail.attempt", { attempt: a.attempt, result: a.status ?? a.errorClass ?? "", latency: a.latencyMs, at: format.dateTime(a.at, { dateStyle: "short", timeStyle: "medium", hourCycle: "h23" }) })}
                  </p>
                  {a.errorMessage && <p className="text-red-700">{a.errorMessage}</p>}
                  <details className="mt-1">
                    <summary className="cursor-pointer text-brand-700">{t("deliveryDetail.headersSent")}</summary>
                    <pre className="mt-1 overflow-x-auto rounded bg-slate-50 p-2 text-xs">{Object.entries(a.requestHeaders).map(([k, v]) => `${k}: ${v}`).join("\n")}</pre>
                  </details>
                  {a.responseExcerpt && (
                    <details className="mt-1">
                      <summary className="cursor-pointer text-brand-700">{t("deliveryDetail.response")}</summary>
                      <pre className="mt-1 overflow-x-auto whitespace-pre-wrap rounded bg-slate-50 p-2 text-xs">{a.responseExcerpt}</pre>
                    </details>
                  )}
                </li>
              ))}
            </ol>
          </div>
        )}
      </div>
    </aside>
  );
}
