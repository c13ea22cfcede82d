"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/client";
import { DeliveriesChart, LatencyChart } from "./webhook-charts";

export function WebhookHealth() {
  const trpc = useTRPC();
  const stats = useQuery(trpc.stats.webhooks.queryOptions());
  if (stats.isPending) return <p className="text-sm text-slate-500">Cargando…</p>;
  if (stats.isError) return <p role="alert" className="text-sm text-red-700">{stats.error.message}</p>;
  const { daily, latency, successRate, total } = stats.data;
  if (total === 0) return <p className="text-sm text-slate-600">Todavía no se envió ningún webhook. Cuando configures un endpoint vas a ver acá cuántas entregas llegan y cuánto tardan.</p>;
  return (
    <div className="flex flex-col gap-6">
      <p className="text-sm text-slate-700">
        <span className="text-2xl font-semibold text-slate-900">{successRate === null ? "—" : `${Math.round(successRate * 100)} %`}</span> de éxito en entregas terminadas
        (últimos 14 días, {total} entregas)
      </p>
      <div className="grid gap-6 lg:grid-cols-2">
        <div>
          <h3 className="mb-2 text-sm font-semibold text-slate-700">Entregas por día</h3>
          <DeliveriesChart data={daily} />
        </div>
        <div>
          <h3 className="mb-2 text-sm font-semibold text-slate-700">Latencia de los intentos</h3>
          <LatencyChart data={latency} />
        </div>
      </div>
    </div>
  );
}
