"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { EVENT_TYPES } from "@/server/events/catalog";
import type { EndpointView } from "@/server/webhooks/endpoints/endpoint-view";
import { useTRPC } from "@/trpc/client";

/** "Enviar evento de prueba" and "Reenviar fallidos desde" for one endpoint. */
export function EndpointTools({ endpoint }: { endpoint: EndpointView }) {
  const trpc = useTRPC();
  const t = useTranslations("webhooks");
  const queryClient = useQueryClient();
  const [type, setType] = useState<string>(endpoint.eventTypes[0] ?? EVENT_TYPES[0]!);
  const [since, setSince] = useState(() => new Date(Date.now() - 7 * 864e5).toISOString().slice(0, 10));
  const [message, setMessage] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.pathKey() });
  const sendTest = useMutation(trpc.webhooks.sendTest.mutationOptions({ onSuccess: () => (setMessage(t("tools.testSent")), refresh()), onError: (e) => setMessage(e.message) }));
  const replay = useMutation(
    trpc.webhooks.replayFailed.mutationOptions({ onSuccess: (r) => (setMessage(r.count === 0 ? t("tools.noFailed") : t("tools.replaying", { count: r.count })), refresh()), onError: (e) => setMessage(e.message) }),
  );
  const label = endpoint.description || endpoint.url;

  return (
    <div className="flex flex-col gap-2 border-t border-slate-100 pt-3 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <label className="sr-only" htmlFor={`type-${endpoint.id}`}>
          {t("tools.testTypeLabel", { label })}
        </label>
        <select id={`type-${endpoint.id}`} value={type} onChange={(e) => setType(e.target.value)} className="rounded-md border border-slate-300 bg-white px-2 py-1">
          {EVENT_TYPES.map((eventType) => (
            <option key={eventType}>{eventType}</option>
          ))}
        </select>
        <Button variant="secondary" className="px-3 py-1" disabled={!endpoint.enabled || sendTest.isPending} onClick={() => sendTest.mutate({ id: endpoint.id, type })}>
          {t("tools.sendTest")}
        </Button>
        <span className="mx-1 hidden text-slate-300 sm:inline">|</span>
        <label htmlFor={`since-${endpoint.id}`} className="text-slate-600">
          {t("tools.replaySince")}
        </label>
        <input id={`since-${endpoint.id}`} type="date" value={since} onChange={(e) => setSince(e.target.value)} className="rounded-md border border-slate-300 bg-white px-2 py-1" />
        <Button variant="secondary" className="px-3 py-1" disabled={!endpoint.enabled || replay.isPending} onClick={() => replay.mutate({ id: endpoint.id, since: new Date(`${since}T00:00:00`) })}>
          {t("tools.replay")}
        </Button>
      </div>
      {message && (
        <p role="status" className="text-slate-700">
          {message}
        </p>
      )}
    </div>
  );
}
