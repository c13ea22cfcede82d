"use client";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useFormat } from "@/components/format/use-format";
import { ROTATION_GRACE_HOURS } from "@/lib/schemas/webhooks";
import type { EndpointView } from "@/server/webhooks/endpoints/endpoint-view";
import { useTRPC } from "@/trpc/client";

export type Rotated = { secret: string; token: string; contractSwitchAt: Date | null; rotationEndsAt: Date | null };

/**
 * "Rotar secreto": the admin picks the grace period of the old secret (none → retired now) and
 * what X-Signature / X-Webhook-Token do — keep the old secret until the grace ends, or switch now.
 */
export function RotationDialog({ endpoint, onRotated, onCancel }: { endpoint: EndpointView; onRotated: (r: Rotated) => void; onCancel: () => void }) {
  const trpc = useTRPC();
  const t = useTranslations("webhooks.rotation");
  const { instant: formatInstant } = useFormat();
  const [graceHours, setGraceHours] = useState<number>(24);
  const [openedAt] = useState(() => Date.now());
  const [contractHeaders, setContractHeaders] = useState<"keep-previous" | "switch-now">("switch-now");
  const rotate = useMutation(
    trpc.webhooks.rotateSecret.mutationOptions({
      onSuccess: (r) => onRotated({ secret: r.secret, token: r.token, contractSwitchAt: r.endpoint.contractSwitchAt, rotationEndsAt: r.endpoint.rotationEndsAt }),
    }),
  );
  const label = endpoint.description || endpoint.url;
  // A preview from when the dialog opened; the server's time is what counts (shown after rotating).
  const until = formatInstant(new Date(openedAt + graceHours * 3_600_000));
  const keep = graceHours > 0 && contractHeaders === "keep-previous";

  return (
    <section aria-label={t("title", { label })} className="flex flex-col gap-3 rounded-lg border border-amber-300 bg-amber-50/50 p-4 text-sm">
      <h3 className="font-semibold">{t("title", { label })}</h3>
      <label className="flex flex-col gap-1">
        <span>{t("graceLabel")}</span>
        <select
          value={graceHours}
          onChange={(e) => {
            const hours = Number(e.target.value);
            setGraceHours(hours);
            if (hours === 0) setContractHeaders("switch-now");
          }}
          className="w-fit rounded-md border border-slate-300 bg-white px-2 py-1"
        >
          {ROTATION_GRACE_HOURS.map((h) => (
            <option key={h} value={h}>
              {t(`grace.${h}`)}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1">{t("contractLegend")}</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name={`contract-${endpoint.id}`} checked={contractHeaders === "switch-now"} onChange={() => setContractHeaders("switch-now")} />
          {t("switchNow")}
        </label>
        <label className={graceHours === 0 ? "flex items-center gap-2 text-slate-400" : "flex items-center gap-2"}>
          <input type="radio" name={`contract-${endpoint.id}`} disabled={graceHours === 0} checked={contractHeaders === "keep-previous"} onChange={() => setContractHeaders("keep-previous")} />
          {t("keepPrevious", { until })}
        </label>
      </fieldset>
      <p className="text-slate-700">
        {graceHours === 0 ? t("summaryRetireNow") : t("summaryGrace", { until })}{" "}
        {graceHours === 0 && endpoint.rotationEndsAt && `${t("summaryRetireOlder", { until: formatInstant(new Date(endpoint.rotationEndsAt)) })} `}
        {keep ? t("summaryKeep", { until }) : t("summarySwitch")}
      </p>
      {rotate.isError && <Alert>{rotate.error.message}</Alert>}
      <div className="flex gap-2">
        <Button disabled={rotate.isPending} onClick={() => rotate.mutate({ id: endpoint.id, graceHours, contractHeaders })}>
          {t("confirm")}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          {t("cancel")}
        </Button>
      </div>
    </section>
  );
}
