"use client";
import { useQuery } from "@tanstack/react-query";
import { useTimeZone, useTranslations } from "next-intl";
import { DEFAULT_TIME_ZONE } from "@/lib/format/time-zone";
import { useEffect, useState } from "react";
import { useTRPC } from "@/trpc/client";

/** Human-readable description and the next 3 runs of a cron expression, as it is typed. */
export function SchedulePreview({ cron, timezone, label }: { cron: string; timezone: string; label: string }) {
  const t = useTranslations("connectors");
  const trpc = useTRPC();
  // Next runs are written in the organization's zone (the server does it), whatever zone fires the schedule.
  const orgZone = useTimeZone() ?? DEFAULT_TIME_ZONE;
  const [debounced, setDebounced] = useState(cron);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(cron), 300);
    return () => clearTimeout(timer);
  }, [cron]);
  const preview = useQuery({ ...trpc.connectors.previewSchedule.queryOptions({ cron: debounced, timezone }), enabled: debounced.trim().length > 0 });
  if (!debounced.trim()) return <p className="text-xs text-slate-500">{t("schedulePreview.none")}</p>;
  if (!preview.data) return null;
  if (!preview.data.ok) {
    return (
      <p className="text-xs text-amber-800" aria-live="polite">
        {preview.data.message}
      </p>
    );
  }
  return (
    <div className="rounded-md bg-slate-50 px-3 py-2 text-xs text-slate-700" aria-live="polite" aria-label={t("schedulePreview.label", { label })}>
      <p className="font-medium">{preview.data.description}</p>
      <p className="mt-1 text-slate-500">{t("schedulePreview.nextRuns", { timezone: orgZone })}</p>
      <ol className="mt-1 list-inside list-decimal" aria-label={t("schedulePreview.nextRunsLabel", { label })}>
        {preview.data.nextRuns.map((r) => (
          <li key={r.label}>{r.label}</li>
        ))}
      </ol>
    </div>
  );
}
