"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useFormat } from "@/components/format/use-format";
import { instantFromWallClock, wallClockInput } from "@/lib/format/dates";
import { EVENT_TYPES } from "@/server/events/catalog";
import type { EndpointView } from "@/server/webhooks/endpoints/endpoint-view";
import { useTRPC } from "@/trpc/client";

/** "Enviar evento de prueba" and the replay tool (held and/or failed deliveries in a window) for one endpoint. */
export function EndpointTools({ endpoint }: { endpoint: EndpointView }) {
  const trpc = useTRPC();
  const t = useTranslations("webhooks");
  const queryClient = useQueryClient();
  const [type, setType] = useState<string>(endpoint.eventTypes[0] ?? EVENT_TYPES[0]!);
  // datetime-local values on the organization's wall clock (the zone every time on the page is
  // written in, e.g. «retenidos desde …»), never the browser's: any window, to the minute.
  const { timeZone } = useFormat();
  const [from, setFrom] = useState(() => wallClockInput(new Date(Date.now() - 7 * 864e5), timeZone));
  const [to, setTo] = useState("");
  const [which, setWhich] = useState<"both" | "HELD" | "FAILED">("both");
  const [message, setMessage] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.pathKey() });
  const sendTest = useMutation(trpc.webhooks.sendTest.mutationOptions({ onSuccess: () => (setMessage(t("tools.testSent")), refresh()), onError: (e) => setMessage(e.message) }));
  const replay = useMutation(
    trpc.webhooks.replay.mutationOptions({ onSuccess: (r) => (setMessage(r.count === 0 ? t("tools.noneToReplay") : t("tools.replaying", { count: r.count })), refresh()), onError: (e) => setMessage(e.message) }),
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
        <label htmlFor={`which-${endpoint.id}`} className="text-slate-600">
          {t("tools.replayWhich")}
        </label>
        <select id={`which-${endpoint.id}`} value={which} onChange={(e) => setWhich(e.target.value as typeof which)} className="rounded-md border border-slate-300 bg-white px-2 py-1">
          <option value="both">{t("tools.replayBoth")}</option>
          <option value="HELD">{t("tools.replayHeld")}</option>
          <option value="FAILED">{t("tools.replayFailed")}</option>
        </select>
        <label htmlFor={`from-${endpoint.id}`} className="text-slate-600">
          {t("tools.replayFrom")}
        </label>
        <input id={`from-${endpoint.id}`} type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} className="rounded-md border border-slate-300 bg-white px-2 py-1" />
        <label htmlFor={`to-${endpoint.id}`} className="text-slate-600">
          {t("tools.replayTo")}
        </label>
        <input id={`to-${endpoint.id}`} type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} className="rounded-md border border-slate-300 bg-white px-2 py-1" />
        <span className="text-xs text-slate-500">{t("tools.replayZone", { zone: timeZone ?? "" })}</span>
        <Button
          variant="secondary"
          className="px-3 py-1"
          disabled={!endpoint.enabled || replay.isPending || !instantFromWallClock(from, timeZone)}
          onClick={() => replay.mutate({ id: endpoint.id, from: instantFromWallClock(from, timeZone)!, to: instantFromWallClock(to, timeZone) ?? undefined, statuses: which === "both" ? ["HELD", "FAILED"] : [which] })}
        >
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
