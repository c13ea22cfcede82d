"use client";
import { useQuery } from "@tanstack/react-query";
import { Activity } from "lucide-react";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/trpc/client";

/** One line: is background work keeping up? */
export function EngineHealthLine() {
  const t = useTranslations("dashboard.engine");
  const trpc = useTRPC();
  const health = useQuery(trpc.runs.health.queryOptions(undefined, { refetchInterval: 10_000 }));
  if (!health.data) return null;
  const h = health.data;
  const text =
    h.mode === "external"
      ? t("external", { url: h.url })
      : t("embedded", { running: h.running, failed: h.failed24h, queue: h.due === 0 ? t("queueClear") : t("queueDue", { due: h.due, seconds: h.oldestDueSeconds }) });
  const warn = h.mode === "embedded" && (h.failed24h > 0 || h.oldestDueSeconds > 60);
  return (
    <p role="status" className={`flex items-center gap-2 rounded-lg border px-4 py-2 text-sm ${warn ? "border-amber-300 bg-amber-50 text-amber-900" : "border-slate-200 bg-white text-slate-700"}`}>
      <Activity aria-hidden className="h-4 w-4" />
      {text}
    </p>
  );
}
