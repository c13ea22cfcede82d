"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { DatabaseZap } from "lucide-react";
import Link from "next/link";
import { useCallback, useEffect, useRef } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { SchedulePreview } from "@/components/connectors/schedule-preview";
import { useTRPC } from "@/trpc/client";
import { StagedRecord } from "./staged-record";

const STATUS = {
  QUEUED: { label: "En cola", tone: "slate" },
  RUNNING: { label: "En curso", tone: "slate" },
  SUCCESS: { label: "Éxito", tone: "green" },
  PARTIAL: { label: "Parcial", tone: "amber" },
  FAILED: { label: "Falló", tone: "red" },
} as const;
const when = (d: Date | string | null) => (d ? new Date(d).toLocaleString("es-AR", { dateStyle: "short", timeStyle: "short" }) : "—");

/** /sync-admin: run PULL syncs, watch their counts, review staged records, see schedules. */
export function SyncAdmin() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const connectors = useQuery(trpc.sync.connectors.queryOptions());
  const runs = useQuery({ ...trpc.sync.runs.queryOptions(), refetchInterval: (q) => (q.state.data?.some((r) => r.status === "QUEUED" || r.status === "RUNNING") ? 1000 : false) });
  const staged = useQuery(trpc.sync.staged.queryOptions({}));
  const suppliers = useQuery(trpc.sync.suppliers.queryOptions());
  const refresh = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: trpc.sync.runs.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.sync.staged.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.sync.suppliers.queryKey() });
  }, [queryClient, trpc]);
  const start = useMutation(trpc.sync.start.mutationOptions({ onSuccess: refresh }));
  const resume = useMutation(trpc.sync.resume.mutationOptions({ onSuccess: refresh }));
  const running = runs.data?.some((r) => r.status === "QUEUED" || r.status === "RUNNING");
  const wasRunning = useRef(running);
  useEffect(() => {
    // A run just ended: its staged records and suppliers are new.
    if (wasRunning.current && running === false) refresh();
    wasRunning.current = running;
  }, [running, refresh]);
  const names = new Map(connectors.data?.map((c) => [c.id, c.name]));

  if (connectors.data?.length === 0) {
    return (
      <EmptyState icon={DatabaseZap} title="No hay conectores PULL">
        Creá un conector PULL o bidireccional en <Link className="underline" href="/conectores">Conectores</Link> para traer registros (por ejemplo, proveedores) de tu ERP.
      </EmptyState>
    );
  }

  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="sync-connectors" className="flex flex-col gap-3">
        <h2 id="sync-connectors" className="text-base font-semibold">
          Conectores
        </h2>
        <ul className="grid gap-3 lg:grid-cols-2">
          {connectors.data?.map((c) => (
            <li key={c.id} className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <h3 className="font-semibold">{c.name}</h3>
                <Button disabled={!c.enabled || start.isPending} onClick={() => start.mutate({ connectorId: c.id })} aria-label={`Sincronizar ${c.name} ahora`}>
                  Sincronizar ahora
                </Button>
              </div>
              {c.pullSchedule ? (
                <SchedulePreview cron={c.pullSchedule} timezone={c.scheduleTimezone} label={`la sincronización de ${c.name}`} />
              ) : (
                <p className="text-xs text-slate-500">
                  Sin programación. <Link className="underline" href="/conectores">Programala en Conectores</Link>.
                </p>
              )}
            </li>
          ))}
        </ul>
        {(start.error ?? resume.error) && <p role="alert" className="text-sm text-red-700">{(start.error ?? resume.error)!.message}</p>}
      </section>

      <section aria-labelledby="sync-runs" className="flex flex-col gap-3">
        <h2 id="sync-runs" className="text-base font-semibold">
          Sincronizaciones
        </h2>
        {runs.data?.length === 0 && <p className="text-sm text-slate-500">Todavía no hubo sincronizaciones.</p>}
        {runs.data && runs.data.length > 0 && (
          <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
            <table className="min-w-full text-sm" aria-label="Sincronizaciones">
              <thead className="bg-slate-50 text-left text-xs uppercase text-slate-500">
                <tr>
                  <th className="px-3 py-2">Conector</th>
                  <th className="px-3 py-2">Estado</th>
                  <th className="px-3 py-2 text-right">Páginas</th>
                  <th className="px-3 py-2 text-right">Importados</th>
                  <th className="px-3 py-2 text-right">En revisión</th>
                  <th className="px-3 py-2 text-right">Fallidos</th>
                  <th className="px-3 py-2">Inicio</th>
                  <th className="px-3 py-2">Detalle</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {runs.data.map((r) => (
                  <tr key={r.id} data-run-id={r.id}>
                    <td className="px-3 py-2 font-medium">
                      {r.connectorName}
                      {r.trigger === "SCHEDULE" && <span className="ml-1 text-xs text-slate-500">(programada)</span>}
                    </td>
                    <td className="px-3 py-2">
                      <Badge tone={STATUS[r.status].tone}>{STATUS[r.status].label}</Badge>
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">{r.pages}</td>
                    <td className="px-3 py-2 text-right tabular-nums" aria-label="Importados">{r.imported}</td>
                    <td className="px-3 py-2 text-right tabular-nums" aria-label="En revisión">{r.staged}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{r.failed}</td>
                    <td className="px-3 py-2 text-slate-600">{when(r.startedAt ?? r.createdAt)}</td>
                    <td className="px-3 py-2 text-xs text-slate-700">
                      {r.error && <span className="block text-red-700">{r.error}</span>}
                      {(r.status === "FAILED" || (r.status === "PARTIAL" && r.error)) && (
                        <Button variant="secondary" className="mt-1 px-2 py-1 text-xs" disabled={resume.isPending} onClick={() => resume.mutate({ runId: r.id })}>
                          Reanudar desde la página {r.pageIndex + 1}
                        </Button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="sync-staged" className="flex flex-col gap-3">
        <h2 id="sync-staged" className="text-base font-semibold">
          Registros en revisión {staged.data ? `(${staged.data.total})` : ""}
        </h2>
        <p className="text-sm text-slate-600">Registros que no pasaron la validación: corregilos e importalos, o descartalos.</p>
        {staged.data?.total === 0 && <p className="text-sm text-slate-500">No hay registros pendientes de revisión.</p>}
        <ul className="flex flex-col gap-3">
          {staged.data?.items.map((s) => (
            <StagedRecord key={s.id} record={{ ...s, reason: `${names.get(s.connectorId) ? `${names.get(s.connectorId)}: ` : ""}${s.reason ?? ""}` }} onChanged={refresh} />
          ))}
        </ul>
      </section>

      <section aria-labelledby="sync-suppliers" className="flex flex-col gap-2">
        <h2 id="sync-suppliers" className="text-base font-semibold">
          Proveedores importados {suppliers.data ? `(${suppliers.data.total})` : ""}
        </h2>
        {suppliers.data && suppliers.data.items.length > 0 && (
          <ul className="grid gap-1 text-sm text-slate-700 sm:grid-cols-2 lg:grid-cols-3">
            {suppliers.data.items.slice(0, 12).map((s) => (
              <li key={s.id}>
                <span className="font-mono text-xs">{s.cuit}</span> · {s.razonSocial}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
