"use client";
import { DailyChart } from "@/components/charts/daily-chart";
import { COLOR } from "@/components/charts/colors";
import type { DailyDocuments, DailyExports, DailySyncs } from "@/server/stats/activity-stats";

export function DocumentsChart({ data }: { data: DailyDocuments[] }) {
  return (
    <DailyChart
      data={data}
      kind="area"
      label="Documentos por día: procesados, con error y en proceso"
      series={[
        { key: "processed", name: "Procesados", color: COLOR.ok },
        { key: "failed", name: "Con error", color: COLOR.failed },
        { key: "inProgress", name: "En proceso", color: COLOR.waiting },
      ]}
    />
  );
}

export function ExportsChart({ data }: { data: DailyExports[] }) {
  return (
    <DailyChart
      data={data}
      kind="bar"
      label="Envíos a conectores por día y resultado"
      series={[
        { key: "success", name: "Exitosos", color: COLOR.ok },
        { key: "failed", name: "Fallidos", color: COLOR.failed },
      ]}
    />
  );
}

export function SyncsChart({ data }: { data: DailySyncs[] }) {
  return (
    <DailyChart
      data={data}
      kind="bar"
      label="Sincronizaciones por día y resultado"
      series={[
        { key: "success", name: "Correctas", color: COLOR.ok },
        { key: "partial", name: "Parciales", color: COLOR.waiting },
        { key: "failed", name: "Fallidas", color: COLOR.failed },
      ]}
    />
  );
}
