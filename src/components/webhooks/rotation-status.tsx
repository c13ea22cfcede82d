"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useFormat } from "@/components/format/use-format";

type Props = { rotationEndsAt: Date | null; contractSwitchAt: Date | null };

/** Says exactly when each header family stops accepting / switches from the rotated-out secret. */
export function RotationStatus(props: Props) {
  if (!props.rotationEndsAt && !props.contractSwitchAt) return null;
  // Remounted per rotation, so "until" vs "since" is judged against a clock read after it.
  return <RotationStatusAt key={`${String(props.contractSwitchAt)}|${String(props.rotationEndsAt)}`} {...props} />;
}

function RotationStatusAt({ rotationEndsAt, contractSwitchAt }: Props) {
  const t = useTranslations("webhooks.rotation");
  const { instant: formatInstant } = useFormat();
  const [now] = useState(() => Date.now());
  return (
    <div className="text-xs text-slate-600" data-testid="rotation-status">
      {rotationEndsAt && <p>{t("statusStandard", { until: formatInstant(new Date(rotationEndsAt)) })}</p>}
      {contractSwitchAt &&
        (new Date(contractSwitchAt).getTime() > now ? (
          <p>{t("statusContractUntil", { at: formatInstant(new Date(contractSwitchAt)) })}</p>
        ) : (
          <p>{t("statusContractSince", { at: formatInstant(new Date(contractSwitchAt)) })}</p>
        ))}
    </div>
  );
}
