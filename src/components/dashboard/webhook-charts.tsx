"use client";
import { DailyChart } from "@/components/charts/daily-chart";
import { COLOR } from "@/components/charts/colors";
import type { DailyDeliveries, DailyLatency } from "@/server/stats/webhook-stats";

export function DeliveriesChart({ data }: { data: DailyDeliveries[] }) {
  return (
    <DailyChart
      data={data}
      kind="bar"
      label="Entregas de webhooks por día y resultado"
      series={[
        { key: "succeeded", name: "Entregadas", color: COLOR.ok },
        { key: "failed", name: "Fallidas", color: COLOR.failed },
        { key: "pending", name: "Pendientes", color: COLOR.waiting },
      ]}
    />
  );
}

export function LatencyChart({ data }: { data: DailyLatency[] }) {
  return (
    <DailyChart
      data={data}
      kind="line"
      unit=" ms"
      label="Latencia de los intentos de entrega (ms), p50 y p95 por día"
      series={[
        { key: "p50", name: "p50", color: COLOR.brand },
        { key: "p95", name: "p95", color: COLOR.violet },
      ]}
    />
  );
}
