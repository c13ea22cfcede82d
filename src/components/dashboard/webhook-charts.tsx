"use client";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { DailyDeliveries, DailyLatency } from "@/server/stats/webhook-stats";

const day = (d: string) => d.slice(8, 10) + "/" + d.slice(5, 7);

export function DeliveriesChart({ data }: { data: DailyDeliveries[] }) {
  return (
    <figure aria-label="Entregas de webhooks por día y resultado" className="h-64">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tickFormatter={day} fontSize={12} />
          <YAxis allowDecimals={false} fontSize={12} />
          <Tooltip labelFormatter={(v) => day(String(v))} />
          <Legend />
          <Bar dataKey="succeeded" name="Entregadas" stackId="a" fill="#16a34a" />
          <Bar dataKey="failed" name="Fallidas" stackId="a" fill="#dc2626" />
          <Bar dataKey="pending" name="Pendientes" stackId="a" fill="#d97706" />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function LatencyChart({ data }: { data: DailyLatency[] }) {
  return (
    <figure aria-label="Latencia de los intentos de entrega (ms), p50 y p95 por día" className="h-64">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 8, left: -8, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tickFormatter={day} fontSize={12} />
          <YAxis unit=" ms" fontSize={12} />
          <Tooltip labelFormatter={(v) => day(String(v))} />
          <Legend />
          <Line type="monotone" dataKey="p50" name="p50" stroke="#1d5fd1" strokeWidth={2} dot />
          <Line type="monotone" dataKey="p95" name="p95" stroke="#7c3aed" strokeWidth={2} dot />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
