"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useFormat } from "@/components/format/use-format";
import type { EndpointView } from "@/server/webhooks/endpoints/endpoint-view";
import { useTRPC } from "@/trpc/client";

/**
 * The endpoint's backlog: events held while it was disabled ("entregar lo retenido (n eventos
 * desde …)") and deliveries waiting on the retry schedule ("entregar ahora").
 */
export function EndpointBacklog({ endpoint }: { endpoint: EndpointView }) {
  const trpc = useTRPC();
  const t = useTranslations("webhooks.backlog");
  const { instant: formatInstant } = useFormat();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const backlog = useQuery(trpc.webhooks.backlog.queryOptions({ id: endpoint.id }, { refetchInterval: 5_000 }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.pathKey() });
  const onError = (e: { message: string }) => setMessage(e.message);
  const deliverHeld = useMutation(trpc.webhooks.deliverHeld.mutationOptions({ onSuccess: (r) => (setMessage(t("delivering", { count: r.count })), refresh()), onError }));
  const deliverNow = useMutation(trpc.webhooks.deliverNow.mutationOptions({ onSuccess: (r) => (setMessage(t("delivering", { count: r.count })), refresh()), onError }));
  const held = backlog.data?.held;
  const waiting = backlog.data?.waiting;
  if (!message && !held?.count && !waiting?.count) return null;

  return (
    <div className="flex flex-col gap-2 text-sm">
      {held && held.count > 0 && held.since && (
        <div className="flex flex-wrap items-center gap-2">
          {endpoint.enabled ? (
            <Button variant="secondary" className="px-3 py-1" disabled={deliverHeld.isPending} onClick={() => deliverHeld.mutate({ id: endpoint.id })}>
              {t("deliverHeld", { count: held.count, since: formatInstant(new Date(held.since)) })}
            </Button>
          ) : (
            <p className="text-amber-800">{t("heldWhileDisabled", { count: held.count, since: formatInstant(new Date(held.since)) })}</p>
          )}
        </div>
      )}
      {endpoint.enabled && waiting && waiting.count > 0 && waiting.nextAt && (
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-slate-600">{t("waiting", { count: waiting.count, next: formatInstant(new Date(waiting.nextAt)) })}</span>
          <Button variant="secondary" className="px-3 py-1" disabled={deliverNow.isPending} onClick={() => deliverNow.mutate({ id: endpoint.id })}>
            {t("deliverNow")}
          </Button>
        </div>
      )}
      {message && (
        <p role="status" className="text-slate-700">
          {message}
        </p>
      )}
    </div>
  );
}
