"use client";
import { useTranslations } from "next-intl";
import { DailyChart } from "@/components/charts/daily-chart";
import { COLOR } from "@/components/charts/colors";
import type { DailyDeliveries, DailyLatency } from "@/server/stats/webhook-stats";

export function DeliveriesChart({ data }: { data: DailyDeliveries[] }) {
  const t = useTranslations("dashboard.webhooks");
  return (
    <DailyChart
      data={data}
      kind="bar"
      label={t("deliveriesChartLabel")}
      series={[
        { key: "succeeded", name: t("succeeded"), color: COLOR.ok },
        { key: "failed", name: t("failed"), color: COLOR.failed },
        { key: "pending", name: t("pending"), color: COLOR.waiting },
      ]}
    />
  );
}

export function LatencyChart({ data }: { data: DailyLatency[] }) {
  const t = useTranslations("dashboard.webhooks");
  return (
    <DailyChart
      data={data}
      kind="line"
      unit=" ms"
      label={t("latencyChartLabel")}
      series={[
        { key: "p50", name: "p50", color: COLOR.brand },
        { key: "p95", name: "p95", color: COLOR.violet },
      ]}
    />
  );
}
