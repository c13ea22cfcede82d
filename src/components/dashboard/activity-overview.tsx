"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import type { PlanLimitKey } from "@/lib/plans";
import { useTRPC } from "@/trpc/client";
import { DocumentsChart, ExportsChart, SyncsChart } from "./activity-charts";

const LIMIT_LABEL: Record<PlanLimitKey, string> = {
  documentsPerMonth: "Documentos este mes",
  users: "Usuarios",
  connectors: "Conectores",
  webhooks: "Endpoints de webhooks",
  apiCallsPerMinute: "Llamadas a la API por minuto",
};

function Card({ id, title, summary, children }: { id: string; title: string; summary?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:p-5">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={id} className="text-lg font-semibold">
          {title}
        </h2>
        {summary && <p className="text-sm text-slate-600">{summary}</p>}
      </div>
      {children}
    </section>
  );
}

function Empty({ children }: { children: ReactNode }) {
  return <p className="rounded-md border border-dashed border-slate-300 px-4 py-10 text-center text-sm text-slate-600">{children}</p>;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const pct = (r: number | null) => (r === null ? "—" : `${Math.round(r * 100)} %`);

/** Documents, exports, syncs and usage vs plan from the tenant's real data (last 14 days). */
export function ActivityOverview() {
  const trpc = useTRPC();
  const stats = useQuery(trpc.stats.activity.queryOptions());
  if (stats.isPending) return <p className="text-sm text-slate-500">Cargando…</p>;
  if (stats.isError) return <p role="alert" className="text-sm text-red-700">{stats.error.message}</p>;
  const { documents, exports, syncs, suggestions, plan } = stats.data;
  const docRate = documents.totals.processed + documents.totals.failed > 0 ? documents.totals.processed / (documents.totals.processed + documents.totals.failed) : null;
  const decided = suggestions.ACCEPTED + suggestions.REJECTED;

  return (
    <div className="flex flex-col gap-6">
      <div className="grid gap-6 lg:grid-cols-2">
        <Card
          id="h-documents"
          title="Documentos"
          summary={documents.total > 0 ? `${plural(documents.totals.processed, "procesado", "procesados")} · ${documents.totals.failed} con error · ${pct(docRate)} de éxito` : undefined}
        >
          {documents.total === 0 ? (
            <Empty>
              Todavía no subiste comprobantes en los últimos 14 días. <Link href="/parse" className="font-medium text-brand-700 underline">Subí el primero</Link> y vas a ver acá cuántos se procesan.
            </Empty>
          ) : (
            <DocumentsChart data={documents.daily} />
          )}
          {decided + suggestions.PENDING > 0 && (
            <p className="text-sm text-slate-600">
              Sugerencias: {plural(suggestions.ACCEPTED, "aceptada", "aceptadas")} · {plural(suggestions.REJECTED, "rechazada", "rechazadas")} · {plural(suggestions.PENDING, "pendiente", "pendientes")}
            </p>
          )}
        </Card>
        <Card id="h-exports" title="Exportaciones" summary={exports.total > 0 ? `${pct(exports.successRate)} de éxito · ${exports.total} envíos` : undefined}>
          {exports.total === 0 ? (
            <Empty>
              Sin exportaciones en los últimos 14 días. Desde <Link href="/exportar" className="font-medium text-brand-700 underline">Exportar</Link> mandás documentos a tus conectores.
            </Empty>
          ) : (
            <ExportsChart data={exports.daily} />
          )}
        </Card>
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card id="h-syncs" title="Sincronizaciones" summary={syncs.total > 0 ? `${syncs.total} corridas · ${syncs.totals.imported} registros importados` : undefined}>
          {syncs.total === 0 ? <Empty>Sin sincronizaciones en los últimos 14 días. Los conectores PULL traen registros de otros sistemas.</Empty> : <SyncsChart data={syncs.daily} />}
        </Card>
        <Card id="h-usage" title={`Uso del plan ${plan.name}`}>
          <ul className="flex flex-col gap-3" aria-label="Uso del plan">
            {plan.usage
              .filter((u) => u.used !== null)
              .map((u) => {
                const ratio = u.limit === null || u.limit === 0 ? 0 : Math.min(1, (u.used ?? 0) / u.limit);
                return (
                  <li key={u.key} className="flex flex-col gap-1 text-sm">
                    <div className="flex justify-between">
                      <span className="text-slate-700">{LIMIT_LABEL[u.key]}</span>
                      <span className="font-medium text-slate-900">
                        {u.used} / {u.limit === null ? "ilimitado" : u.limit}
                      </span>
                    </div>
                    <div
                      role="progressbar"
                      aria-label={LIMIT_LABEL[u.key]}
                      aria-valuenow={u.used ?? 0}
                      aria-valuemin={0}
                      aria-valuemax={u.limit ?? undefined}
                      className="h-2 overflow-hidden rounded-full bg-slate-100"
                    >
                      <div className={cn("h-full rounded-full", ratio >= 1 ? "bg-red-600" : ratio >= 0.8 ? "bg-amber-500" : "bg-brand-600")} style={{ width: `${u.limit === null ? 4 : Math.max(2, ratio * 100)}%` }} />
                    </div>
                  </li>
                );
              })}
          </ul>
          <p className="text-xs text-slate-500">
            ¿Necesitás más? <Link href="/planes" className="font-medium text-brand-700 underline">Ver planes</Link>
          </p>
        </Card>
      </div>
    </div>
  );
}
