"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Cable } from "lucide-react";
import { useFormatter } from "next-intl";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { InlineConfirm } from "@/components/ui/inline-confirm";
import { AdminList, ListStatus, NewItemPanel, SuccessNotice } from "@/components/ui/admin-list";
import { ConnectorStats } from "@/components/exports/connector-stats";
import { EmptyState } from "@/components/ui/empty-state";
import type { ConnectorView } from "@/server/connectors/connector-view";
import { useTRPC } from "@/trpc/client";
import { ConnectorForm } from "./connector-form";

const DIRECTION_LABEL = { PUSH: "PUSH", PULL: "PULL", BIDIRECTIONAL: "Bidireccional" } as const;
const AUTH_LABEL = { NONE: "Sin autenticación", API_KEY: "API key", BEARER: "Bearer", BASIC: "Basic", OAUTH2_CLIENT_CREDENTIALS: "OAuth 2.0" } as const;

export function ConnectorsAdmin() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const connectors = useQuery(trpc.connectors.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.connectors.list.queryKey() });
  const create = useMutation(trpc.connectors.create.mutationOptions());
  const update = useMutation(trpc.connectors.update.mutationOptions());

  return (
    <div className="flex flex-col gap-6">
      {!creating && (
        <div>
          <Button onClick={() => (setCreating(true), setEditing(null), setNotice(null))}>Nuevo conector</Button>
        </div>
      )}
      {notice && <SuccessNotice>{notice}</SuccessNotice>}

      {creating && (
        <NewItemPanel title="Nuevo conector">
          <ConnectorForm
            submitLabel="Crear conector"
            onCancel={() => setCreating(false)}
            onSubmit={async (values) => {
              const created = await create.mutateAsync(values);
              setCreating(false);
              setNotice(`Conector «${created.name}» creado.${created.hasSecret ? " El secreto quedó guardado cifrado y no se vuelve a mostrar." : ""}`);
              await refresh();
            }}
          />
        </NewItemPanel>
      )}

      <ListStatus
        query={connectors}
        empty={
          !creating && (
            <EmptyState icon={Cable} title="Todavía no hay conectores">
              Un conector es la conexión con la API de otro sistema (tu ERP, tu sistema contable): Contaflow le envía documentos (PUSH), trae registros (PULL) o las dos cosas.
            </EmptyState>
          )
        }
      />
      <AdminList
        label="Conectores"
        items={connectors.data ?? []}
        editingId={editing}
        summary={(c) => <ConnectorSummary connector={c} onEdit={() => (setEditing(editing === c.id ? null : c.id), setCreating(false), setNotice(null))} onChanged={refresh} />}
        editor={(c) => (
          <ConnectorForm
            connector={c}
            submitLabel="Guardar cambios"
            onCancel={() => setEditing(null)}
            onSubmit={async (values) => {
              await update.mutateAsync({ id: c.id, data: values });
              setEditing(null);
              setNotice(`Cambios guardados en «${values.name}».`);
              await refresh();
            }}
          />
        )}
      />
    </div>
  );
}

function ConnectorSummary({ connector: c, onEdit, onChanged }: { connector: ConnectorView; onEdit: () => void; onChanged: () => void }) {
  const trpc = useTRPC();
  const format = useFormatter();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [showStats, setShowStats] = useState(false);
  const setEnabled = useMutation(trpc.connectors.setEnabled.mutationOptions({ onSuccess: onChanged }));
  const remove = useMutation(trpc.connectors.delete.mutationOptions({ onSuccess: onChanged }));
  const test = useMutation(trpc.connectors.testConnection.mutationOptions({ onSettled: onChanged }));
  const last = c.lastTest;

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-col gap-3 lg:flex-row lg:items-start lg:justify-between">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h3 className="font-semibold text-slate-900">{c.name}</h3>
            <Badge tone="slate">{DIRECTION_LABEL[c.direction]}</Badge>
            {c.enabled ? <Badge tone="green">Activo</Badge> : <Badge tone="red">Deshabilitado</Badge>}
          </div>
          <p className="mt-1 break-all font-mono text-xs text-slate-600">{c.baseUrl}</p>
          <p className="mt-1 text-xs text-slate-500">
            {AUTH_LABEL[c.authType]}
            {c.secretHint && ` · secreto ${c.secretHint}`}
            {c.pushSchedule && ` · PUSH programado (${c.pushSchedule})`}
            {c.pullSchedule && ` · PULL programado (${c.pullSchedule})`}
          </p>
          {c.description && <p className="mt-1 text-sm text-slate-600">{c.description}</p>}
        </div>
        {confirmDelete ? (
          <InlineConfirm
            label={`Confirmar eliminación de ${c.name}`}
            question="¿Eliminar este conector y su historial?"
            confirmLabel="Sí, eliminar"
            pending={remove.isPending}
            onConfirm={() => remove.mutate({ id: c.id })}
            onCancel={() => setConfirmDelete(false)}
          />
        ) : (
          <div className="flex flex-wrap gap-2">
            <Button className="px-3 py-1" aria-label={`Probar conexión de ${c.name}`} disabled={test.isPending} onClick={() => test.mutate({ id: c.id })}>
              {test.isPending ? "Probando…" : "Probar conexión"}
            </Button>
            <Button variant="secondary" className="px-3 py-1" aria-label={`Editar ${c.name}`} onClick={onEdit}>
              Editar
            </Button>
            {c.direction !== "PULL" && (
              <Button variant="secondary" className="px-3 py-1" aria-expanded={showStats} aria-label={`Estadísticas de ${c.name}`} onClick={() => setShowStats((v) => !v)}>
                Estadísticas
              </Button>
            )}
            <Button variant="secondary" className="px-3 py-1" aria-label={`${c.enabled ? "Deshabilitar" : "Habilitar"} ${c.name}`} onClick={() => setEnabled.mutate({ id: c.id, enabled: !c.enabled })}>
              {c.enabled ? "Deshabilitar" : "Habilitar"}
            </Button>
            <Button variant="ghost" className="px-3 py-1 text-red-700" aria-label={`Eliminar ${c.name}`} onClick={() => setConfirmDelete(true)}>
              Eliminar
            </Button>
          </div>
        )}
      </div>
      {test.error && <p role="alert" className="text-sm text-red-700">{test.error.message}</p>}
      <div aria-label={`Última prueba de ${c.name}`} aria-live="polite" className="text-sm">
        {last ? (
          <p className={last.ok ? "text-green-800" : "text-red-800"}>
            <span className="font-medium">{last.ok ? "✓ Conexión OK" : "✗ Falló la prueba"}</span>
            {last.status !== null && ` · HTTP ${last.status}`}
            {last.latencyMs !== null && ` · ${last.latencyMs} ms`}
            {` · ${format.relativeTime(last.at)}`}
            <span className="block text-slate-700">{last.message}</span>
          </p>
        ) : (
          <p className="text-slate-500">Sin probar todavía.</p>
        )}
      </div>
      {showStats && <ConnectorStats connectorId={c.id} name={c.name} />}
    </div>
  );
}
