"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { UsagePoint } from "@/server/oauth/usage";

const day = (d: string) => d.slice(8, 10) + "/" + d.slice(5, 7);

export function UsageChart({ data, label }: { data: UsagePoint[]; label: string }) {
  const chart = data.map((p) => ({ day: p.day, ok: p.calls - p.limited, limited: p.limited }));
  const total = data.reduce((n, p) => n + p.calls, 0);
  return (
    <figure aria-label={label} className="flex flex-col gap-2">
      <div className="h-56">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={chart} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="day" tickFormatter={day} fontSize={12} />
            <YAxis allowDecimals={false} fontSize={12} />
            <Tooltip labelFormatter={(v) => day(String(v))} />
            <Legend />
            <Bar dataKey="ok" name="Atendidas" stackId="a" fill="#1d5fd1" />
            <Bar dataKey="limited" name="Rechazadas por límite (429)" stackId="a" fill="#dc2626" />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-xs text-slate-500">{total.toLocaleString("es-AR")} llamadas en los últimos {data.length} días.</figcaption>
    </figure>
  );
}
