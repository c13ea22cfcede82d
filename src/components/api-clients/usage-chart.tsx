"use client";
import { useTranslations } from "next-intl";
import { DailyChart } from "@/components/charts/daily-chart";
import { COLOR } from "@/components/charts/colors";
import type { UsagePoint } from "@/server/oauth/usage";

export function UsageChart({ data, label }: { data: UsagePoint[]; label: string }) {
  const t = useTranslations("apiClients.usage");
  const chart = data.map((p) => ({ day: p.day, ok: p.calls - p.limited, limited: p.limited }));
  const total = data.reduce((n, p) => n + p.calls, 0);
  return (
    <DailyChart
      data={chart}
      kind="bar"
      label={label}
      className="h-56"
      caption={t("caption", { total, days: data.length })}
      series={[
        { key: "ok", name: t("served"), color: COLOR.brand },
        { key: "limited", name: t("rateLimited"), color: COLOR.failed },
      ]}
    />
  );
}
