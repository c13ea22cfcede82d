"use client";
import { DailyChart } from "@/components/charts/daily-chart";
import { COLOR } from "@/components/charts/colors";
import type { UsagePoint } from "@/server/oauth/usage";

export function UsageChart({ data, label }: { data: UsagePoint[]; label: string }) {
  const chart = data.map((p) => ({ day: p.day, ok: p.calls - p.limited, limited: p.limited }));
  const total = data.reduce((n, p) => n + p.calls, 0);
  return (
    <DailyChart
      data={chart}
      kind="bar"
      label={label}
      className="h-56"
      caption={`${total.toLocaleString("es-AR")} llamadas en los últimos ${data.length} días.`}
      series={[
        { key: "ok", name: "Atendidas", color: COLOR.brand },
        { key: "limited", name: "Rechazadas por límite (429)", color: COLOR.failed },
      ]}
    />
  );
}
