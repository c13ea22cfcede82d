"use client";
import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { ConnectorHealth } from "@/server/connectors/health";

const TONES = { UNTESTED: "slate", OK: "green", DEGRADED: "amber", FAILING: "red" } as const;

/** The card's health badge and, when something failed, the last reason. */
export function ConnectorHealthBadge({ name, health }: { name: string; health: ConnectorHealth | undefined }) {
  const t = useTranslations("connectors.health");
  const format = useFormatter();
  if (!health) return null;
  return (
    <div aria-label={t("label", { name })} aria-live="polite" className="flex flex-col gap-1 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={TONES[health.state]}>{t(`state.${health.state}`)}</Badge>
        {health.calls > 0 && (
          <span className="text-xs text-slate-500">
            {t("recent", { failed: health.failed, calls: health.calls })}
            {health.lastCallAt && ` · ${format.relativeTime(new Date(health.lastCallAt))}`}
          </span>
        )}
      </div>
      {health.lastReason && (
        <p className={health.state === "FAILING" ? "text-red-800" : "text-amber-800"}>
          {t("lastReason", { reason: health.lastReason })}
        </p>
      )}
    </div>
  );
}
