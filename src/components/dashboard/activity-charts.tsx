"use client";
import { useTranslations } from "next-intl";
import { DailyChart } from "@/components/charts/daily-chart";
import { COLOR } from "@/components/charts/colors";
import type { DailyDocuments, DailyExports, DailySyncs } from "@/server/stats/activity-stats";

export function DocumentsChart({ data }: { data: DailyDocuments[] }) {
  const t = useTranslations("dashboard.documents");
  return (
    <DailyChart
      data={data}
      kind="area"
      label={t("chartLabel")}
      series={[
        { key: "processed", name: t("processed"), color: COLOR.ok },
        { key: "failed", name: t("failed"), color: COLOR.failed },
        { key: "inProgress", name: t("inProgress"), color: COLOR.waiting },
      ]}
    />
  );
}

export function ExportsChart({ data }: { data: DailyExports[] }) {
  const t = useTranslations("dashboard.exports");
  return (
    <DailyChart
      data={data}
      kind="bar"
      label={t("chartLabel")}
      series={[
        { key: "success", name: t("success"), color: COLOR.ok },
        { key: "failed", name: t("failed"), color: COLOR.failed },
      ]}
    />
  );
}

export function SyncsChart({ data }: { data: DailySyncs[] }) {
  const t = useTranslations("dashboard.syncs");
  return (
    <DailyChart
      data={data}
      kind="bar"
      label={t("chartLabel")}
      series={[
        { key: "success", name: t("success"), color: COLOR.ok },
        { key: "partial", name: t("partial"), color: COLOR.waiting },
        { key: "failed", name: t("failed"), color: COLOR.failed },
      ]}
    />
  );
}
